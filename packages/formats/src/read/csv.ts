/**
 * CSV as Excel and WPS save it: RFC 4180 quoting with embedded newlines and doubled quotes, a
 * comma, semicolon or tab delimiter (detected), UTF-8 with or without BOM, or GB18030/GBK (what
 * Chinese Excel writes for "CSV (逗号分隔)").
 */

import type { Grid, ReadLimits } from '../grid.ts';
import { isFormulaLike } from '../write/inert.ts';
import { decodeText } from './encoding.ts';
import { readError } from './errors.ts';
import { type Clock, checkFileSize, resolveLimits, startClock } from './limits.ts';
import { contentError, sniffBytes } from './sniff.ts';
import { cleanText, makeGrid, type PlacedCell } from './table.ts';

export const CSV_DELIMITERS = [',', '\t', ';'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

interface Field {
  text: string;
  line: number;
}

export interface CsvParse {
  records: Field[][];
  /** true when the text ended inside a quoted field */
  unclosedQuote: boolean;
}

/**
 * Splits CSV text into records. A quote only opens a quoted field at the field's start; a stray
 * quote inside an unquoted field is kept as text, as Excel does.
 */
export function parseCsv(
  text: string,
  delimiter: CsvDelimiter,
  clock?: Clock,
  maxRecords = Infinity,
): CsvParse {
  const records: Field[][] = [];
  let record: Field[] = [];
  let field = '';
  let fieldLine = 1;
  let line = 1;
  let quoted = false;
  let atFieldStart = true;
  let i = 0;
  const n = text.length;
  const endField = () => {
    record.push({ text: field, line: fieldLine });
    field = '';
    atFieldStart = true;
    fieldLine = line;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    if (clock && records.length % 512 === 0) clock.check();
  };
  while (i < n) {
    if (records.length >= maxRecords) return { records, unclosedQuote: false };
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      else if (ch === '\r' && text[i + 1] !== '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      line++;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      continue;
    }
    if (atFieldStart) fieldLine = line;
    atFieldStart = false;
    field += ch;
    i++;
  }
  const unclosedQuote = quoted;
  // the last record, unless the text ended with a line break
  if (field.length > 0 || record.length > 0 || quoted) endRecord();
  return { records, unclosedQuote };
}

/**
 * The delimiter that splits the first records into the same number of fields most often, with
 * more than one field; ties go to the comma, then tab, then semicolon.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const d of CSV_DELIMITERS) {
    if (!sample.includes(d)) continue;
    const { records } = parseCsv(sample, d, undefined, 50);
    const counts = new Map<number, number>();
    for (const r of records) {
      if (r.length === 1 && r[0]!.text === '') continue;
      counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    }
    let modal = 1;
    let modalCount = 0;
    for (const [len, count] of counts) {
      if (count > modalCount || (count === modalCount && len > modal)) {
        modal = len;
        modalCount = count;
      }
    }
    if (modal < 2) continue;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const score = (modalCount / total) * 1000 + Math.min(modal, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': '逗号', '\t': '制表符', ';': '分号' };

/**
 * A CSV cell written as `'=…` is text made inert against formula injection (by Jixiao's own
 * export, and as OWASP advises): Excel shows it without the apostrophe, so the importer reads
 * it the same way. An apostrophe before anything else is the unit's own text and stays.
 */
function withoutInertMark(text: string, counted: () => void): string {
  if (text.startsWith("'") && isFormulaLike(text.slice(1))) {
    counted();
    return text.slice(1);
  }
  return text;
}

/** Reads a CSV file into one Grid. */
export function readCsv(bytes: Uint8Array, file: string, limits?: Partial<ReadLimits>): Grid[] {
  const lim = resolveLimits(limits);
  checkFileSize(bytes, file, lim);
  const sniffed = sniffBytes(bytes);
  if (sniffed.kind !== 'text') throw contentError(file, 'CSV 文本文件', bytes, sniffed);
  const clock = startClock(file, lim);
  const decoded = decodeText(bytes, file);
  const delimiter = detectDelimiter(decoded.text);
  const { records, unclosedQuote } = parseCsv(decoded.text, delimiter, clock);
  const notes = [...decoded.notes, `分隔符：${DELIMITER_NAMES[delimiter]}`];
  if (unclosedQuote) notes.push('文件末尾有未闭合的引号，最后一个单元格一直读到了文件结尾，请核对');

  const cells: PlacedCell[] = [];
  let unmarked = 0;
  records.forEach((record, r) => {
    clock.countCells(record.length);
    record.forEach((f, c) => {
      cells.push({
        row: r,
        col: c,
        rowSpan: 1,
        colSpan: 1,
        text: withoutInertMark(cleanText(f.text), () => unmarked++),
        source: { line: f.line },
      });
    });
  });
  if (unmarked > 0) notes.push(`${unmarked} 个单元格开头的撇号（防止被当作公式的标记）已去掉`);
  if (!cells.some((c) => c.text.length > 0)) {
    throw readError('no-content', file, '里没有任何文字内容。请确认文件是否选错，或是否保存了空表。');
  }
  return [makeGrid({ source: file, format: 'csv', preamble: [], cells, rowCount: records.length, notes })];
}
