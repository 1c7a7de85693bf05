/**
 * Grids → one stream of cells. The extractor reads a document as a stream with row boundaries
 * as hints: where a reader kept the rows (markdown, html, xlsx …) a row is a strong unit; where
 * the flattening lost them (one cell per line or per paragraph) each cell stands alone and the
 * extractor counts cells against the header it found.
 *
 * Preamble lines (titles, '单位名称：…') enter the stream as one-cell rows before their grid's
 * table, so several forms in one file each keep their own title.
 */

import { mayStartLabel, type Value } from '@jixiao/core';
import type { Cell, Grid, SourcePos, TextLine } from '../grid.ts';
import {
  BUDGET_HEADER_WORDS,
  budgetRoleOf,
  INDICATOR_HEADER_WORDS,
  indicatorRoleOf,
} from '../layout/headers.ts';
import { type SignatureHits, signatureHits } from '../layout/index.ts';
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
  /**
   * What is known about the token's text and key, shared by every token with the same text (of
   * this form and of the forms before it). Set by tokenize; a token made elsewhere (a test) is
   * given its record on first use.
   */
  f?: TextFacts;
}

/**
 * Facts about one cell text, each found on first use and kept. Cell texts repeat within a form
 * and across forms (header words, labels, units, level names, '100%'), so one record per distinct
 * text is looked up once per token, and each fact is then a field read rather than a prefilter
 * and a lookup in a cache of its own. The facts are pure functions of text and key, and what
 * they hold (a HeadFieldMatch, a MoneyReading) is only ever read.
 */
export interface TextFacts {
  /** the text; the first token's string, so later lookups by it compare by identity */
  readonly text: string;
  /** compactText(text), or the key the token was given */
  readonly key: string;
  /** isEmptyText(text) */
  readonly empty: boolean;
  /** labelLevel(text) */
  level: LabelLevel | null | undefined;
  /** pointsMarker(text) */
  points: number | null | undefined;
  /** isValueLike(text) */
  valueLike: boolean | undefined;
  /** indicatorRoleOf(key) */
  role: IndicatorRole | null | undefined;
  /** isMarkerKey (stream.ts) of the key */
  marker: boolean | undefined;
  /** isEmptyMark(text) */
  emptyMark: boolean | undefined;
  /** plainNumber(text) */
  plain: number | null | undefined;
  /** headField(key) */
  head: HeadFieldMatch | null | undefined;
  /** parseMoney(text) */
  money: MoneyReading | undefined;
  /** signatureHits(key): the layout signatures the key matches */
  sigs: SignatureHits | undefined;
  /** joinsWith(key, next key) by the next cell's record (joinWrappedCells), a few kept */
  joins: Map<TextFacts, boolean> | undefined;
  // readings of the indicator reader (indicators.ts), found there on first use
  /** isOperatorCell(text) */
  operator: boolean | undefined;
  /** the fit of the text in a 指标性质 column, in a 度量单位 column, in a 完成值 column */
  opFit: number | undefined;
  unitFit: number | undefined;
  actualFit: number | undefined;
  /** normalizeLabel(text) */
  label: { readonly label: string; readonly points: number | null } | undefined;
  /** the text read as an indicator's name (buildRow) */
  name: NameReading | undefined;
  /** parseValue(text), for a target or actual cell (finalize.ts, shared: never changed) */
  value: Value | undefined;
}

/** What a name cell says: its text with line breaks joined, and the name it gives (buildRow). */
export interface NameReading {
  readonly raw: string;
  readonly kind: 'placeholder' | 'breakdown' | 'indicator';
  /** the name without a template prefix (for an indicator) */
  readonly name: string;
}

function newFacts(text: string, key: string, empty: boolean): TextFacts {
  return {
    text,
    key,
    empty,
    level: undefined,
    points: undefined,
    valueLike: undefined,
    role: undefined,
    marker: undefined,
    emptyMark: undefined,
    plain: undefined,
    head: undefined,
    money: undefined,
    sigs: undefined,
    joins: undefined,
    operator: undefined,
    opFit: undefined,
    unitFit: undefined,
    actualFit: undefined,
    label: undefined,
    name: undefined,
    value: undefined,
  };
}

// Bounded, and simply cleared when full, so memory stays flat however many files are imported.
// Long texts (narrative, names) rarely repeat: they get a record of their own, never kept.
const FACTS_LIMIT = 20_000;
const FACTS_MAX_TEXT = 64;
const FACTS = new Map<string, TextFacts>();
// A text's record is first kept among the recent ones, and among FACTS only once the text comes
// again. Most texts are seen once and never again (amounts, names): kept in FACTS they filled it,
// and its clearing lost the facts of the texts that do repeat (header words, labels, units) with
// them. The recent ones are many, since a text that comes again only some forms later still costs
// all its facts anew if its record is gone.
const RECENT_LIMIT = 16_384;
let recent = new Map<string, TextFacts>();

/** The shared record of a text whose key is compactText(text). */
export function factsOf(text: string): TextFacts {
  // the padding of ragged rows and blank cells: a quarter of all cells
  if (text.length === 0) return EMPTY_FACTS;
  if (text.length > FACTS_MAX_TEXT) return newFacts(text, compactText(text), isEmptyText(text));
  let f = FACTS.get(text);
  if (f !== undefined) return f;
  f = recent.get(text);
  if (f !== undefined) {
    if (FACTS.size >= FACTS_LIMIT) FACTS.clear();
    FACTS.set(text, f);
    return f;
  }
  f = newFacts(text, compactText(text), isEmptyText(text));
  if (recent.size >= RECENT_LIMIT) recent = new Map();
  recent.set(text, f);
  return f;
}

const EMPTY_FACTS = newFacts('', '', true);

/** The record for a text given another key than its compactText (a joined or cut cell). */
function factsWithKey(text: string, key: string): TextFacts {
  const f = factsOf(text);
  return f.key === key ? f : newFacts(text, key, f.empty);
}

/** The token's record of facts. */
export function factsOfTok(t: Tok): TextFacts {
  let f = t.f;
  if (f === undefined) f = t.f = factsWithKey(t.text, t.key);
  return f;
}

/** parseMoney of the token's text, found once (a budget cell is tried against every money column). */
export function moneyOfTok(t: Tok): MoneyReading {
  const f = factsOfTok(t);
  let v = f.money;
  if (v === undefined) v = f.money = parseMoney(f.text);
  return v;
}

/** isEmptyMark of the token's text, found once. */
export function emptyMarkOf(t: Tok): boolean {
  const f = factsOfTok(t);
  let v = f.emptyMark;
  if (v === undefined) v = f.emptyMark = isEmptyMark(f.text);
  return v;
}

/** plainNumber of the token's text, found once. */
export function plainNumberOf(t: Tok): number | null {
  const f = factsOfTok(t);
  let v = f.plain;
  if (v === undefined) v = f.plain = plainNumber(f.text);
  return v;
}

/** headField of the token's key, found once. */
export function headOf(t: Tok): HeadFieldMatch | null {
  const f = factsOfTok(t);
  let v = f.head;
  if (v === undefined) v = f.head = headField(f.key);
  return v;
}

/** labelLevel of the token's text, found once. */
export function levelOf(t: Tok): LabelLevel | null {
  const f = factsOfTok(t);
  let v = f.level;
  if (v === undefined) v = f.level = labelLevel(f.text);
  return v;
}

/** pointsMarker of the token's text, found once. */
export function pointsOf(t: Tok): number | null {
  const f = factsOfTok(t);
  let v = f.points;
  if (v === undefined) v = f.points = pointsMarker(f.text);
  return v;
}

/** isValueLike of the token's text, found once. */
export function valueLikeOf(t: Tok): boolean {
  const f = factsOfTok(t);
  let v = f.valueLike;
  if (v === undefined) v = f.valueLike = isValueLike(f.text);
  return v;
}

/** The layout signatures a token's key matches (none for an empty token), found once. */
export function signaturesOfTok(t: Tok): SignatureHits {
  if (t.empty) return NO_SIGNATURES;
  const f = factsOfTok(t);
  let v = f.sigs;
  if (v === undefined) v = f.sigs = signatureHits(f.key);
  return v;
}
const NO_SIGNATURES: SignatureHits = [];

/** The token's key (for scoreLayoutsBy). */
export function keyOfTok(t: Tok): string {
  return t.key;
}

/** indicatorRoleOf the token's key, found once. */
export function roleOf(t: Tok): IndicatorRole | null {
  const f = factsOfTok(t);
  let v = f.role;
  if (v === undefined) v = f.role = indicatorRoleOf(f.key);
  return v;
}

/** A copy of the token with another text, and the facts of that text. */
export function withText(t: Tok, text: string, key: string, col = t.col): Tok {
  // Written out in the order tokens are made: a spread of the token took the slow path of
  // object cloning.
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
    f: factsWithKey(text, key),
  };
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
  const f = factsOf(text);
  return {
    text: f.text,
    key: f.key,
    empty: f.empty,
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
    f,
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
  const f = factsOf(cell.text);
  return {
    text: f.text,
    key: f.key,
    empty: f.empty,
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
    f,
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

const JOINS_KEPT = 32;

/**
 * Whether two neighbouring keys are one label or header word split in two (joinWrappedCells),
 * once the prefilter let them through.
 */
function joinsWith(aKey: string, bKey: string): boolean {
  const key = aKey + bKey;
  if (isHeaderWord(key) && (!isHeaderWord(aKey) || FRAGMENT.test(bKey))) return true;
  if (labelLevel(key) !== null && (labelLevel(aKey) === null || FRAGMENT.test(bKey))) {
    // never glue two labels that each stand on their own ('满意度指标' + '(10分)' stays apart
    // because the points alone are no fragment; '产出指标' + '数量指标' is no label)
    return !(labelLevel(aKey) !== null && labelLevel(bKey) !== null && !FRAGMENT.test(bKey));
  }
  return false;
}

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
    // the others meet in form after form ('一级' + '指标'): the answer is kept with the first
    // one's facts, by the second one's record
    const fa = factsOfTok(a);
    const fb = factsOfTok(b);
    let joins = fa.joins;
    let join = joins?.get(fb);
    if (join === undefined) {
      join = joinsWith(a.key, b.key);
      if (joins === undefined) joins = fa.joins = new Map();
      else if (joins.size >= JOINS_KEPT) joins.clear();
      joins.set(fb, join);
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
    const key = a.key + b.key;
    a.text = a.text + b.text;
    a.key = key;
    a.f = factsWithKey(a.text, key);
    b.text = '';
    b.key = '';
    b.empty = true;
    b.f = factsOf('');
  }
  return repairs;
}
