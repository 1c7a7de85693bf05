/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads GBK),
 * CRLF line ends, RFC 4180 quoting. Lines above and below the table are rows of one cell; a
 * merged cell's text stands in its first position, the positions it covers stay empty. Every
 * cell that a spreadsheet could take for a formula is made inert (see inert.ts).
 */
import { inertCsvText } from './inert.ts';
import { type FormLine, type FormTable, flatRows } from './table.ts';

function csvField(text: string): string {
  const t = inertCsvText(text);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function lineRows(lines: FormLine[]): string[][] {
  return lines.map((l) => (l.right ? [l.text, l.right] : [l.text]));
}

export function renderCsv(table: FormTable): string {
  const rows = [...lineRows(table.above), ...flatRows(table), ...lineRows(table.below)];
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export function writeCsv(table: FormTable): Uint8Array {
  const body = new TextEncoder().encode(renderCsv(table));
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
