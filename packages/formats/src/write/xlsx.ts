/**
 * The official table as an Excel workbook (exceljs): merged cells, thin borders, the layout's
 * column widths, wrapped text, 宋体, figures stored as numbers with their formats (0.00 for
 * money, 0.00% for rates), A4 landscape fitted to the page width with the lines above the table
 * repeated at the top of every printed page. A second sheet holds Jixiao's computed scores and
 * review findings. Text never becomes a formula: exceljs stores every string as a string, and
 * text a spreadsheet could take for a formula is formatted as Text (@), so editing the cell
 * later keeps it text too.
 */

import type { Evaluation } from '@jixiao/core';
import ExcelJS from 'exceljs';
import { isFormulaLike } from './inert.ts';
import type { Review } from './review.ts';
import { reviewSections } from './review.ts';
import { type CellStyle, type FormLine, type FormTable, rowLines, type TableCell } from './table.ts';

/** 宋体 with the GB2312 charset, as Chinese Excel writes it; LibreOffice substitutes a CJK font. */
const FONT_NAME = '宋体';
const FONT_SIZE = 10.5;
const LINE_PT = 14;
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

function font(bold: boolean, size = FONT_SIZE): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size, bold, charset: 134 };
}

const ALIGN: Record<CellStyle, ExcelJS.Alignment['horizontal']> = {
  header: 'center',
  label: 'center',
  text: 'center',
  number: 'center',
  narrative: 'left',
};

function setText(target: ExcelJS.Cell, text: string): void {
  target.value = text;
  // Text format keeps a formula-like text inert even when someone edits the cell later.
  if (isFormulaLike(text)) target.numFmt = '@';
}

function writeCell(ws: ExcelJS.Worksheet, row: number, c: TableCell): void {
  const target = ws.getCell(row, c.col + 1);
  if (c.number) {
    target.value = c.number.value;
    if (c.number.format !== 'General') target.numFmt = c.number.format;
  } else if (c.text !== '') {
    setText(target, c.text);
  }
  target.font = font(c.style === 'header');
  target.alignment = { horizontal: ALIGN[c.style], vertical: 'middle', wrapText: true };
  if (c.style === 'header') target.fill = HEADER_FILL;
}

function writeLine(ws: ExcelJS.Worksheet, row: number, line: FormLine, width: number): void {
  const size = line.style === 'title' ? 16 : line.style === 'subtitle' ? 12 : FONT_SIZE;
  const bold = line.style === 'title';
  const r = ws.getRow(row);
  if (line.right) {
    // left part over the first half of the columns, right part over the rest, as the seed prints them
    const half = Math.max(1, Math.floor(width / 2));
    ws.mergeCells(row, 1, row, half);
    ws.mergeCells(row, half + 1, row, width);
    const left = ws.getCell(row, 1);
    setText(left, line.text);
    left.font = font(bold, size);
    left.alignment = { horizontal: 'left', vertical: 'middle' };
    const right = ws.getCell(row, half + 1);
    setText(right, line.right);
    right.font = font(bold, size);
    right.alignment = { horizontal: 'right', vertical: 'middle' };
  } else {
    ws.mergeCells(row, 1, row, width);
    const c = ws.getCell(row, 1);
    setText(c, line.text);
    c.font = font(bold, size);
    c.alignment = { horizontal: line.align, vertical: 'middle', wrapText: true };
  }
  r.height = line.style === 'title' ? 28 : 20;
}

function drawForm(ws: ExcelJS.Worksheet, table: FormTable): void {
  const width = table.columns.length;
  ws.columns = table.columns.map((w) => ({ width: w }));
  let row = 1;
  for (const line of table.above) writeLine(ws, row++, line, width);
  const first = row;
  const lines = rowLines(table);
  table.rows.forEach((cells, r) => {
    const at = first + r;
    // borders on every position, covered ones included, so merged areas print their frame
    for (let c = 1; c <= width; c++) ws.getCell(at, c).border = THIN;
    for (const c of cells) writeCell(ws, at, c);
    ws.getRow(at).height = Math.max(18, lines[r]! * LINE_PT + 4);
  });
  table.rows.forEach((cells, r) => {
    for (const c of cells) {
      if (c.rowSpan > 1 || c.colSpan > 1) {
        ws.mergeCells(first + r, c.col + 1, first + r + c.rowSpan - 1, c.col + c.colSpan);
      }
    }
  });
  row = first + table.rows.length;
  if (table.below.length > 0) row++;
  for (const line of table.below) writeLine(ws, row++, line, width);
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(table.above.length > 0 ? { printTitlesRow: `1:${table.above.length}` } : {}),
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

function drawReview(ws: ExcelJS.Worksheet, ev: Evaluation, review: Review): void {
  const widths = [14, 12, 30, 10, 10, 12, 10, 16, 60];
  ws.columns = widths.map((width) => ({ width }));
  let row = 1;
  const title = ws.getCell(row, 1);
  setText(
    title,
    `Jixiao 计分与复核：${ev.year ?? ''}${ev.year ? '年度 ' : ''}${ev.unit ?? ''}${ev.project ? `「${ev.project}」` : ''}`,
  );
  title.font = font(true, 14);
  row += 1;
  const note = ws.getCell(row, 1);
  setText(note, '本表由 Jixiao 按评分规则重新计算并复核，不是单位填报的内容；填报内容见“自评表”。');
  note.font = font(false);
  row += 2;
  for (const section of reviewSections(ev, review)) {
    const head = ws.getCell(row, 1);
    setText(head, section.heading);
    head.font = font(true, 12);
    row++;
    section.columns.forEach((h, i) => {
      const c = ws.getCell(row, i + 1);
      setText(c, h);
      c.font = font(true);
      c.fill = HEADER_FILL;
      c.border = THIN;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    row++;
    for (const values of section.rows) {
      values.forEach((v, i) => {
        const c = ws.getCell(row, i + 1);
        if (typeof v === 'number') c.value = v;
        else if (v !== null) setText(c, v);
        c.font = font(false);
        c.border = THIN;
        c.alignment = { vertical: 'top', wrapText: true };
      });
      row++;
    }
    row++;
  }
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

export interface XlsxOptions {
  /** the computed scores and findings for the second sheet; without it the workbook has the form only */
  review?: Review;
  evaluation?: Evaluation;
}

export async function writeXlsx(table: FormTable, opts: XlsxOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jixiao（绩效）';
  wb.title = table.title;
  const ws = wb.addWorksheet('自评表', { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  drawForm(ws, table);
  if (opts.review && opts.evaluation) drawReview(wb.addWorksheet('计分与复核'), opts.evaluation, opts.review);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
