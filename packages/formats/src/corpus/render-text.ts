/**
 * Text renderings of a form, each the trace of one way a table gets flattened when published:
 *
 * - markdown: a PDF converted to markdown (the seed). The table is a full grid: a merged cell's
 *   text sits on one of its positions — the top or, as PDF converters often place it, the middle
 *   row of its span — and continuation rows are damaged the way the seed shows: values shifted
 *   one cell right, labels and name shifted one cell left, the name in the first column, two
 *   values glued into one cell, an operator alone in its cell, and the table split by a page
 *   break into two tables with different column counts;
 * - web copies of an HTML table, which keep only the cells a row really has (a rowspan's cell
 *   is on its first row only): `|`-joined rows with ragged padding (a row sometimes broken after
 *   its name), one cell per line ending in ' |' with or without '||||' runs between rows, one
 *   cell per paragraph, and tab- or space-separated runs in which empty cells leave no trace.
 */
import { type FormDoc, type Placed, placeCells } from './document.ts';
import type { Damage } from './model.ts';
import type { Rng } from './random.ts';

export interface TextRendering {
  text: string;
  damage: Damage[];
}

// ---------------------------------------------------------------- markdown (positional)

interface Slot {
  text: string;
  role: string;
}

const OPERATOR_START = /^(≥|≤|>=|<=|＞|＜|>|<|=)(?=\d)/;

function rowLabel(doc: FormDoc, ri: number, slots: Slot[]): string {
  const name = slots.find((s) => s.role === 'name')?.text;
  return `第${ri + 1}行${name ? `（${name}）` : `（${doc.rows[ri]!.kind}）`}`;
}

/**
 * The table as a full grid of texts, one column wider than the form (a converter's trailing
 * column, which the shifts below use), with the merged labels placed by `middle`.
 */
function positional(doc: FormDoc, middle: boolean): Slot[][] {
  const grid = placeCells(doc);
  return grid.map((cols, ri) => {
    const out: Slot[] = cols.map((p: Placed | null, ci) => {
      if (!p) return { text: '', role: 'text' };
      const { cell } = p;
      // only 一级 labels move: a 二级 implies its 一级, so the rows a moved 一级 governs can still be
      // told; 二级 labels moved as well would leave their spans ambiguous
      const at = middle && cell.role === 'level1' ? p.row + Math.floor(cell.rs / 2) : p.row;
      return { text: ri === at && ci === p.col ? cell.text : '', role: cell.role };
    });
    out.push({ text: '', role: 'pad' });
    return out;
  });
}

function damageRow(rng: Rng, slots: Slot[], layout: 'split' | 'plain'): string | null {
  const idx = (role: string) => slots.findIndex((s) => s.role === role);
  const n = idx('name');
  const t = idx('target');
  const a = idx('actual');
  const s = idx('score');
  if (n < 0 || slots[n]!.text === '') return null;
  const last = slots.length - 1;
  const lastFree = slots[last]!.text === '';
  const choice = rng.weighted([
    ['none', 70],
    ['shift-right', 8],
    ['shift-left', 8],
    ['name-first', 5],
    ['glued-values', layout === 'plain' ? 4 : 0],
    ['glued-score', layout === 'plain' ? 3 : 0],
    ['split-operator', layout === 'plain' ? 4 : 0],
  ] as const);
  switch (choice) {
    case 'shift-right':
      if (!lastFree) return null;
      slots.splice(last, 1);
      slots.splice(n + 1, 0, { text: '', role: 'gap' });
      return 'shift-right';
    case 'shift-left':
      if (slots[0]!.text !== '' || n === 0) return null;
      slots.splice(0, 1);
      slots.splice(n, 0, { text: '', role: 'gap' });
      return 'shift-left';
    case 'name-first': {
      if (slots.slice(0, n).some((x) => x.text !== '') || n === 0) return null;
      const lead = slots.splice(0, n);
      slots.splice(1, 0, ...lead.map(() => ({ text: '', role: 'gap' })));
      return 'name-first';
    }
    case 'glued-values': {
      const target = slots[t]?.text ?? '';
      const actual = slots[a]?.text ?? '';
      if (!/\d[^\d\s.]+$/.test(target) || !/^\d/.test(actual)) return null;
      slots[t] = { text: target + actual, role: 'target' };
      slots.splice(a, 1);
      slots.push({ text: '', role: 'pad' });
      return 'glued-values';
    }
    case 'glued-score': {
      const actual = slots[a]?.text ?? '';
      const score = slots[s]?.text ?? '';
      // "95% 3" reads as two values; "3 5" could be one number with a stray space
      if (!/\d[^\d\s.]+$/.test(actual) || !/^\d+(\.\d+)?$/.test(score) || a + 1 !== s) return null;
      slots[a] = { text: `${actual} ${score}`, role: 'actual' };
      slots.splice(s, 1);
      slots.push({ text: '', role: 'pad' });
      return 'glued-values';
    }
    case 'split-operator': {
      const target = slots[t]?.text ?? '';
      const m = OPERATOR_START.exec(target);
      if (!m || !lastFree) return null;
      slots.splice(last, 1);
      slots.splice(t, 1, { text: m[1]!, role: 'op' }, { text: target.slice(m[1]!.length), role: 'target' });
      return 'split-operator';
    }
    default:
      return null;
  }
}

function mdCell(text: string): string {
  return text.replace(/\n/g, ' ').replace(/\|/g, '｜');
}

function mdTable(rows: Slot[][]): string[] {
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [
    line(new Array(width).fill('')),
    `|${new Array(width).fill('--').join('|')}|`,
    ...rows.map((r) => line([...r.map((s) => s.text), ...new Array(width - r.length).fill('')])),
  ];
}

export function renderMarkdown(doc: FormDoc, rng: Rng, opts: { splitCells: boolean }): TextRendering {
  const damage: Damage[] = [];
  const middle = rng.chance(0.5);
  if (middle) damage.push({ kind: 'middle-row-label', where: '一级指标' });
  const rows = positional(doc, middle);
  rows.forEach((slots, ri) => {
    if (doc.rows[ri]!.kind !== 'indicator') return;
    const where = rowLabel(doc, ri, slots);
    const kind = damageRow(rng, slots, opts.splitCells ? 'split' : 'plain');
    if (kind) damage.push({ kind: kind as Damage['kind'], where });
  });
  // a page break inside the last goal's indicators: the second table lost the trailing column
  const indicatorRows = rows.map((_, i) => i).filter((i) => doc.rows[i]!.kind === 'indicator');
  let split = -1;
  if (indicatorRows.length > 4 && rng.chance(0.5)) {
    split = indicatorRows[rng.int(Math.floor(indicatorRows.length / 2), indicatorRows.length - 1)]!;
    damage.push({ kind: 'page-split', where: rowLabel(doc, split, rows[split]!) });
  }
  const first = split >= 0 ? rows.slice(0, split) : rows;
  const second = split >= 0 ? rows.slice(split) : [];
  const out: string[] = ['', ''];
  for (const t of doc.title) out.push(t, '');
  for (const b of doc.before) out.push(b, '');
  out.push(...mdTable(first));
  if (second.length > 0) {
    const trimmed = second.every(
      (r) => r.length <= doc.columns || r.slice(doc.columns).every((s) => s.text === ''),
    )
      ? second.map((r) => r.slice(0, doc.columns))
      : second;
    out.push('', ...mdTable(trimmed));
  }
  for (const a of doc.after) out.push('', a);
  return { text: `${out.join('\n')}\n`, damage };
}

// ---------------------------------------------------------------- web copies (cells per row)

interface WebRow {
  cells: { text: string; role: string }[];
  kind: string;
  /** columns the row's own cells take; the rest is covered by rowspans from above */
  width: number;
}

function webRows(doc: FormDoc): WebRow[] {
  const out: WebRow[] = [];
  for (const t of doc.title) out.push({ cells: [{ text: t, role: 'title' }], kind: 'title', width: 1 });
  if (doc.before.length > 0) {
    out.push({
      cells: doc.before.map((b) => ({ text: b, role: 'text' })),
      kind: 'before',
      width: doc.before.length,
    });
  }
  for (const r of doc.rows) {
    out.push({
      cells: r.cells.map((c) => ({ text: c.text, role: c.role })),
      kind: r.kind,
      width: r.cells.reduce((n, c) => n + c.cs, 0),
    });
  }
  for (const a of doc.after) out.push({ cells: [{ text: a, role: 'text' }], kind: 'after', width: 1 });
  return out;
}

/** `|`-joined rows with a ragged run of pipes where the row's cells end. */
export function renderPipeRows(doc: FormDoc, rng: Rng): TextRendering {
  const damage: Damage[] = [];
  const lines: string[] = [];
  for (const r of webRows(doc)) {
    const texts = r.cells.map((c) => c.text.replace(/\n/g, ' '));
    const pad = Math.max(0, doc.columns - r.width);
    const tail = pad > 0 ? ` ${'|'.repeat(pad)}` : '';
    const n = r.cells.findIndex((c) => c.role === 'name');
    if (r.kind === 'indicator' && n >= 0 && n < texts.length - 1 && rng.chance(0.08)) {
      // a line break inside the name cell broke the copied row in two
      lines.push(`${texts.slice(0, n + 1).join(' | ')} |`);
      lines.push(`${texts.slice(n + 1).join(' | ')} |${tail}`);
      damage.push({ kind: 'row-broken', where: texts[n]! });
      continue;
    }
    lines.push(`${texts.join(' | ')} |${tail}`);
  }
  return { text: `${lines.join('\n')}\n`, damage };
}

/** One cell per line ending in ' |'; rows separated by runs of pipes, or not at all. */
export function renderCellPerLine(doc: FormDoc, separators: boolean): TextRendering {
  const lines: string[] = [];
  for (const r of webRows(doc)) {
    for (const c of r.cells) {
      const t = c.text.replace(/\n/g, ' ').trim();
      lines.push(t === '' ? '|' : `${t} |`);
    }
    if (separators) lines.push('|'.repeat(Math.max(2, doc.columns + 2 - r.cells.length)));
  }
  return { text: `${lines.join('\n')}\n`, damage: [] };
}

/** One cell per paragraph; an empty cell is a paragraph of one space. */
export function renderParagraphs(doc: FormDoc): TextRendering {
  const paras: string[] = [];
  for (const r of webRows(doc)) {
    for (const c of r.cells) paras.push(c.text.trim() === '' ? ' ' : c.text);
  }
  return { text: `${paras.join('\n\n')}\n`, damage: [] };
}

/**
 * Tab- or space-separated runs, the table indented under an unindented title; empty cells
 * leave no trace and a cell's line breaks are gone.
 */
export function renderDelimited(doc: FormDoc, sep: 'tab' | 'space'): TextRendering {
  const rows = webRows(doc).map((r) => ({
    kind: r.kind,
    cells: r.cells.map((c) => c.text.replace(/\n/g, '')).filter((t) => t.trim() !== ''),
  }));
  const spaced = rows.some((r) => r.cells.some((t) => /\s/.test(t)));
  const joiner = sep === 'tab' ? '\t' : spaced ? '   ' : ' ';
  const lines: string[] = [];
  for (const r of rows) {
    if (r.cells.length === 0) continue;
    const indent = r.kind === 'title' ? '' : '    ';
    lines.push(indent + r.cells.join(joiner));
  }
  return { text: `${lines.join('\n')}\n`, damage: [] };
}
