/**
 * Grids → one stream of cells. The extractor reads a document as a stream with row boundaries
 * as hints: where a reader kept the rows (markdown, html, xlsx …) a row is a strong unit; where
 * the flattening lost them (one cell per line or per paragraph) each cell stands alone and the
 * extractor counts cells against the header it found.
 *
 * Preamble lines (titles, '单位名称：…') enter the stream as one-cell rows before their grid's
 * table, so several forms in one file each keep their own title.
 */

import { mayStartLabel } from '@jixiao/core';
import type { Cell, Grid, SourcePos, TextLine } from '../grid.ts';
import {
  BUDGET_HEADER_WORDS,
  budgetRoleOf,
  INDICATOR_HEADER_WORDS,
  indicatorRoleOf,
} from '../layout/headers.ts';
import { mayMatchAny } from '../layout/prefilter.ts';
import type { IndicatorRole } from '../layout/types.ts';
import {
  compactText,
  isEmptyMark,
  isValueLike,
  type LabelLevel,
  labelLevel,
  type MoneyReading,
  parseMoney,
  plainNumber,
  pointsMarker,
} from './cells.ts';
import { type HeadFieldMatch, headField, isTitle } from './markers.ts';
import type { Repair } from './report.ts';

export interface Tok {
  text: string;
  /** NFKC, whitespace removed: for matching header words and labels */
  key: string;
  empty: boolean;
  /** global row id, increasing through the document */
  row: number;
  /** column inside the source row; -1 for preamble lines */
  col: number;
  /** the grid the token came from (index into the grids); preamble lines belong to their grid */
  grid: number;
  /** the grid's rows were lost: each cell stands alone */
  stream: boolean;
  /** the grid keeps empty cells, so columns can be compared with the header's */
  positional: boolean;
  /** the text may end anywhere (a web page cut off): a last row without values is a cut, not a row */
  cuttable: boolean;
  /** a PDF prints a merged label at the middle of its span, not on its first row */
  centred: boolean;
  /** rows the cell spans (1 unless a reader saw a merged cell) */
  rowSpan: number;
  /** global row id of the last row of the token's grid: a span reaching it may go on in the next grid */
  lastRow: number;
  /** number of cells in the source row */
  rowCells: number;
  preamble: boolean;
  where: string;
  source: SourcePos;
  // Facts about the text, each found on first use and kept: the reader asks about a cell several
  // times, and a lookup in a string-keyed cache costs more than reading a field. Undefined until
  // asked; cleared whenever the text changes (withText, joinWrappedCells).
  /** labelLevel(text) */
  level?: LabelLevel | null;
  /** pointsMarker(text) */
  points?: number | null;
  /** isValueLike(text) */
  valueLike?: boolean;
  /** indicatorRoleOf(key) */
  role?: IndicatorRole | null;
  /** isMarker (stream.ts), of the key */
  marker?: boolean;
  /** isEmptyMark(text) */
  emptyMark?: boolean;
  /** plainNumber(text) */
  plain?: number | null;
  /** headField(key) */
  head?: HeadFieldMatch | null;
  /** parseMoney(text) */
  money?: MoneyReading;
}

/** parseMoney of the token's text, found once (a budget cell is tried against every money column). */
export function moneyOfTok(t: Tok): MoneyReading {
  let v = t.money;
  if (v === undefined) v = t.money = parseMoney(t.text);
  return v;
}

/** isEmptyMark of the token's text, found once. */
export function emptyMarkOf(t: Tok): boolean {
  let v = t.emptyMark;
  if (v === undefined) v = t.emptyMark = isEmptyMark(t.text);
  return v;
}

/** plainNumber of the token's text, found once. */
export function plainNumberOf(t: Tok): number | null {
  let v = t.plain;
  if (v === undefined) v = t.plain = plainNumber(t.text);
  return v;
}

/** headField of the token's key, found once. */
export function headOf(t: Tok): HeadFieldMatch | null {
  let v = t.head;
  if (v === undefined) v = t.head = headField(t.key);
  return v;
}

/** labelLevel of the token's text, found once. */
export function levelOf(t: Tok): LabelLevel | null {
  let v = t.level;
  if (v === undefined) v = t.level = labelLevel(t.text);
  return v;
}

/** pointsMarker of the token's text, found once. */
export function pointsOf(t: Tok): number | null {
  let v = t.points;
  if (v === undefined) v = t.points = pointsMarker(t.text);
  return v;
}

/** isValueLike of the token's text, found once. */
export function valueLikeOf(t: Tok): boolean {
  let v = t.valueLike;
  if (v === undefined) v = t.valueLike = isValueLike(t.text);
  return v;
}

/** indicatorRoleOf the token's key, found once. */
export function roleOf(t: Tok): IndicatorRole | null {
  let v = t.role;
  if (v === undefined) v = t.role = indicatorRoleOf(t.key);
  return v;
}

/** A copy of the token with another text, its facts left to be found anew. */
export function withText(t: Tok, text: string, key: string, col = t.col): Tok {
  // Written out in the order tokens are made (what the spread { ...t, text, key, col, ...NO_FACTS }
  // gave): two spreads into one literal took the slow path of object cloning.
  return {
    text,
    key,
    empty: t.empty,
    row: t.row,
    col,
    grid: t.grid,
    stream: t.stream,
    positional: t.positional,
    cuttable: t.cuttable,
    centred: t.centred,
    rowSpan: t.rowSpan,
    lastRow: t.lastRow,
    rowCells: t.rowCells,
    preamble: t.preamble,
    where: t.where,
    source: t.source,
    level: undefined,
    points: undefined,
    valueLike: undefined,
    role: undefined,
    marker: undefined,
    emptyMark: undefined,
    plain: undefined,
    head: undefined,
    money: undefined,
  };
}

const NO_FACTS = {
  level: undefined,
  points: undefined,
  valueLike: undefined,
  role: undefined,
  marker: undefined,
  emptyMark: undefined,
  plain: undefined,
  head: undefined,
  money: undefined,
} as const;

/** Forgets what was found about the token's text (its text has just changed). */
function clearFacts(t: Tok): void {
  Object.assign(t, NO_FACTS);
}

// made for every token, so built as one string rather than through an array of parts
function whereOf(source: SourcePos, page: number, col: number, rowCells: number): string {
  if (source.sheet && source.address) return `${source.sheet}!${source.address}`;
  let where = '';
  if (source.table !== undefined && source.table > 1) where += `表${source.table}`;
  if (source.page !== undefined || page > 1) where += `第${source.page ?? page}页`;
  if (source.line !== undefined) where += numbered(LINE_WORDS, source.line, '行');
  if (col >= 0 && rowCells > 1) where += numbered(CELL_WORDS, col + 1, '格');
  return where !== '' ? where : numbered(CELL_WORDS, col + 1, '格');
}

// '第12行', '第3格': the same few words for every form, made once rather than per token
const WORDS_KEPT = 4096;
const LINE_WORDS = new Array<string | undefined>(WORDS_KEPT);
const CELL_WORDS = new Array<string | undefined>(WORDS_KEPT);

function numbered(words: (string | undefined)[], n: number, unit: string): string {
  if (!Number.isInteger(n) || n < 0 || n >= WORDS_KEPT) return `第${n}${unit}`;
  let w = words[n];
  if (w === undefined) {
    w = `第${n}${unit}`;
    words[n] = w;
  }
  return w;
}

/** Grids whose rows were lost hold one cell per row. */
function isStreamGrid(grid: Grid): boolean {
  // counted, not filtered into new arrays: this runs on every grid
  let rows = 0;
  let multi = 0;
  for (const r of grid.rows) {
    if (r.length === 0) continue;
    rows++;
    if (r.length > 1) multi++;
  }
  if (rows < 6) return false;
  return multi / rows < 0.05;
}

/** `text.trim() === ''`, without trimming a text that starts with printable ASCII or an ideograph. */
function isEmptyText(text: string): boolean {
  const c = text.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return text.trim() === '';
}

/** Whether the grid keeps its empty cells (a space-separated text does not). */
function isPositionalGrid(grid: Grid): boolean {
  for (const row of grid.rows) {
    // readers that drop empty cells still place the others in their true columns
    let next = 0;
    for (const cell of row) {
      if (cell.col > next) return true;
      next = cell.col + cell.colSpan;
    }
    let seenText = false;
    for (const cell of row) {
      if (cell.text === '' && seenText) return true;
      if (cell.text !== '') seenText = true;
    }
    if (row.length > 0 && row[0]!.text === '' && row.length > 1) return true;
  }
  return false;
}

function firstLine(grid: Grid): number | null {
  for (const row of grid.rows) for (const c of row) if (c.source.line !== undefined) return c.source.line;
  return null;
}

/** Where a PDF table starts: the page and top of its first cell; null for other sources. */
function tableTop(grid: Grid): { page: number; y: number } | null {
  for (const row of grid.rows)
    for (const c of row)
      if (c.source.page !== undefined && c.source.y !== undefined)
        return { page: c.source.page, y: c.source.y };
  return null;
}

/**
 * A PDF keeps the text under a table in the table's preamble ('注：…' below the last rows): it
 * comes after the rows, or the note would end the indicator table before a page's rows are read.
 */
function isBelow(at: SourcePos, top: { page: number; y: number }): boolean {
  if (at.page === undefined || at.y === undefined) return false;
  return at.page > top.page || (at.page === top.page && at.y > top.y);
}

export function tokenize(grids: Grid[]): Tok[] {
  const toks: Tok[] = [];
  let row = 0;
  grids.forEach((grid, g) => {
    const stream = isStreamGrid(grid);
    const positional = !stream && isPositionalGrid(grid);
    const start = firstLine(grid);
    // only asked where no cell has a line number (a PDF): other grids are not scanned for it
    const top = start === null ? tableTop(grid) : null;
    const before = grid.preamble.filter((l) => !isAfterTable(l, start, top));
    const after = grid.preamble.filter((l) => isAfterTable(l, start, top));
    for (const l of joinWrappedTitles(before))
      for (const part of splitPreambleLine(l.text)) toks.push(preambleTok(part, l.source, row++, g, grid));
    const lastRow = row + grid.rows.length - 1;
    for (const cells of grid.rows) {
      // an empty row still counts, so that a merged cell's span can be followed by row number
      if (cells.length === 0) {
        row++;
        continue;
      }
      for (const cell of cells)
        toks.push(
          cellTok(
            cell,
            g,
            row,
            stream,
            positional,
            cells.length,
            grid.format === 'text',
            grid.format === 'pdf',
            lastRow,
          ),
        );
      row++;
    }
    for (const l of after)
      for (const part of splitPreambleLine(l.text)) toks.push(preambleTok(part, l.source, row++, g, grid));
  });
  return toks;
}

// The helpers below are module functions rather than closures inside tokenize: a named closure
// is given its name (a property definition) every time it is made, once per grid of every file.

/** Whether a preamble line comes after the grid's table (by line number, or by place on a PDF page). */
function isAfterTable(l: TextLine, start: number | null, top: { page: number; y: number } | null): boolean {
  return start !== null ? (l.source.line ?? 0) >= start : top !== null && isBelow(l.source, top);
}

/** A preamble line's token, on its own row `row`. */
function preambleTok(text: string, source: SourcePos, row: number, g: number, grid: Grid): Tok {
  return {
    text,
    key: compactText(text),
    empty: isEmptyText(text),
    row,
    col: -1,
    grid: g,
    stream: true,
    positional: false,
    cuttable: grid.format === 'text',
    centred: grid.format === 'pdf',
    rowSpan: 1,
    lastRow: row + 1,
    rowCells: 1,
    preamble: true,
    where: whereOf(source, source.page ?? 1, -1, 1),
    source,
    level: undefined,
    points: undefined,
    valueLike: undefined,
    role: undefined,
    marker: undefined,
    emptyMark: undefined,
    plain: undefined,
    head: undefined,
    money: undefined,
  };
}

/** '单位名称：某某中心 填报日期：2024.6.10' holds two fields: split where a known label starts. */
export function splitPreambleLine(text: string): string[] {
  const starts: number[] = [];
  const label = /([\u4e00-\u9fff()（）]{2,12})\s*[:：]/g;
  for (let m = label.exec(text); m !== null; m = label.exec(text)) {
    const words = m[1]!;
    // the label may be the tail of the text before it: try each start inside the match
    for (let k = 0; k < words.length - 1; k++) {
      if (headField(compactText(words.slice(k)))) {
        starts.push(m.index + k);
        break;
      }
    }
  }
  if (starts.length < 2) return [text];
  const parts: string[] = [];
  if (starts[0]! > 0 && text.slice(0, starts[0]).trim() !== '') parts.push(text.slice(0, starts[0]).trim());
  starts.forEach((s, k) => {
    const part = text.slice(s, starts[k + 1] ?? text.length).trim();
    if (part !== '') parts.push(part);
  });
  return parts;
}

/** A title wrapped over two lines ('…整体绩' / '效自评表'): joined back. */
function joinWrappedTitles(lines: TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (let k = 0; k < lines.length; k++) {
    const a = lines[k]!;
    const b = lines[k + 1];
    if (b && !isTitle(compactText(a.text)) && b.text.length <= 12 && isTitle(compactText(a.text + b.text))) {
      out.push({ text: a.text + b.text, source: a.source });
      k++;
    } else out.push(a);
  }
  return out;
}

function cellTok(
  cell: Cell,
  grid: number,
  row: number,
  stream: boolean,
  positional: boolean,
  n: number,
  cuttable: boolean,
  centred: boolean,
  lastRow: number,
): Tok {
  return {
    text: cell.text,
    key: compactText(cell.text),
    empty: isEmptyText(cell.text),
    row,
    col: cell.col,
    grid,
    stream,
    positional,
    cuttable,
    centred,
    rowSpan: Math.max(1, cell.rowSpan),
    lastRow,
    rowCells: n,
    preamble: false,
    where: whereOf(cell.source, cell.page, cell.col, n),
    source: cell.source,
    level: undefined,
    points: undefined,
    valueLike: undefined,
    role: undefined,
    marker: undefined,
    emptyMark: undefined,
    plain: undefined,
    head: undefined,
    money: undefined,
  };
}

const mayBeHeaderWord = mayMatchAny([
  ...INDICATOR_HEADER_WORDS.map(([re]) => re),
  ...BUDGET_HEADER_WORDS.map(([re]) => re),
]);

function isHeaderWord(key: string): boolean {
  return indicatorRoleOf(key) !== null || budgetRoleOf(key) !== null;
}

/** The next non-empty token after i, if the two may be one cell split in two. */
function wrapPartner(toks: Tok[], i: number): number | null {
  const a = toks[i]!;
  let j = i + 1;
  while (j < toks.length && toks[j]!.empty && toks[j]!.row === a.row) j++;
  const b = toks[j];
  if (!b || b.empty) return null;
  if (b.row === a.row) return j;
  // across rows: a ends its row and b starts the next one (a line wrapped inside a cell)
  for (let k = i + 1; k < toks.length && toks[k]!.row === a.row; k++) if (!toks[k]!.empty) return null;
  for (let k = j - 1; k >= 0 && toks[k]!.row === b.row; k--) if (!toks[k]!.empty) return null;
  return b.row === a.row + 1 ? j : null;
}

const FRAGMENT = /^.{0,3}指标(\(\d+(\.\d+)?分\))?$/;

/**
 * Joins labels and header words that a line break split over two cells or lines: '一级'+'指标',
 * '年度'+'指标值', '经济效益'+'指标', '可持续影'+'响指标', '服务对象'+'满意度指标'. Only short
 * cells that together spell a known word are joined, and every join is recorded.
 */
export function joinWrappedCells(toks: Tok[]): { at: number; repair: Repair }[] {
  const repairs: { at: number; repair: Repair }[] = [];
  for (let i = 0; i < toks.length; i++) {
    const a = toks[i]!;
    if (a.empty || a.key.length > 10 || a.preamble) continue;
    const j = wrapPartner(toks, i);
    if (j === null) continue;
    const b = toks[j]!;
    if (b.key.length > 12 || b.preamble) continue;
    // most neighbours glued together are neither a header word nor a label: refused before the
    // glued key is built (each is a new string, flattened again to be read)
    if (!mayBeHeaderWord(a.key, b.key) && !mayStartLabel((a.key || b.key).charCodeAt(0))) continue;
    const key = a.key + b.key;
    let join = false;
    if (isHeaderWord(key) && (!isHeaderWord(a.key) || FRAGMENT.test(b.key))) join = true;
    else if (labelLevel(key) !== null && (labelLevel(a.key) === null || FRAGMENT.test(b.key))) {
      // never glue two labels that each stand on their own ('满意度指标' + '(10分)' stays apart
      // because the points alone are no fragment; '产出指标' + '数量指标' is no label)
      join = !(labelLevel(a.key) !== null && labelLevel(b.key) !== null && !FRAGMENT.test(b.key));
    }
    if (!join) continue;
    repairs.push({
      at: i,
      repair: {
        kind: 'join-wrapped-cell',
        where: a.where,
        before: `${a.text} | ${b.text}`,
        after: a.text + b.text,
      },
    });
    a.text = a.text + b.text;
    a.key = key;
    b.text = '';
    b.key = '';
    b.empty = true;
    clearFacts(a);
    clearFacts(b);
  }
  return repairs;
}
