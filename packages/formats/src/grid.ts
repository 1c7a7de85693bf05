/**
 * The Grid: what every reader produces, whatever the file format. Later stages (layout
 * recognition, extraction, messages) only see Grids, so every cell carries where it came
 * from in the source file, and every message can point at the place.
 */

/** Where a cell came from, in the source's own terms. */
export interface SourcePos {
  /** 1-based line in a text, markdown, csv or html file */
  line?: number;
  /** sheet name of an xlsx cell */
  sheet?: string;
  /** A1 address of an xlsx cell */
  address?: string;
  /** 1-based page of a pdf */
  page?: number;
  /** pdf coordinates of the text's left/top, in points from the page's top-left corner */
  x?: number;
  y?: number;
  /** 1-based index of the table inside the document (html, docx, markdown) */
  table?: number;
}

export interface Cell {
  /** 0-based row and column inside the grid */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** text with whitespace runs inside kept as one space, trimmed; line breaks inside a cell become "\n" */
  text: string;
  /** 1-based page the cell is on (1 for paged-less formats) */
  page: number;
  source: SourcePos;
}

/**
 * One table, or the text of a document read as a table. `rows[r]` holds the cells that start
 * on row r in column order; a merged cell appears once, on its first row, with its spans.
 */
export interface Grid {
  /** the file name or a description of the source */
  source: string;
  format: 'text' | 'markdown' | 'html' | 'csv' | 'xlsx' | 'docx' | 'pdf';
  /** lines of text outside any table (titles, "单位名称：…", "填报日期：…"), in order */
  preamble: TextLine[];
  rows: Cell[][];
  /** true when the rows came from a table split over pages or tables that were joined */
  joined?: boolean;
  /** reader-level notes: the encoding chosen, how the text was split into cells … */
  notes: string[];
}

export interface TextLine {
  text: string;
  source: SourcePos;
}

/** The readers' common failure: what went wrong, where, and what to do, in Chinese. */
export interface ReadErrorInfo {
  code: string;
  message: string;
  file: string;
}

export class ReadError extends Error {
  readonly code: string;
  readonly file: string;
  constructor(info: ReadErrorInfo) {
    super(info.message);
    this.name = 'ReadError';
    this.code = info.code;
    this.file = info.file;
  }
}

/** Limits every reader honours; the defaults suit a finance bureau's uploads. */
export interface ReadLimits {
  /** largest accepted file, bytes (default 20 MB) */
  maxBytes: number;
  /** largest total inflated size of a zip (xlsx, docx), bytes (default 200 MB) */
  maxInflatedBytes: number;
  /** most pdf pages read (default 200) */
  maxPages: number;
  /** most cells in one grid (default 200,000) */
  maxCells: number;
  /** wall-clock budget per file, ms (default 20 s) */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxInflatedBytes: 200 * 1024 * 1024,
  maxPages: 200,
  maxCells: 200_000,
  timeoutMs: 20_000,
};

/** The text of a grid's cells row by row, for debugging and tests. */
export function gridToText(grid: Grid): string {
  return grid.rows.map((cells) => cells.map((c) => c.text).join(' | ')).join('\n');
}
