/**
 * The HTML view of a form table: a standalone page that prints as the official form (A4
 * landscape, bordered table with its merges, 宋体 or a Noto CJK font), and the page Chromium
 * prints to PDF. Every text is escaped; nothing from the evaluation becomes markup.
 */
import type { FormLine, FormTable, TableCell } from './table.ts';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function textHtml(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>');
}

/**
 * 宋体 where Windows has it, then the Noto CJK fonts Linux servers install (fonts-noto-cjk): the
 * glyphs Chromium embeds in the PDF come from the first one present.
 */
export const FONT_STACK =
  '"SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", serif';

export const PRINT_CSS = `
@page { size: A4 landscape; margin: 12mm 10mm 12mm 10mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONT_STACK}; font-size: 10pt; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.form { width: 100%; }
.line { margin: 0 0 4pt; display: flex; justify-content: space-between; gap: 24pt; }
.line.center { justify-content: center; }
.line.right { justify-content: flex-end; }
.line.title { font-size: 16pt; font-weight: bold; margin: 0 0 6pt; }
.line.subtitle { font-size: 11pt; }
.below { margin-top: 8pt; }
table.form-table { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.form-table td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; height: 17pt;
  overflow-wrap: anywhere; word-break: break-all; line-height: 1.3; }
td.header { font-weight: bold; text-align: center; background: #f2f2f2; }
td.label { text-align: center; }
td.text { text-align: center; }
td.number { text-align: center; font-variant-numeric: tabular-nums; }
td.narrative { text-align: left; }
tr, tbody.keep { break-inside: avoid; page-break-inside: avoid; }
@media screen { body { padding: 16px; max-width: 1200px; margin: 0 auto; } }
`;

function lineHtml(line: FormLine): string {
  const cls = `line ${line.style} ${line.align}`;
  if (line.right) {
    return `<div class="${cls}"><span>${textHtml(line.text)}</span><span>${textHtml(line.right)}</span></div>`;
  }
  return `<div class="${cls}"><span>${textHtml(line.text)}</span></div>`;
}

function cellHtml(c: TableCell): string {
  const spans = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
  return `<td class="${c.style}"${spans}>${textHtml(c.text)}</td>`;
}

/** The table's rows cut into sections: [from, to, keep together]. */
function sections(table: FormTable): [number, number, boolean][] {
  const keep = [...(table.keep ?? [])].sort((a, b) => a[0] - b[0]);
  const out: [number, number, boolean][] = [];
  let at = 0;
  for (const [from, to] of keep) {
    if (from < at || to <= from) continue;
    if (from > at) out.push([at, from, false]);
    out.push([from, to, true]);
    at = to;
  }
  if (at < table.rows.length) out.push([at, table.rows.length, false]);
  return out;
}

/** The form as an HTML fragment (a `<section>`), for pages that hold several forms. */
export function formSectionHtml(table: FormTable): string {
  const total = table.columns.reduce((s, w) => s + w, 0);
  const cols = table.columns.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('');
  const rows = sections(table)
    .map(([from, to, keep]) => {
      const body = table.rows
        .slice(from, to)
        .map((cells) => `<tr>${cells.map(cellHtml).join('')}</tr>`)
        .join('\n');
      return `<tbody${keep ? ' class="keep"' : ''}>\n${body}\n</tbody>`;
    })
    .join('\n');
  return [
    `<section class="form" data-layout="${escapeHtml(table.layout)}">`,
    ...table.above.map(lineHtml),
    `<table class="form-table"><colgroup>${cols}</colgroup>\n${rows}\n</table>`,
    table.below.length > 0 ? `<div class="below">${table.below.map(lineHtml).join('')}</div>` : '',
    '</section>',
  ].join('\n');
}

/** A standalone page: the form, printable as the official table. */
export function renderHtml(table: FormTable): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(table.title)}</title>`,
    `<style>${PRINT_CSS}</style>`,
    '</head><body>',
    formSectionHtml(table),
    '</body></html>',
    '',
  ].join('\n');
}

export function writeHtml(table: FormTable): Uint8Array {
  return new TextEncoder().encode(renderHtml(table));
}
