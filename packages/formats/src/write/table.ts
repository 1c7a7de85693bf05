/**
 * The abstract form table every writer draws: lines above the table (title, 报表编号, 单位名称
 * and 填报日期), the bordered table as rows of cells with spans and styles, and lines below it
 * (signatures). A layout renders an evaluation into one FormTable, and xlsx, docx, pdf, html, md
 * and csv are drawn from it, so every format shows the same cells with the same text.
 */
import { type Decimal, dec, fixed, plain } from '@jixiao/core';
import type { ExportLayoutId } from './layout/types.ts';

/**
 * header: a column heading (bold, centred, shaded); label: a row's printed caption (单位名称,
 * 总分); text: a value in words; number: a figure (right-aligned; the spreadsheet stores the
 * number); narrative: long free text (left-aligned, wrapped).
 */
export type CellStyle = 'header' | 'label' | 'text' | 'number' | 'narrative';

export interface TableCell {
  /** 0-based column the cell starts in */
  col: number;
  rowSpan: number;
  colSpan: number;
  /** the text every writer shows; for a number, exactly what the spreadsheet format displays */
  text: string;
  /** for a figure: the number a spreadsheet stores, and its Excel number format */
  number?: { value: number; format: string };
  style: CellStyle;
}

export type LineStyle = 'title' | 'subtitle' | 'meta';

/** A line outside the table; `right` is printed at the right end of the same line. */
export interface FormLine {
  text: string;
  right?: string;
  style: LineStyle;
  align: 'left' | 'center' | 'right';
}

export interface FormTable {
  layout: ExportLayoutId;
  /** for file names and document properties */
  title: string;
  above: FormLine[];
  /** column widths in spreadsheet character units; the other writers share them out in proportion */
  columns: number[];
  /** rows[r] holds the cells that start on row r, in column order */
  rows: TableCell[][];
  below: FormLine[];
  /**
   * Row ranges [from, to) a printed page should not split (a goal's caption with its indicator
   * block), where they fit on one page. Spans never cross a range's edge.
   */
  keep?: [number, number][];
}

export interface CellOptions {
  rowSpan?: number;
  colSpan?: number;
  style?: CellStyle;
  number?: { value: number; format: string };
}

export function cell(col: number, text: string | null | undefined, opts: CellOptions = {}): TableCell {
  const out: TableCell = {
    col,
    rowSpan: opts.rowSpan ?? 1,
    colSpan: opts.colSpan ?? 1,
    text: text ?? '',
    style: opts.style ?? 'text',
  };
  if (opts.number) out.number = opts.number;
  return out;
}

/** Excel's format for `places` decimals: 0, 0.00, 0.000 … with a trailing % for percentages. */
function excelFormat(places: number, percent: boolean): string {
  return `${places === 0 ? '0' : `0.${'0'.repeat(places)}`}${percent ? '%' : ''}`;
}

/** Decimals a number needs to show all of itself, but at least `min`. */
function placesFor(d: Decimal, min: number): number {
  return Math.max(min, d.decimalPlaces());
}

/**
 * Money (万元): two decimals as the forms print them (390.76, 0.00); a figure with more decimals
 * keeps them all, since a published form must not round a unit's figure away.
 */
export function moneyCell(col: number, v: number | null | undefined, opts: CellOptions = {}): TableCell {
  if (v === null || v === undefined) return cell(col, '', { ...opts, style: 'number' });
  const places = placesFor(dec(v), 2);
  return cell(col, fixed(v, places), {
    ...opts,
    style: 'number',
    number: { value: v, format: excelFormat(places, false) },
  });
}

/** A rate stored as a fraction (1 → 100.00%), two decimals of a percent at least. */
export function percentCell(col: number, v: number | null | undefined, opts: CellOptions = {}): TableCell {
  if (v === null || v === undefined) return cell(col, '', { ...opts, style: 'number' });
  const pct = dec(v).times(100);
  const places = placesFor(pct, 2);
  return cell(col, `${fixed(pct, places)}%`, {
    ...opts,
    style: 'number',
    number: { value: v, format: excelFormat(places, true) },
  });
}

/** A score or weight as the form prints it: 20, 2.9, 95 (Excel's General format shows the same). */
export function scoreCell(col: number, v: number | null | undefined, opts: CellOptions = {}): TableCell {
  if (v === null || v === undefined) return cell(col, '', { ...opts, style: 'number' });
  return cell(col, plain(v), { ...opts, style: 'number', number: { value: v, format: 'General' } });
}

const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const PLAIN_PERCENT = /^(0|[1-9]\d*)(\.(\d+))?%$/;

/**
 * A target or actual as written. A bare number ("43.2") or percentage ("100%", "83.50%") is a
 * number in the spreadsheet, formatted to show exactly the written text again; anything else
 * ("≥12次", "未发生", "1.50" that a spreadsheet would show as 1.5) stays the unit's words.
 */
export function valueCell(col: number, raw: string, opts: CellOptions = {}): TableCell {
  // beyond 15 digits a spreadsheet number would no longer be the written figure
  if (raw.length <= 15 && PLAIN_NUMBER.test(raw) && dec(raw).toString() === raw) {
    return cell(col, raw, {
      ...opts,
      style: 'number',
      number: { value: dec(raw).toNumber(), format: 'General' },
    });
  }
  const pct = raw.length <= 15 ? PLAIN_PERCENT.exec(raw) : null;
  if (pct) {
    const places = pct[3]?.length ?? 0;
    return cell(col, raw, {
      ...opts,
      style: 'number',
      number: { value: dec(raw.slice(0, -1)).dividedBy(100).toNumber(), format: excelFormat(places, true) },
    });
  }
  return cell(col, raw, { style: 'text', ...opts });
}

/** Which table positions each cell covers: covered[r][c] is the cell that covers (r, c). */
export function coverage(table: FormTable): (TableCell | null)[][] {
  const width = table.columns.length;
  const out: (TableCell | null)[][] = table.rows.map(() => new Array<TableCell | null>(width).fill(null));
  table.rows.forEach((cells, r) => {
    for (const c of cells) {
      for (let dr = 0; dr < c.rowSpan; dr++) {
        for (let dc = 0; dc < c.colSpan; dc++) {
          const slot = out[r + dr];
          if (slot && c.col + dc < width) slot[c.col + dc] = c;
        }
      }
    }
  });
  return out;
}

/**
 * The table as a plain grid of texts: a merged cell's text in its top-left position, the
 * positions it covers empty, as a published form flattened to text shows it.
 */
export function flatRows(table: FormTable): string[][] {
  const width = table.columns.length;
  return table.rows.map((cells) => {
    const out = new Array<string>(width).fill('');
    for (const c of cells) out[c.col] = c.text;
    return out;
  });
}

/** A form line as one text: the left part and, after a gap, the right part. */
export function lineText(line: FormLine): string {
  return line.right ? `${line.text}    ${line.right}` : line.text;
}

/**
 * Checks that spans stay inside the table and no two cells overlap; layouts call it in tests,
 * since every writer relies on it.
 */
export function tableProblems(table: FormTable): string[] {
  const width = table.columns.length;
  const seen = table.rows.map(() => new Array<boolean>(width).fill(false));
  const problems: string[] = [];
  table.rows.forEach((cells, r) => {
    for (const c of cells) {
      if (c.col + c.colSpan > width) problems.push(`row ${r} col ${c.col}: spans past the last column`);
      if (r + c.rowSpan > table.rows.length) problems.push(`row ${r} col ${c.col}: spans past the last row`);
      for (let dr = 0; dr < c.rowSpan; dr++) {
        for (let dc = 0; dc < c.colSpan; dc++) {
          const slot = seen[r + dr];
          if (!slot || c.col + dc >= width) continue;
          if (slot[c.col + dc]) problems.push(`row ${r + dr} col ${c.col + dc}: covered twice`);
          slot[c.col + dc] = true;
        }
      }
    }
  });
  return problems;
}

/**
 * Width of a text in spreadsheet character units (the width of "0"): a Chinese character or
 * full-width sign takes about two.
 */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
  return w;
}

/** Lines a text needs when wrapped into a width of `units` characters. */
export function linesNeeded(text: string, units: number): number {
  const usable = Math.max(2, units - 1);
  return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/**
 * Lines each row needs so that every cell's text shows whole: a merged cell spreads what it
 * needs beyond its rows' own needs over the rows it covers.
 */
export function rowLines(table: FormTable): number[] {
  const width = (c: TableCell) => table.columns.slice(c.col, c.col + c.colSpan).reduce((s, w) => s + w, 0);
  const lines = table.rows.map(() => 1);
  table.rows.forEach((cells, r) => {
    for (const c of cells) {
      if (c.rowSpan === 1) lines[r] = Math.max(lines[r]!, linesNeeded(c.text, width(c)));
    }
  });
  table.rows.forEach((cells, r) => {
    for (const c of cells) {
      if (c.rowSpan === 1) continue;
      const need = linesNeeded(c.text, width(c));
      const have = lines.slice(r, r + c.rowSpan).reduce((s, n) => s + n, 0);
      if (need <= have) continue;
      const extra = Math.ceil((need - have) / c.rowSpan);
      for (let k = r; k < r + c.rowSpan && k < lines.length; k++) lines[k]! += extra;
    }
  });
  return lines;
}
