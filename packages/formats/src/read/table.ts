/**
 * What the table readers (html, csv, xlsx, docx) share: cell text cleaning, turning placed
 * cells into Grid rows, and moving title lines above a table into the preamble, so that a form
 * reads the same whether its title was typed above the table (Word, web pages) or into the
 * first merged row of the sheet (Excel).
 */
import type { Cell, Grid, SourcePos, TextLine } from '../grid.ts';

/**
 * Cell text as Grid promises it: whitespace runs (including no-break and ideographic spaces) as
 * one space, each line trimmed, blank lines dropped, lines joined with "\n".
 */
export function cleanText(raw: string): string {
  if (raw.length === 0) return '';
  const lines = raw.replace(INVISIBLE, '').split(/\r\n|[\r\n\v\f\u2028\u2029]/);
  const out: string[] = [];
  for (const line of lines) {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t.length > 0) out.push(t);
  }
  return out.join('\n');
}

/** zero-width characters pasted from web pages */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** `dst.push(...src)` without the argument-count limit of a spread call (large pages) */
export function append<T>(dst: T[], src: readonly T[]): void {
  for (const x of src) dst.push(x);
}

export interface PlacedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  source: SourcePos;
}

/** Cells in Grid row order: `rows[r]` holds the cells starting on row r, by column. */
export function toRows(cells: PlacedCell[], rowCount: number, page = 1): Cell[][] {
  const rows: Cell[][] = Array.from({ length: rowCount }, () => []);
  for (const c of cells) {
    const row = rows[c.row];
    if (!row) continue;
    row.push({
      row: c.row,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      text: c.text,
      page,
      source: c.source,
    });
  }
  for (const row of rows) row.sort((a, b) => a.col - b.col);
  return rows;
}

/** "单位名称：某某中心", "金额单位：万元": a label and its value in one cell */
const LABEL_VALUE = /^[^:：\n]{1,15}[:：]\s*\S/;
const MAX_TITLE_ROWS = 4;

/**
 * Moves title rows at the top of a table into the preamble: leading rows with at most one
 * non-empty cell, or whose every non-empty cell is a "标签：值" pair, as long as a real table (at
 * least two rows with two or more filled cells) remains below and no merged cell reaches from
 * the title rows into it. Returns the rows renumbered from 0 and the lines that were lifted.
 */
export function liftTitleRows(rows: Cell[][]): { rows: Cell[][]; lifted: TextLine[] } {
  let multi = 0;
  for (const row of rows) if (filled(row).length >= 2) multi++;
  const lifted: TextLine[] = [];
  if (multi < 2) return { rows, lifted };
  let k = 0;
  while (k < rows.length && k < MAX_TITLE_ROWS) {
    const row = rows[k]!;
    const texts = filled(row);
    const titleLike = texts.length <= 1 || texts.every((c) => LABEL_VALUE.test(c.text));
    if (!titleLike) break;
    if (row.some((c) => c.row + c.rowSpan > k + 1)) break;
    if (texts.length >= 2) {
      if (multi - 1 < 2) break;
      multi--;
    }
    for (const c of texts) lifted.push({ text: c.text, source: c.source });
    k++;
  }
  if (k === 0) return { rows, lifted };
  const rest = rows.slice(k).map((row) => row.map((c) => ({ ...c, row: c.row - k })));
  return { rows: rest, lifted };
}

function filled(row: Cell[]): Cell[] {
  return row.filter((c) => c.text.length > 0);
}

/** A grid from placed cells, with title rows lifted into the preamble after `preamble`. */
export function makeGrid(args: {
  source: string;
  format: Grid['format'];
  preamble: TextLine[];
  cells: PlacedCell[];
  rowCount: number;
  notes: string[];
  page?: number;
  lift?: boolean;
}): Grid {
  const rows = toRows(args.cells, args.rowCount, args.page ?? 1);
  const notes = [...args.notes];
  let finalRows = rows;
  const preamble = [...args.preamble];
  if (args.lift !== false) {
    const { rows: rest, lifted } = liftTitleRows(rows);
    if (lifted.length > 0) {
      finalRows = rest;
      append(preamble, lifted);
      notes.push(
        `表格开头 ${rows.length - rest.length} 行是标题或“标签：值”文字，已移到表外文字（preamble）`,
      );
    }
  }
  return { source: args.source, format: args.format, preamble, rows: finalRows, notes };
}
