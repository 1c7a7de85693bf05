/**
 * Page geometry → tables. Pure functions over positioned text runs and ruling lines, so the
 * rules can be tested without pdf.js. Coordinates are points from the page's top-left corner.
 *
 * With ruling lines, the lines define the cells: a table is a connected set of horizontal and
 * vertical lines, its grid comes from the distinct line positions, and a missing border piece
 * between two grid cells means they are one merged cell. Without ruling lines, columns are
 * the fewest boundaries that fall into every gap between two pieces of text on a line (and, once
 * rows are known, between two cells of a row); a cell's wrapped lines are joined, and cells
 * whose text is centred at the same height are a row.
 */
import type { Segment } from './pdf-rulings.ts';

/** one piece of text on a page */
export interface TextRun {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  /** font size in points */
  size: number;
}

export interface LaidCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** left/top of the cell's text, or of the cell when it is empty */
  x: number;
  y: number;
}

export interface LaidLine {
  text: string;
  x: number;
  y: number;
}

export interface LaidTable {
  /** cells in row order, then column order */
  cells: LaidCell[];
  rowCount: number;
  colCount: number;
  /** x positions of the column boundaries (colCount + 1 of them) */
  columns: number[];
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** true when ruling lines defined the cells */
  ruled: boolean;
  /** text lines above the table (after the previous table) */
  before: LaidLine[];
  /** text lines below the last table of the page */
  after: LaidLine[];
}

export interface PageLayout {
  tables: LaidTable[];
  /** text of a page without any table */
  lines: LaidLine[];
  /** what the layout did that a reader of the grid should know */
  notes: string[];
}

/** positions closer than this are one line position */
const SNAP = 2;
/** segments shorter than this are not borders (ticks, underlines of a character) */
const MIN_SEGMENT = 3;
/** more grid cells than this in one table means the lines are not a table (a chart, a hatch) */
const MAX_GRID_CELLS = 250_000;
/** more line pieces than this on a page is a drawing; comparing them pairwise would take too long */
const MAX_SEGMENTS = 4000;

const round = (n: number): number => Math.round(n * 10) / 10;

// ---------------------------------------------------------------------------------------------
// text runs

function charWeight(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === ' ') return 0.3;
  if (code >= 0x2e80 || (code >= 0x1100 && code <= 0x11ff)) return 1;
  return 0.55;
}

/**
 * Splits a run at its spaces into words with estimated positions: pdf.js joins text whose
 * gaps are small into one item, even when a table border runs through the gap.
 */
export function splitAtSpaces(run: TextRun): TextRun[] {
  if (!/\s/.test(run.text)) return [run];
  const chars = [...run.text];
  const weights = chars.map((ch) => (/\s/.test(ch) ? charWeight(' ') : charWeight(ch)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const scale = (run.x1 - run.x0) / total;
  const out: TextRun[] = [];
  let x = run.x0;
  let word = '';
  let start = x;
  chars.forEach((ch, i) => {
    const w = (weights[i] ?? 0) * scale;
    if (/\s/.test(ch)) {
      if (word) out.push({ ...run, text: word, x0: start, x1: x });
      word = '';
    } else {
      if (!word) start = x;
      word += ch;
    }
    x += w;
  });
  if (word) out.push({ ...run, text: word, x0: start, x1: x });
  return out;
}

/** runs grouped into lines by baseline, each line sorted left to right, lines top to bottom */
export function groupLines(runs: readonly TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const lines: TextRun[][] = [];
  let current: TextRun[] = [];
  let base = 0;
  let size = 0;
  for (const run of sorted) {
    if (current.length > 0 && Math.abs(run.baseline - base) <= 0.45 * Math.max(size, run.size)) {
      current.push(run);
      size = Math.max(size, run.size);
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [run];
    base = run.baseline;
    size = run.size;
  }
  if (current.length > 0) lines.push(current);
  for (const line of lines) line.sort((a, b) => a.x0 - b.x0);
  return lines;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const LATIN = /[0-9A-Za-z%‰.,+\-=<>≥≤＜＞~()]/;

/** Chinese characters and Latin letters or digits: where word processors add air between scripts */
const HAN_CHARS = '\\u3400-\\u9fff\\uf900-\\ufaff';
const HAN = new RegExp(`[${HAN_CHARS}]`);
const ALNUM = /[0-9A-Za-z]/;
const TOUCHING = new RegExp(`[${HAN_CHARS}][0-9A-Za-z]|[0-9A-Za-z][${HAN_CHARS}]`, 'g');
const SPACED = new RegExp(`[${HAN_CHARS}]\\s+[0-9A-Za-z]|[0-9A-Za-z]\\s+[${HAN_CHARS}]`, 'g');

/**
 * Whether the producer of a page puts air between Chinese and Latin text that nobody typed.
 * Word processors do (a quarter em, "≥12 次"); browsers and spreadsheets print "2023年" with the
 * digits touching, and a space typed in "主体 (个)" as a space glyph about as wide as that air.
 * The page tells which: where a Chinese character meets a Latin letter or digit on a line, do the
 * two touch more often than there is air between them. Inside one pdf.js item, pdf.js has
 * already judged (it puts a " " in the item for a gap of a tenth of an em or more); between items
 * the gap is measured. A page with no such place keeps the word processors' reading.
 */
export function addsScriptAir(runs: readonly TextRun[]): boolean {
  let touching = 0;
  let air = 0;
  for (const run of runs) {
    touching += run.text.match(TOUCHING)?.length ?? 0;
    air += run.text.match(SPACED)?.length ?? 0;
  }
  for (const line of groupLines(runs)) {
    for (let i = 1; i < line.length; i += 1) {
      const prev = line[i - 1] as TextRun;
      const run = line[i] as TextRun;
      const a = prev.text.trimEnd().slice(-1);
      const b = run.text.trimStart().slice(0, 1);
      if (!((HAN.test(a) && ALNUM.test(b)) || (ALNUM.test(a) && HAN.test(b)))) continue;
      const gap = (run.x0 - prev.x1) / Math.max(prev.size, run.size);
      // a space at an item's end is pdf.js saying there was air
      if (/\s$/.test(prev.text) || /^\s/.test(run.text)) air += 1;
      else if (gap > -0.1 && gap < 0.05) touching += 1;
      else if (gap >= 0.1 && gap < 0.6) air += 1;
    }
  }
  return touching <= air;
}

/**
 * The text of runs on one line, with a space where the gap looks like one. Word processors
 * put a quarter-em of air between Chinese and Latin text ("≥12 次") that nobody typed; on a
 * page that has such air (`scriptAir`, see addsScriptAir) a gap there is not a space.
 */
export function joinLine(line: readonly TextRun[], scriptAir = true): string {
  let text = '';
  let prev: TextRun | undefined;
  for (const run of line) {
    if (prev) {
      const size = Math.max(prev.size, run.size);
      const gap = run.x0 - prev.x1;
      const a = text.slice(-1);
      const b = run.text.slice(0, 1);
      const mixed = (CJK.test(a) && LATIN.test(b)) || (LATIN.test(a) && CJK.test(b));
      if (gap > 0.15 * size && !(scriptAir && mixed && gap < 0.6 * size)) text += ' ';
    }
    text += run.text;
    prev = run;
  }
  return text.replace(/[^\S\n]+/g, ' ').trim();
}

const OPENING = /[（(“‘《〈【［[「『]/;
const WORD = /[0-9A-Za-z%‰.,+\-/*_]/;
const CLOSING = /[）)”’》〉】］\]」』，。、；：！？,.;:!?%]/;

/**
 * The width of what starts a line up to its first break opportunity: one Chinese character
 * or a Latin word, with the brackets and punctuation that may not be split from it.
 */
function firstUnitWidth(line: readonly TextRun[]): number {
  const run = line[0];
  if (!run) return 0;
  const chars = [...run.text];
  let n = 0;
  while (n < chars.length && OPENING.test(chars[n] ?? '')) n += 1;
  if (n < chars.length && WORD.test(chars[n] ?? ''))
    while (n < chars.length && WORD.test(chars[n] ?? '')) n += 1;
  else n += 1;
  while (n < chars.length && CLOSING.test(chars[n] ?? '')) n += 1;
  const weights = chars.map(charWeight);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const unit = weights.slice(0, n).reduce((a, b) => a + b, 0);
  return ((run.x1 - run.x0) * unit) / total;
}

/**
 * The text of a cell. A line is wrapped when the next line's first word would not have fitted
 * after it: such lines are joined; a line that stopped short ended where the author pressed
 * Enter and keeps a "\n".
 */
export function cellText(runs: readonly TextRun[], left: number, right: number, scriptAir = true): string {
  const lines = groupLines(runs);
  let text = '';
  lines.forEach((line, i) => {
    const body = joinLine(line, scriptAir);
    if (!body) return;
    if (i > 0 && text) {
      const prev = lines[i - 1] ?? [];
      const width = Math.max(...prev.map((r) => r.x1)) - Math.min(...prev.map((r) => r.x0));
      // 6 pt: the cell's inner padding, left and right, in the office suites met so far
      const wrapped = width + firstUnitWidth(line) > right - left - 6;
      if (!wrapped) text += '\n';
      else if (!(CJK.test(text.slice(-1)) || CJK.test(body.slice(0, 1)))) text += ' ';
    }
    text += body;
  });
  return text;
}

/** text lines outside tables; a wide gap inside a line starts another line (单位名称 … 填报日期) */
export function looseLines(runs: readonly TextRun[], scriptAir = true): LaidLine[] {
  const out: LaidLine[] = [];
  for (const line of groupLines(runs)) {
    let part: TextRun[] = [];
    const flush = (): void => {
      const text = joinLine(part, scriptAir);
      const first = part[0];
      if (text && first)
        out.push({ text, x: round(first.x0), y: round(Math.min(...part.map((r) => r.top))) });
      part = [];
    };
    for (const run of line) {
      const prev = part[part.length - 1];
      if (prev && run.x0 - prev.x1 > 2.5 * Math.max(prev.size, run.size)) flush();
      part.push(run);
    }
    flush();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ruling lines

function mergeCollinear(segments: Segment[], horizontal: boolean): Segment[] {
  const pos = (s: Segment): number => (horizontal ? s.y1 : s.x1);
  const from = (s: Segment): number => (horizontal ? s.x1 : s.y1);
  const to = (s: Segment): number => (horizontal ? s.x2 : s.y2);
  const make = (p: number, a: number, b: number): Segment =>
    horizontal ? { x1: a, y1: p, x2: b, y2: p } : { x1: p, y1: a, x2: p, y2: b };
  const sorted = [...segments].sort((a, b) => pos(a) - pos(b));
  const groups: Segment[][] = [];
  for (const s of sorted) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    if (group && first && pos(s) - pos(first) <= 1) group.push(s);
    else groups.push([s]);
  }
  const out: Segment[] = [];
  for (const group of groups) {
    const p = group.reduce((sum, s) => sum + pos(s), 0) / group.length;
    group.sort((a, b) => from(a) - from(b));
    let a = Number.NaN;
    let b = Number.NaN;
    for (const s of group) {
      if (Number.isNaN(a)) {
        a = from(s);
        b = to(s);
      } else if (from(s) <= b + 1.5) {
        b = Math.max(b, to(s));
      } else {
        out.push(make(p, a, b));
        a = from(s);
        b = to(s);
      }
    }
    if (!Number.isNaN(a)) out.push(make(p, a, b));
  }
  return out.filter((s) => to(s) - from(s) >= MIN_SEGMENT);
}

/** cluster close positions into one (their mean), sorted */
function snap(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    const first = group[0];
    if (first !== undefined && v - first > SNAP) {
      out.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length > 0) out.push(group.reduce((a, b) => a + b, 0) / group.length);
  return out;
}

function nearestIndex(sorted: readonly number[], v: number): number {
  let best = -1;
  let dist = Number.POSITIVE_INFINITY;
  sorted.forEach((p, i) => {
    const d = Math.abs(p - v);
    if (d < dist) {
      dist = d;
      best = i;
    }
  });
  return dist <= SNAP ? best : -1;
}

/** index i with sorted[i] <= v < sorted[i + 1], clamped to the grid */
function slot(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sorted[mid] ?? 0) <= v) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

interface RuledGrid {
  xs: number[];
  ys: number[];
  /** region id of each grid cell, row-major */
  region: Int32Array;
  regions: { r0: number; c0: number; r1: number; c1: number }[];
}

function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r] ?? r;
  let j = i;
  while (parent[j] !== r) {
    const next = parent[j] ?? r;
    parent[j] = r;
    j = next;
  }
  return r;
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}

/** groups of segments that touch each other: each group with lines both ways may be a table */
function connectedGroups(h: Segment[], v: Segment[]): { h: Segment[]; v: Segment[] }[] {
  const parent = new Int32Array(h.length + v.length).map((_, i) => i);
  h.forEach((hs, i) => {
    v.forEach((vs, j) => {
      if (vs.x1 >= hs.x1 - SNAP && vs.x1 <= hs.x2 + SNAP && hs.y1 >= vs.y1 - SNAP && hs.y1 <= vs.y2 + SNAP) {
        union(parent, i, h.length + j);
      }
    });
  });
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  const get = (root: number): { h: Segment[]; v: Segment[] } => {
    let g = groups.get(root);
    if (!g) {
      g = { h: [], v: [] };
      groups.set(root, g);
    }
    return g;
  };
  h.forEach((s, i) => {
    get(find(parent, i)).h.push(s);
  });
  v.forEach((s, j) => {
    get(find(parent, h.length + j)).v.push(s);
  });
  return [...groups.values()].filter((g) => g.h.length >= 2 && g.v.length >= 1);
}

function ruledGrid(h: Segment[], v: Segment[]): RuledGrid | null {
  const left = Math.min(...h.map((s) => s.x1), ...v.map((s) => s.x1));
  const right = Math.max(...h.map((s) => s.x2), ...v.map((s) => s.x1));
  const top = Math.min(...h.map((s) => s.y1), ...v.map((s) => s.y1));
  const bottom = Math.max(...h.map((s) => s.y1), ...v.map((s) => s.y2));
  const xs = snap([left, right, ...v.map((s) => s.x1)]);
  const ys = snap([top, bottom, ...h.map((s) => s.y1)]);
  const nc = xs.length - 1;
  const nr = ys.length - 1;
  if (nc < 1 || nr < 1 || nc * nr > MAX_GRID_CELLS) return null;

  const vAt: Segment[][] = xs.map(() => []);
  for (const s of v) {
    const k = nearestIndex(xs, s.x1);
    if (k >= 0) vAt[k]?.push(s);
  }
  const hAt: Segment[][] = ys.map(() => []);
  for (const s of h) {
    const k = nearestIndex(ys, s.y1);
    if (k >= 0) hAt[k]?.push(s);
  }
  const covered = (list: Segment[] | undefined, a: number, b: number, horizontal: boolean): boolean =>
    (list ?? []).some(
      (s) => overlap(horizontal ? s.x1 : s.y1, horizontal ? s.x2 : s.y2, a, b) >= 0.5 * (b - a),
    );

  const parent = new Int32Array(nr * nc).map((_, i) => i);
  const id = (r: number, c: number): number => r * nc + c;
  const y = (i: number): number => ys[i] ?? 0;
  const x = (i: number): number => xs[i] ?? 0;
  for (let r = 0; r < nr; r += 1) {
    for (let c = 0; c < nc; c += 1) {
      if (c + 1 < nc && !covered(vAt[c + 1], y(r), y(r + 1), false)) union(parent, id(r, c), id(r, c + 1));
      if (r + 1 < nr && !covered(hAt[r + 1], x(c), x(c + 1), true)) union(parent, id(r, c), id(r + 1, c));
    }
  }
  // A merged cell is a rectangle; an irregular region (a border piece missing at random)
  // is split back into the runs of each row, which are always rectangles.
  const boxes = new Map<number, { r0: number; c0: number; r1: number; c1: number; n: number }>();
  for (let r = 0; r < nr; r += 1) {
    for (let c = 0; c < nc; c += 1) {
      const root = find(parent, id(r, c));
      const b = boxes.get(root);
      if (!b) boxes.set(root, { r0: r, c0: c, r1: r, c1: c, n: 1 });
      else {
        b.r0 = Math.min(b.r0, r);
        b.c0 = Math.min(b.c0, c);
        b.r1 = Math.max(b.r1, r);
        b.c1 = Math.max(b.c1, c);
        b.n += 1;
      }
    }
  }
  const region = new Int32Array(nr * nc).fill(-1);
  const regions: RuledGrid['regions'] = [];
  for (let r = 0; r < nr; r += 1) {
    for (let c = 0; c < nc; c += 1) {
      if ((region[id(r, c)] ?? -1) >= 0) continue;
      const root = find(parent, id(r, c));
      const b = boxes.get(root);
      if (!b) continue;
      if ((b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) === b.n) {
        const k = regions.push({ r0: b.r0, c0: b.c0, r1: b.r1, c1: b.c1 }) - 1;
        for (let rr = b.r0; rr <= b.r1; rr += 1)
          for (let cc = b.c0; cc <= b.c1; cc += 1) region[id(rr, cc)] = k;
      } else {
        let c1 = c;
        while (c1 + 1 < nc && find(parent, id(r, c1 + 1)) === root && (region[id(r, c1 + 1)] ?? -1) < 0)
          c1 += 1;
        const k = regions.push({ r0: r, c0: c, r1: r, c1 }) - 1;
        for (let cc = c; cc <= c1; cc += 1) region[id(r, cc)] = k;
      }
    }
  }
  return { xs, ys, region, regions };
}

function ruledTable(grid: RuledGrid, runs: TextRun[], scriptAir: boolean): LaidTable {
  const { xs, ys, region, regions } = grid;
  const nc = xs.length - 1;
  const texts: TextRun[][] = regions.map(() => []);
  for (const run of runs) {
    const c = slot(xs, (run.x0 + run.x1) / 2);
    const r = slot(ys, (run.top + run.bottom) / 2);
    const k = region[r * nc + c] ?? -1;
    if (k >= 0) texts[k]?.push(run);
  }
  const cells: LaidCell[] = regions.map((g, k) => {
    const inside = texts[k] ?? [];
    const left = xs[g.c0] ?? 0;
    const right = xs[g.c1 + 1] ?? left;
    const text = cellText(inside, left, right, scriptAir);
    const first = [...inside].sort((a, b) => a.top - b.top || a.x0 - b.x0)[0];
    return {
      row: g.r0,
      col: g.c0,
      rowSpan: g.r1 - g.r0 + 1,
      colSpan: g.c1 - g.c0 + 1,
      text,
      x: round(first && text ? first.x0 : left),
      y: round(first && text ? first.top : (ys[g.r0] ?? 0)),
    };
  });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    cells,
    rowCount: ys.length - 1,
    colCount: nc,
    columns: xs.map(round),
    top: round(ys[0] ?? 0),
    bottom: round(ys[ys.length - 1] ?? 0),
    left: round(xs[0] ?? 0),
    right: round(xs[xs.length - 1] ?? 0),
    ruled: true,
    before: [],
    after: [],
  };
}

// ---------------------------------------------------------------------------------------------
// text without ruling lines

interface Chunk {
  runs: TextRun[];
  x0: number;
  x1: number;
}

/** a line's runs split where the gap is wide enough to be a column gap */
function chunksOf(line: TextRun[]): Chunk[] {
  const out: Chunk[] = [];
  for (const run of line) {
    const last = out[out.length - 1];
    const prev = last?.runs[last.runs.length - 1];
    if (last && prev && run.x0 - prev.x1 <= 0.8 * Math.max(prev.size, run.size)) {
      last.runs.push(run);
      last.x1 = Math.max(last.x1, run.x1);
    } else {
      out.push({ runs: [run], x0: run.x0, x1: run.x1 });
    }
  }
  return out;
}

/**
 * Column boundaries of a table without ruling lines, from the gaps between the pieces of text
 * on each line. Two pieces with a column gap between them are two cells, so every such gap holds
 * a boundary; the fewest boundaries that put one into every gap are the columns (the greedy
 * stabbing of intervals, which is exact). Text that spans columns (a goal's text, a label centred
 * on a merged cell) bridges gaps but makes none, so it cannot hide a boundary that the rows of
 * single cells show, however many such lines there are. Each boundary is put in the middle of
 * what all the gaps holding it have in common. Returns the boundaries inside the table, sorted.
 */
export function columnBoundaries(lines: readonly (readonly { x0: number; x1: number }[])[]): number[] {
  const gaps: [number, number][] = [];
  for (const line of lines) {
    const sorted = [...line].sort((a, b) => a.x0 - b.x0);
    let reach = Number.NEGATIVE_INFINITY;
    for (const piece of sorted) {
      if (piece.x0 > reach && reach > Number.NEGATIVE_INFINITY) gaps.push([reach, piece.x0]);
      reach = Math.max(reach, piece.x1);
    }
  }
  gaps.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const points: number[] = [];
  for (const [from, to] of gaps) {
    const last = points[points.length - 1];
    if (last === undefined || from >= last) points.push(to);
  }
  const pieces = lines.flat();
  const starts = pieces.map((p) => p.x0).sort((a, b) => a - b);
  const ends = pieces.map((p) => p.x1).sort((a, b) => a - b);
  return points.map((p) => {
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    for (const [from, to] of gaps) {
      if (from < p && p <= to) {
        lo = Math.max(lo, from);
        hi = Math.min(hi, to);
      }
    }
    return leastCrossed(starts, ends, lo, hi);
  });
}

/** how many of the sorted positions are below v (or at most v, with `orEqual`) */
function countBelow(sorted: readonly number[], v: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid] ?? 0;
    if (x < v || (orEqual && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The middle of the widest stretch of [lo, hi] that the fewest pieces of text cross (their left
 * and right edges, sorted, are `starts` and `ends`): a cell's
 * widest line may stand on a line where the next column is empty, so the gaps alone do not keep
 * the boundary off it.
 */
function leastCrossed(starts: readonly number[], ends: readonly number[], lo: number, hi: number): number {
  const cuts = [lo, hi];
  for (const edges of [starts, ends])
    for (let k = countBelow(edges, lo, true); k < edges.length && (edges[k] ?? hi) < hi; k += 1)
      cuts.push(edges[k] ?? hi);
  cuts.sort((a, b) => a - b);
  let best = (lo + hi) / 2;
  let fewest = Number.POSITIVE_INFINITY;
  let widest = -1;
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const a = cuts[i] ?? lo;
    const b = cuts[i + 1] ?? hi;
    const m = (a + b) / 2;
    // pieces starting before m less those ending by m
    const crossing = countBelow(starts, m, false) - countBelow(ends, m, true);
    if (crossing < fewest || (crossing === fewest && b - a > widest)) {
      fewest = crossing;
      widest = b - a;
      best = m;
    }
  }
  return best;
}

/** one line of one cell: a chunk with the columns it lies in */
interface Piece {
  runs: TextRun[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  size: number;
  col: number;
  span: number;
}

/** the columns a piece of text lies in: those it overlaps by more than a sliver */
function columnsOf(columns: readonly number[], x0: number, x1: number, size: number): [number, number] {
  const sliver = Math.min(0.5 * size, 0.25 * (x1 - x0));
  let first = -1;
  let last = -1;
  for (let c = 0; c + 1 < columns.length; c += 1) {
    if (overlap(columns[c] ?? 0, columns[c + 1] ?? 0, x0, x1) > sliver) {
      if (first < 0) first = c;
      last = c;
    }
  }
  if (first >= 0) return [first, last - first + 1];
  return [Math.max(0, Math.min(columns.length - 2, slot(columns, (x0 + x1) / 2))), 1];
}

function pieceOf(chunk: Chunk, columns: readonly number[]): Piece {
  const size = Math.max(...chunk.runs.map((r) => r.size));
  const [col, span] = columnsOf(columns, chunk.x0, chunk.x1, size);
  return {
    runs: chunk.runs,
    x0: chunk.x0,
    x1: chunk.x1,
    top: Math.min(...chunk.runs.map((r) => r.top)),
    bottom: Math.max(...chunk.runs.map((r) => r.bottom)),
    baseline: chunk.runs[0]?.baseline ?? 0,
    size,
    col,
    span,
  };
}

/** what the layout knows of a table without rulings while it joins wrapped lines */
interface Frame {
  columns: readonly number[];
  /** the narrowest gap between two cells on a line: twice a cell's inner padding, at most */
  air: number;
  /** pieces by the columns they lie in ('col:span') */
  byColumns: ReadonlyMap<string, readonly Piece[]>;
  /** widest() by columns, centre and size, worked out once: centred cells share it */
  widths: Map<string, number>;
}

/**
 * The widest text in the same columns centred where `piece` is: the width a cell's text fills.
 * Texts that start in the column and run on into the next (a project's name) have another centre.
 */
function widest(frame: Frame, piece: Piece): number {
  const columns = `${piece.col}:${piece.span}`;
  const centre = Math.round(piece.x0 + piece.x1);
  const key = `${columns}:${centre}:${piece.size}`;
  let w = frame.widths.get(key);
  if (w === undefined) {
    w = 0;
    for (const p of frame.byColumns.get(columns) ?? [])
      if (Math.abs(p.x0 + p.x1 - centre) <= 2 * piece.size) w = Math.max(w, p.x1 - p.x0);
    frame.widths.set(key, w);
  }
  return Math.max(w, piece.x1 - piece.x0);
}

/**
 * Whether `next` goes on the text of `prev` in one cell, which the office suite wrapped: it
 * starts right below (less than 0.6 em of air), under the same text (the same left edge or the
 * same centre), and `prev` was full — the first word of `next` would not have fitted after it
 * in the width the cell's columns give, less the padding. With `typed`, `prev` need not be full:
 * the author broke the line.
 */
function wraps(prev: Piece, next: Piece, frame: Frame, from: Piece = prev, typed = false): boolean {
  if (next.baseline <= prev.baseline) return false;
  const size = Math.max(prev.size, next.size);
  const air = next.top - prev.bottom;
  if (air > 0.6 * size || air < -0.3 * size) return false;
  if (next.col + next.span <= from.col || next.col >= from.col + from.span) return false;
  const sameLeft = Math.abs(next.x0 - from.x0) <= 0.5 * size;
  const sameCentre = Math.abs(next.x0 + next.x1 - from.x0 - from.x1) <= size;
  if (!sameLeft && !sameCentre) return false;
  if (typed) return true;
  const width = Math.min(
    (frame.columns[from.col + from.span] ?? 0) - (frame.columns[from.col] ?? 0) - frame.air,
    widest(frame, from),
  );
  // the piece as one run: its first word may be drawn as several ('（' 'B/A' '）')
  const whole = { ...next.runs[0], text: next.runs.map((r) => r.text).join(''), x0: next.x0, x1: next.x1 };
  return prev.x1 - prev.x0 + firstUnitWidth([whole as TextRun]) > width - 0.5 * size;
}

/**
 * Whether two lines are two rows, not one row's wrapped text: in some column, the text on the
 * later line does not go on the text on the earlier one. Office suites print rows closer together
 * than some wrap their lines, so the spacing alone cannot tell. With `typed`, a line the author
 * broke (a label typed as '效益指标' Enter '（30分）') goes on the text above it too.
 */
function distinctRows(
  upper: readonly Piece[],
  lower: readonly Piece[],
  frame: Frame,
  typed = false,
): boolean {
  return upper.some((a) =>
    lower.some((b) => b.col < a.col + a.span && a.col < b.col + b.span && !wraps(a, b, frame, a, typed)),
  );
}

/** another piece on the very same baseline */
function level(p: Piece, q: Piece): boolean {
  return p !== q && Math.abs(p.baseline - q.baseline) <= 0.2 * Math.max(p.size, q.size);
}

/** the text of a cell's wrapped lines: joined, with a space only between two Latin words */
function blockText(block: readonly Piece[], scriptAir: boolean): string {
  let text = '';
  for (const piece of block) {
    const body = joinLine(piece.runs, scriptAir);
    if (!body) continue;
    if (text && LATIN.test(text.slice(-1)) && LATIN.test(body.slice(0, 1))) text += ' ';
    text += body;
  }
  return text;
}

/**
 * Cells of a table without ruling lines, row by row. A cell's wrapped lines are joined first;
 * then cells whose text is centred on the same height are one row — office suites centre the
 * text of every cell in its row, so a one-line value sits between the two lines of a wrapped
 * name. A label centred on a merged cell that falls between rows becomes a row of its own, as
 * the extractor expects of PDFs.
 */
function textRows(lines: readonly Chunk[][], given: Pick<Frame, 'columns' | 'air'>): Piece[][][] {
  const pieces = lines.map((line) => line.map((chunk) => pieceOf(chunk, given.columns)));
  const byColumns = new Map<string, Piece[]>();
  for (const p of pieces.flat()) {
    const key = `${p.col}:${p.span}`;
    const group = byColumns.get(key);
    if (group) group.push(p);
    else byColumns.set(key, [p]);
  }
  const frame: Frame = { ...given, byColumns, widths: new Map() };
  const lineOf = new Map<Piece, number>();
  pieces.forEach((line, i) => {
    for (const p of line) lineOf.set(p, i);
  });
  const blocks: Piece[][] = [];
  /** blocks that a later line may continue */
  let open: Piece[][] = [];
  pieces.forEach((line, i) => {
    const next: Piece[][] = [];
    for (const piece of line) {
      const block = open.find((b) => {
        const first = b[0];
        const last = b[b.length - 1];
        if (!first || !last || next.includes(b)) return false;
        const above = lineOf.get(last) ?? -1;
        // the rest of the lower line must go on the upper line's text too: a line that starts
        // other cells starts a row. Only text on the very same baseline counts: the two lines of
        // a label centred on two rows sit a little below the first row's and above the second's.
        const upper = (pieces[above] ?? []).filter((p) => level(p, last));
        const lower = line.filter((p) => level(p, piece));
        // two lines that both hold other cells, with nothing printed between them, are two rows:
        // a row's one-line cells sit between the lines of its wrapped ones
        if (upper.length > 0 && lower.length > 0 && i - above < 2) return false;
        // Text printed halfway between the two lines makes them the lines of one row when most
        // cells on both lines wrapped: then a line the author broke goes on the text above it as
        // well (a two-line label sharing the lines of a row's wrapped cells). Text halfway between
        // lines whose cells mostly stop short (1 above 1, 10 above 10) is a label centred on two
        // one-line rows.
        const half = (last.baseline + piece.baseline) / 2;
        const between = pieces
          .slice(above + 1, i)
          .some((l) => l.some((p) => Math.abs(p.baseline - half) <= 0.25 * Math.max(p.size, piece.size)));
        let wrapped = 0;
        let broken = 0;
        if (between) {
          const pairs = [[last, piece] as const, ...upper.flatMap((u) => lower.map((x) => [u, x] as const))];
          for (const [u, x] of pairs) {
            const from = u === last ? first : u;
            if (wraps(u, x, frame, from)) wrapped += 1;
            else if (wraps(u, x, frame, from, true)) broken += 1;
          }
        }
        const typed = wrapped > broken;
        if (!wraps(last, piece, frame, first, typed)) return false;
        return (
          lower.every((x) => upper.some((u) => wraps(u, x, frame, u, typed))) &&
          !distinctRows(upper, lower, frame, typed)
        );
      });
      if (block) {
        block.push(piece);
        next.push(block);
      } else {
        const fresh = [piece];
        blocks.push(fresh);
        next.push(fresh);
      }
    }
    // a block stays open for a few lines: a value centred between two lines of a wrapped name
    // stands on a line of its own between them
    const recent = (b: Piece[]): boolean => i - (lineOf.get(b[b.length - 1] as Piece) ?? -9) < 4;
    open = [...next, ...open.filter((b) => !next.includes(b) && recent(b))];
  });
  const centre = (b: Piece[]): number => ((b[0]?.baseline ?? 0) + (b[b.length - 1]?.baseline ?? 0)) / 2;
  const sorted = [...blocks].sort((a, b) => centre(a) - centre(b) || (a[0]?.x0 ?? 0) - (b[0]?.x0 ?? 0));
  const rows: Piece[][][] = [];
  let at = Number.NEGATIVE_INFINITY;
  for (const block of sorted) {
    const size = block[0]?.size ?? 0;
    const row = rows[rows.length - 1];
    if (row && centre(block) - at <= 0.35 * size) row.push(block);
    else {
      rows.push([block]);
      at = centre(block);
    }
  }
  for (const row of rows) row.sort((a, b) => (a[0]?.x0 ?? 0) - (b[0]?.x0 ?? 0));
  return rows;
}

function textTable(runs: TextRun[], scriptAir: boolean): { table: LaidTable | null; lines: LaidLine[] } {
  const lines = groupLines(runs);
  const chunked = lines.map(chunksOf);
  const counts = chunked.map((c) => c.length);
  const most = Math.max(0, ...counts);
  const all = (): LaidLine[] => looseLines(runs, scriptAir);
  if (most < 2) return { table: null, lines: all() };
  const need = most >= 3 ? 3 : 2;
  let start = counts.findIndex((n) => n >= need);
  let end = counts.length - 1;
  while (end > start && (counts[end] ?? 0) < 2) end -= 1;
  // rows of two cells just above the first wide row belong to the table, unless they read
  // like the form's header lines ("单位名称：…  填报日期：…")
  while (start > 0 && (counts[start - 1] ?? 0) >= 2) {
    const text = (lines[start - 1] ?? []).map((r) => r.text).join('');
    if (/[:：]/.test(text)) break;
    start -= 1;
  }
  const body = chunked.slice(start, end + 1);
  if (body.length < 2) return { table: null, lines: all() };

  const minX = Math.min(...body.flat().map((c) => c.x0));
  const maxX = Math.max(...body.flat().map((c) => c.x1));
  // Columns from the gaps on each line, then again with the gaps between the cells of each row:
  // a value centred between the two lines of a wrapped note shares no line with the note.
  let narrowest = Number.POSITIVE_INFINITY;
  for (const line of body)
    for (let i = 1; i < line.length; i += 1)
      narrowest = Math.min(narrowest, (line[i]?.x0 ?? 0) - (line[i - 1]?.x1 ?? 0));
  const air = Number.isFinite(narrowest) ? Math.max(0, narrowest) : 0;
  const rough = [minX, ...columnBoundaries(body), maxX];
  const extents = textRows(body, { columns: rough, air }).map((row) =>
    row.map((block) => ({
      x0: Math.min(...block.map((p) => p.x0)),
      x1: Math.max(...block.map((p) => p.x1)),
    })),
  );
  const columns = [minX, ...columnBoundaries([...body, ...extents]), maxX];
  const rows = textRows(body, { columns, air });

  const cells: LaidCell[] = [];
  rows.forEach((blocks, row) => {
    const placed: { col: number; span: number; pieces: Piece[][] }[] = [];
    for (const block of blocks) {
      const col = Math.min(...block.map((p) => p.col));
      const span = Math.max(...block.map((p) => p.col + p.span)) - col;
      const prev = placed[placed.length - 1];
      // two texts in one column of one row (rare: a boundary the gaps did not show) are one cell
      if (prev && col < prev.col + prev.span) {
        prev.pieces.push(block);
        prev.span = Math.max(prev.span, col + span - prev.col);
      } else {
        placed.push({ col, span, pieces: [block] });
      }
    }
    for (const p of placed) {
      const topmost = p.pieces.flat().sort((a, b) => a.top - b.top || a.x0 - b.x0)[0];
      cells.push({
        row,
        col: p.col,
        rowSpan: 1,
        colSpan: p.span,
        text: p.pieces.map((b) => blockText(b, scriptAir)).join(' '),
        x: round(topmost?.x0 ?? 0),
        y: round(topmost?.top ?? 0),
      });
    }
  });
  const tableRuns = body.flat().flatMap((c) => c.runs);
  const outside = [...lines.slice(0, start), ...lines.slice(end + 1)].flat();
  return {
    table: {
      cells,
      rowCount: rows.length,
      colCount: columns.length - 1,
      columns: columns.map(round),
      top: round(Math.min(...tableRuns.map((r) => r.top))),
      bottom: round(Math.max(...tableRuns.map((r) => r.bottom))),
      left: round(minX),
      right: round(maxX),
      ruled: false,
      before: [],
      after: [],
    },
    lines: looseLines(outside, scriptAir),
  };
}

// ---------------------------------------------------------------------------------------------
// a page

/** distributes text lines outside tables: above a table → its `before`; below the last → `after` */
function attachLines(tables: LaidTable[], lines: LaidLine[]): void {
  for (const line of lines) {
    const below = tables.find((t) => t.top >= line.y - 1);
    if (below) below.before.push(line);
    else tables[tables.length - 1]?.after.push(line);
  }
}

/**
 * Words without the copies that fake bold leaves: the same text drawn again a fraction of a
 * point to the side (WPS and some printer drivers do this for bold CJK fonts).
 */
function withoutDoubles(words: TextRun[]): { words: TextRun[]; doubles: number } {
  const sorted = [...words].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const kept: TextRun[] = [];
  let doubles = 0;
  for (const w of sorted) {
    const twin = kept
      .slice(-8)
      .some(
        (k) => k.text === w.text && Math.abs(k.x0 - w.x0) < 1.5 && Math.abs(k.baseline - w.baseline) < 1.5,
      );
    if (twin) doubles += 1;
    else kept.push(w);
  }
  return { words: kept, doubles };
}

export function layoutPage(runs: readonly TextRun[], segments: readonly Segment[]): PageLayout {
  const scriptAir = addsScriptAir(runs);
  const { words, doubles } = withoutDoubles(runs.flatMap(splitAtSpaces).filter((r) => r.text.trim() !== ''));
  const h = mergeCollinear(
    segments.filter((s) => s.y1 === s.y2),
    true,
  );
  const v = mergeCollinear(
    segments.filter((s) => s.x1 === s.x2 && s.y1 !== s.y2),
    false,
  );
  const notes: string[] = [];
  if (doubles > 0) notes.push(`去掉了 ${doubles} 处重叠的重复文字（仿粗体）`);
  const grids: RuledGrid[] = [];
  const drawing = h.length + v.length > MAX_SEGMENTS;
  if (drawing) notes.push(`有 ${h.length + v.length} 段线条，像是图形而不是表格，按文字位置分列`);
  for (const group of drawing ? [] : connectedGroups(h, v)) {
    const grid = ruledGrid(group.h, group.v);
    if (grid) grids.push(grid);
    else notes.push('表格线过于密集，不当作表格处理');
  }
  // each word goes to the smallest ruled grid around it
  const inGrid: TextRun[][] = grids.map(() => []);
  const outside: TextRun[] = [];
  for (const word of words) {
    const cx = (word.x0 + word.x1) / 2;
    const cy = (word.top + word.bottom) / 2;
    let best = -1;
    let area = Number.POSITIVE_INFINITY;
    grids.forEach((g, i) => {
      const x0 = (g.xs[0] ?? 0) - 1;
      const x1 = (g.xs[g.xs.length - 1] ?? 0) + 1;
      const y0 = (g.ys[0] ?? 0) - 1;
      const y1 = (g.ys[g.ys.length - 1] ?? 0) + 1;
      const a = (x1 - x0) * (y1 - y0);
      if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 && a < area) {
        best = i;
        area = a;
      }
    });
    if (best >= 0) inGrid[best]?.push(word);
    else outside.push(word);
  }
  const tables: LaidTable[] = [];
  grids.forEach((g, i) => {
    const inside = inGrid[i] ?? [];
    // boxes without text (a frame, a signature box) and single boxes are not tables
    if (inside.length === 0 || g.regions.length < 2) outside.push(...inside);
    else tables.push(ruledTable(g, inside, scriptAir));
  });
  tables.sort((a, b) => a.top - b.top || a.left - b.left);

  if (tables.length === 0) {
    const { table, lines } = textTable(outside, scriptAir);
    if (!table) return { tables: [], lines, notes };
    attachLines([table], lines);
    return { tables: [table], lines: [], notes };
  }
  attachLines(tables, looseLines(outside, scriptAir));
  return { tables, lines: [], notes };
}
