/**
 * Text and markdown → Grids. Published forms reach us as text in a handful of shapes, each the
 * trace of how a table was flattened:
 *
 * - markdown pipe tables (a PDF converted to markdown; the seed form): one grid per table, so a
 *   table split by a page break comes out as two grids and the extractor joins them;
 * - `|`-joined rows as web pages copy them: either one row per line with ragged `| ||||` padding
 *   (rows broken across lines stay broken: the extractor joins a row whose values moved to the
 *   next line), or one cell per line ending in ' |' with runs of '||||' between rows;
 * - one cell per paragraph (blank-line separated), where whitespace-only paragraphs are empty cells;
 * - space- or tab-separated runs with indentation, where a cell may wrap onto the next line.
 *
 * Where the flattening lost the row boundaries (one cell per line without '||||' runs, one cell
 * per paragraph) every cell is given a row of its own and `grid.notes` says so: the extractor
 * then reads the cells as a stream, counting them against the header it found, which is the only
 * reading that does not invent boundaries the text does not have.
 *
 * readText never throws: any text gives zero or more grids.
 */
import type { Cell, Grid, TextLine } from '../grid.ts';
import { readDelimitedLines } from './text-delimited.ts';
import { hasHtmlTable, isMarkdownSeparatorRow, readMarkdown } from './text-markdown.ts';
import { readPipeLines } from './text-pipe.ts';

export type TextStyle = 'markdown' | 'pipe' | 'paragraph' | 'delimited';

export interface SourceLine {
  /** 1-based line number in the file */
  no: number;
  text: string;
}

/** The lines of a text with their 1-based numbers; any line ending, a BOM is dropped. */
export function splitLines(text: string): SourceLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // without a carriage return the line ends are all '\n': a plain split, no regex
  const parts = body.includes('\r') ? body.split(/\r\n|\r|\n/) : body.split('\n');
  return parts.map((t, i) => ({ no: i + 1, text: t }));
}

/** Whitespace the web pages use between and inside cells (no-break, ideographic and zero-width spaces). */
const SPACE = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+/g;

/** Cell text as Grid promises it: whitespace runs as one space, lines trimmed, joined with "\n". */
export function cellText(raw: string): string {
  // the empty cells of a ragged row's padding ('| ||||')
  if (raw === '') return '';
  // most cells hold no whitespace to fold but the spaces around them: trimmed without the regex
  const clean = cleanCell(raw);
  if (clean !== null) return clean;
  if (!raw.includes('\n')) return raw.replace(SPACE, ' ').trim();
  const out: string[] = [];
  for (const line of raw.split('\n')) {
    const t = line.replace(SPACE, ' ').trim();
    if (t.length > 0) out.push(t);
  }
  return out.join('\n');
}

/**
 * What cellText gives for a text whose only whitespace is ASCII spaces, single between other
 * characters and any number at either end: the text trimmed. Null for any other text, which goes
 * through the regex.
 */
function cleanCell(raw: string): string | null {
  return cleanCellIn(raw, 0, raw.length);
}

/** cleanCell(text.slice(from, to)), slicing only the trimmed text. */
function cleanCellIn(text: string, from: number, to: number): string | null {
  let start = from;
  let end = to;
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (text.charCodeAt(i - 1) === 0x20) return null;
    } else if (c < 0x20 || (c >= 0x7f && isSpaceCode(c))) return null;
  }
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * cellText(text.slice(from, to)): a cell read between two separators of a line. Most cells only
 * need their spaces trimmed, and are sliced once, trimmed, rather than sliced and sliced again.
 */
export function cellTextIn(text: string, from: number, to: number): string {
  return cleanCellIn(text, from, to) ?? cellText(text.slice(from, to));
}

/** The characters of SPACE other than ASCII ones: JavaScript's \s beyond ASCII, and the zero-width spaces. */
function isSpaceCode(c: number): boolean {
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const NOT_SPACE = /[^\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]/;

export function isBlank(line: string): boolean {
  // most lines start with printable ASCII or an ideograph, neither of which SPACE holds
  const c = line.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return !NOT_SPACE.test(line);
}

/** Which flattening a text shows; decided from the whole text, not line by line. */
export function detectTextStyle(lines: SourceLine[]): TextStyle {
  let content = 0;
  let piped = 0;
  let followedByEmpty = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (isBlank(text)) continue;
    content++;
    if (text.includes('|')) {
      piped++;
      if (i > 0 && lines[i - 1]!.text.includes('|') && isMarkdownSeparatorRow(text)) return 'markdown';
    }
    // A paragraph text alternates content and separator lines: most content lines are followed
    // by an empty line, and whitespace-only lines (empty cells) are common.
    if (lines[i + 1]?.text.length === 0) followedByEmpty++;
  }
  if (content === 0) return 'delimited';
  if (hasHtmlTable(lines)) return 'markdown';
  if (piped / content >= 0.3) return 'pipe';
  if (content >= 4 && followedByEmpty / content >= 0.6) return 'paragraph';
  return 'delimited';
}

/**
 * Reads a text file's tables. `file` names the source in every grid. Several markdown tables give
 * several grids; every other style gives one grid for the whole text (row boundaries in the text
 * cannot tell one table from the next, so the extractor splits forms by their content).
 */
export function readText(text: string, file: string): Grid[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const lines = splitLines(text);
  const style = detectTextStyle(lines);
  switch (style) {
    case 'markdown':
      return readMarkdown(lines, file);
    case 'pipe':
      return nonEmpty([readPipeLines(lines, file)]);
    case 'paragraph':
      return nonEmpty([readParagraphs(lines, file)]);
    default:
      return nonEmpty([readDelimitedLines(lines, file)]);
  }
}

function nonEmpty(grids: Grid[]): Grid[] {
  return grids.filter((g) => g.rows.length > 0 || g.preamble.length > 0);
}

/** A one-cell row, for texts whose row boundaries are lost. */
export function singleCellRow(row: number, text: string, line: number): Cell[] {
  return [{ row, col: 0, rowSpan: 1, colSpan: 1, text, page: 1, source: { line } }];
}

/** Builds Grid rows from cells collected per row, numbering rows and columns from 0. */
export function buildRows(rows: { text: string; line: number }[][], table?: number): Cell[][] {
  return rows.map((cells, r) =>
    cells.map((c, col) => ({
      row: r,
      col,
      rowSpan: 1,
      colSpan: 1,
      text: c.text,
      page: 1,
      source: table === undefined ? { line: c.line } : { line: c.line, table },
    })),
  );
}

/** A paragraph's lines as one cell. */
function paragraphCell(lines: SourceLine[]): { text: string; line: number } {
  return { text: cellText(lines.map((l) => l.text).join('\n')), line: lines[0]!.no };
}

/**
 * One cell per paragraph: paragraphs are separated by empty lines; a paragraph of whitespace
 * only (a line holding a single space or no-break space) is an empty cell; the lines of one
 * paragraph are one cell with line breaks. The row boundaries are lost.
 */
function readParagraphs(lines: SourceLine[], file: string): Grid {
  const cells: { text: string; line: number }[] = [];
  let current: SourceLine[] = [];
  // no `flush` closure: a named closure is given its name on every call
  for (const line of lines) {
    if (line.text.length > 0) current.push(line);
    else if (current.length > 0) {
      cells.push(paragraphCell(current));
      current = [];
    }
  }
  if (current.length > 0) cells.push(paragraphCell(current));
  const rows: Cell[][] = cells.map((c, r) => singleCellRow(r, c.text, c.line));
  return {
    source: file,
    format: 'text',
    preamble: [],
    rows,
    notes: [
      '文本为“每段一个单元格”（空行分隔），表格的行边界已丢失：每个单元格单独成一行，由提取器按表头列数重建行。',
    ],
  };
}

export type { TextLine };
