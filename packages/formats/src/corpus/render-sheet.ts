/**
 * A form as a unit types it in a spreadsheet: XLSX written by exceljs with merged cells,
 * borders, wrapped text and (on some forms) money, rates and scores typed as numbers with their
 * number formats; and the CSV Excel saves from it, where a merged cell's text stays in its
 * top-left cell, as UTF-8 with a BOM or as GBK.
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { zipParts } from '../read/build-ooxml.ts';
import { encodeGbk } from '../read/encode-gbk.ts';
import { type FormDoc, placeCells } from './document.ts';
import type { Damage } from './model.ts';
import type { Rng } from './random.ts';

/** fixed, so that a corpus rebuilds to the same bytes */
const FIXED_DATE = new Date('2024-06-10T00:00:00Z');

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text Excel saves: every position of the grid, a merged cell's text on its top-left. */
export function csvText(doc: FormDoc): string {
  const width = doc.columns;
  const line = (cells: string[]) =>
    [...cells, ...new Array(Math.max(0, width - cells.length)).fill('')].map(csvField).join(',');
  const out: string[] = [];
  for (const t of doc.title) out.push(line([t]));
  if (doc.before.length > 0) out.push(line(doc.before));
  const grid = placeCells(doc);
  grid.forEach((cols, ri) => {
    out.push(line(cols.map((p, ci) => (p && p.row === ri && p.col === ci ? p.cell.text : ''))));
  });
  for (const a of doc.after) out.push(line([a]));
  return `${out.join('\r\n')}\r\n`;
}

export function renderCsv(doc: FormDoc, encoding: 'utf8-bom' | 'gbk'): Uint8Array {
  const text = csvText(doc);
  return encoding === 'gbk' ? encodeGbk(text) : new TextEncoder().encode(`\ufeff${text}`);
}

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const PERCENT = /^(\d+)(\.(\d+))?%$/;

/** A cell's text as Excel would hold it when typed as a number: [value, format] or null. */
function asNumber(text: string, role: string): [number, string] | null {
  if ((role === 'money' || role === 'score' || role === 'weight') && PLAIN_NUMBER.test(text)) {
    const places = text.split('.')[1]?.length ?? 0;
    return [Number(text), places > 0 ? `0.${'0'.repeat(places)}` : 'General'];
  }
  const m = PERCENT.exec(text);
  if (m && (role === 'rate' || role === 'actual')) {
    const places = m[3]?.length ?? 0;
    return [Number(text.slice(0, -1)) / 100, places > 0 ? `0.${'0'.repeat(places)}%` : '0%'];
  }
  return null;
}

export async function renderXlsx(doc: FormDoc, rng: Rng): Promise<{ bytes: Uint8Array; damage: Damage[] }> {
  const damage: Damage[] = [];
  const numbers = rng.chance(0.5);
  if (numbers) damage.push({ kind: 'numbers-as-numbers', where: '金额、执行率、分值、得分' });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao corpus';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet(rng.pick(['Sheet1', '自评表', '绩效自评']));
  const width = doc.columns;
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: i === 3 ? 30 : 14 }));
  let r = 1;
  for (const t of doc.title) {
    ws.mergeCells(r, 1, r, width);
    ws.getCell(r, 1).value = t;
    ws.getCell(r, 1).alignment = { horizontal: 'center' };
    r++;
  }
  if (doc.before.length > 0) {
    const half = Math.floor(width / doc.before.length);
    doc.before.forEach((b, i) => {
      const from = 1 + i * half;
      const to = i === doc.before.length - 1 ? width : from + half - 1;
      if (to > from) ws.mergeCells(r, from, r, to);
      ws.getCell(r, from).value = b;
    });
    r++;
  }
  const top = r;
  const grid = placeCells(doc);
  grid.forEach((cols, ri) => {
    cols.forEach((p, ci) => {
      const cell = ws.getCell(top + ri, ci + 1);
      cell.border = thin;
      if (!p || p.row !== ri || p.col !== ci) return;
      const { text, cs, rs, role } = p.cell;
      if (cs > 1 || rs > 1) ws.mergeCells(top + ri, ci + 1, top + ri + rs - 1, ci + cs);
      const n = numbers ? asNumber(text, role) : null;
      if (n) {
        cell.value = n[0];
        cell.numFmt = n[1];
      } else if (text !== '') cell.value = text;
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
  });
  r = top + grid.length;
  for (const a of doc.after) {
    ws.mergeCells(r, 1, r, width);
    ws.getCell(r, 1).value = a;
    r++;
  }
  // exceljs stamps the zip entries with the current time; rezipped with a fixed one, the same
  // form always gives the same bytes
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  return { bytes: zipParts(unzipSync(written)), damage };
}
