/**
 * `|`-joined text, as web pages copy their tables. Two flattenings occur:
 *
 * - one row per line, cells separated by ' | ', the row padded with a ragged run of pipes
 *   ('年度财政资金总额 | 650 | 94 | 0.1 | 2.9 | ||'); a row may be broken across two lines when a
 *   cell held a line break. Each line becomes a row; joining broken rows needs to know what a
 *   value looks like, so the extractor does it.
 * - one cell per line ending in ' |', a line of a single '|' for an empty cell and runs of '||||'
 *   between rows. Without any '||||' run the row boundaries are lost: every cell gets a row of
 *   its own and the grid's notes say so.
 *
 * A line without any pipe inside the table is a cell whose text went on over a line break: it is
 * put in front of the next line's first cell; at the end of the text (a cut-off page) it stays a
 * cell of its own. Lines without pipes before the first table line are the preamble.
 */
import type { Cell, Grid, TextLine } from '../grid.ts';
import { buildRows, cellText, cellTextIn, isBlank, type SourceLine, singleCellRow } from './text.ts';

export interface PipeLine {
  no: number;
  kind: 'pipes' | 'cells' | 'bare';
  /** for 'pipes': how many pipes */
  pipes: number;
  /** for 'cells': the cells up to the last non-empty one (internal empty cells kept) */
  cells: string[];
  /** for 'cells': empty cells after the last non-empty one, i.e. the ragged padding */
  padding: number;
  /** for 'bare': the text */
  text: string;
}

export function parsePipeLine(line: SourceLine): PipeLine {
  const t = line.text.trim();
  if (!t.includes('|'))
    return { no: line.no, kind: 'bare', pipes: 0, cells: [], padding: 0, text: cellText(t) };
  if (onlyPipes(t)) return { no: line.no, kind: 'pipes', pipes: t.length, cells: [], padding: 0, text: '' };
  // the segments between the pipes, outer pipes dropped, read in one pass without split()
  const from = t.charCodeAt(0) === PIPE ? 1 : 0;
  const to = t.charCodeAt(t.length - 1) === PIPE ? t.length - 1 : t.length;
  const cells: string[] = [];
  let segments = 0;
  let last = -1;
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && t.charCodeAt(i) !== PIPE) continue;
    const cell = cellTextIn(t, start, i);
    cells.push(cell);
    if (cell !== '') last = segments;
    segments++;
    start = i + 1;
  }
  if (last + 1 < cells.length) cells.length = last + 1;
  return { no: line.no, kind: 'cells', pipes: 0, cells, padding: segments - 1 - last, text: '' };
}

const PIPE = 0x7c;

function onlyPipes(t: string): boolean {
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) !== PIPE) return false;
  return t.length > 0;
}

interface Pending {
  text: string;
  line: number;
}

export function readPipeLines(lines: SourceLine[], file: string): Grid {
  const preamble: TextLine[] = [];
  const body: PipeLine[] = [];
  // the lines with cells, and those of one cell: counted as the lines are read, not filtered out
  let content = 0;
  let single = 0;
  for (const l of lines) {
    if (isBlank(l.text)) continue;
    const p = parsePipeLine(l);
    // bare lines before the first table line are the preamble
    if (body.length === 0 && p.kind === 'bare') {
      preamble.push({ text: p.text, source: { line: p.no } });
      continue;
    }
    body.push(p);
    if (p.kind === 'cells') {
      content++;
      if (p.cells.length === 1) single++;
    }
  }
  const cellPerLine = content > 0 && single / content >= 0.7;
  return cellPerLine ? cellPerLineGrid(body, preamble, file) : rowPerLineGrid(body, preamble, file);
}

/** Puts a pending bare line in front of the first cell of `cells`. */
function withPending(cells: string[], pending: Pending | null): string[] {
  if (!pending) return cells;
  const [first = '', ...rest] = cells;
  return [first === '' ? pending.text : `${pending.text}\n${first}`, ...rest];
}

function rowPerLineGrid(body: PipeLine[], preamble: TextLine[], file: string): Grid {
  const rows: { text: string; line: number }[][] = [];
  let pending: Pending | null = null;
  for (let i = 0; i < body.length; i++) {
    const p = body[i]!;
    if (p.kind === 'bare') {
      const isLast = i === body.length - 1;
      if (isLast || pending) {
        if (pending) rows.push([{ text: pending.text, line: pending.line }]);
        pending = null;
        if (isLast) rows.push([{ text: p.text, line: p.no }]);
        else pending = { text: p.text, line: p.no };
      } else pending = { text: p.text, line: p.no };
      continue;
    }
    if (p.kind === 'pipes') {
      if (pending) rows.push([{ text: pending.text, line: pending.line }]);
      pending = null;
      continue;
    }
    const line = pending?.line ?? p.no;
    rows.push(withPending(p.cells, pending).map((text) => ({ text, line })));
    pending = null;
  }
  if (pending) rows.push([{ text: pending.text, line: pending.line }]);
  return {
    source: file,
    format: 'text',
    preamble,
    rows: buildRows(rows),
    notes: [
      '文本为“|”分隔、每行一个表格行；行尾的“|”填充已去掉。行尾没有填充的行可能在下一行继续，由提取器按内容合并。',
    ],
  };
}

function cellPerLineGrid(body: PipeLine[], preamble: TextLine[], file: string): Grid {
  const hasSeparators = body.some((p) => p.kind === 'pipes' && p.pipes >= 2);
  if (!hasSeparators) {
    const cells: { text: string; line: number }[] = [];
    let pending: Pending | null = null;
    body.forEach((p, i) => {
      if (p.kind === 'bare') {
        if (pending) cells.push({ text: pending.text, line: pending.line });
        pending = { text: p.text, line: p.no };
        if (i === body.length - 1) {
          cells.push({ text: p.text, line: p.no });
          pending = null;
        }
        return;
      }
      const texts = p.kind === 'pipes' ? Array.from({ length: p.pipes }, () => '') : p.cells;
      const line = pending?.line ?? p.no;
      for (const text of withPending(texts, pending)) cells.push({ text, line });
      pending = null;
    });
    const rows: Cell[][] = cells.map((c, r) => singleCellRow(r, c.text, c.line));
    return {
      source: file,
      format: 'text',
      preamble,
      rows,
      notes: [
        '文本为“每行一个单元格”，没有“||||”行分隔，表格的行边界已丢失：每个单元格单独成一行，由提取器按表头列数重建行。',
      ],
    };
  }
  const rows: { text: string; line: number }[][] = [];
  let current: { text: string; line: number }[] = [];
  let pending: Pending | null = null;
  // A row ends at a run of pipes, at a whole row on one line and after padding; each end is written
  // out where it happens (no `flush` closure: a named closure is given its name on every call).
  body.forEach((p, i) => {
    if (p.kind === 'bare') {
      if (pending) current.push({ text: pending.text, line: pending.line });
      pending = { text: p.text, line: p.no };
      if (i === body.length - 1) {
        current.push({ text: p.text, line: p.no });
        pending = null;
      }
      return;
    }
    if (p.kind === 'pipes') {
      if (pending) current.push({ text: pending.text, line: pending.line });
      pending = null;
      if (p.pipes === 1) current.push({ text: '', line: p.no });
      else {
        if (current.length > 0) rows.push(current);
        current = [];
      }
      return;
    }
    const line = pending?.line ?? p.no;
    const texts = withPending(p.cells, pending);
    pending = null;
    if (texts.length > 1) {
      // a whole row on one line, as page headers above the table are written
      if (current.length > 0) rows.push(current);
      current = [];
      rows.push(texts.map((text) => ({ text, line })));
      return;
    }
    current.push({ text: texts[0] ?? '', line });
    if (p.padding > 0) {
      if (current.length > 0) rows.push(current);
      current = [];
    }
  });
  if (current.length > 0) rows.push(current);
  return {
    source: file,
    format: 'text',
    preamble,
    rows: buildRows(rows),
    notes: ['文本为“每行一个单元格”，行与行之间以“||||”分隔。'],
  };
}
