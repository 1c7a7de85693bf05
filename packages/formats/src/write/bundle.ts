/**
 * A publication bundle: one zip with a folder per unit, each form in PDF and Excel, and an
 * index (index.csv for spreadsheets, index.html to browse) listing every form with its reported
 * and computed totals and the number of review findings. One Chromium prints every PDF.
 */
import type { Evaluation } from '@jixiao/core';
import { type Zippable, zipSync } from 'fflate';
import { renderCsv } from './csv.ts';
import { ExportError, formTable } from './export.ts';
import { escapeHtml, FONT_STACK } from './html.ts';
import { openPdfRenderer, type PdfRenderer } from './pdf.ts';
import { reviewOf, reviewSummary } from './review.ts';
import type { FormTable } from './table.ts';
import { writeXlsx } from './xlsx.ts';

export interface BundleOptions {
  /** print every form in this layout instead of each one's own */
  layout?: string | null;
  /** a running Chromium; without it one is started for the bundle and closed after */
  pdf?: PdfRenderer;
  /** the bundle's title in index.html */
  title?: string;
}

export interface BundleEntry {
  folder: string;
  base: string;
  evaluation: Evaluation;
}

const KIND_NAMES = { department: '部门整体', project: '项目' } as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a file name must not hold
const NOT_IN_NAMES = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;

/**
 * A name that is safe as a folder or file name on Windows, macOS and Linux, and inside a zip:
 * no separators, reserved characters, control characters, dot-only names or trailing dots.
 */
export function safeName(s: string | null, fallback: string): string {
  const cleaned = (s ?? '')
    .replace(/[\t\n\r]+/g, ' ')
    .replace(NOT_IN_NAMES, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 60);
  return cleaned === '' || /^\.+$/.test(cleaned) ? fallback : cleaned;
}

/** Folder and base name of each form, numbered where two forms would share a name. */
export function bundleEntries(evs: readonly Evaluation[]): BundleEntry[] {
  const used = new Set<string>();
  return evs.map((ev) => {
    const folder = safeName(ev.unit, '未填单位');
    const what = ev.kind === 'project' ? safeName(ev.project, '项目') : KIND_NAMES.department;
    const stem = `${ev.year ?? '年度不详'}-${what}自评表`;
    let base = stem;
    for (let n = 2; used.has(`${folder}/${base}`.toLowerCase()); n++) base = `${stem}-${n}`;
    used.add(`${folder}/${base}`.toLowerCase());
    return { folder, base, evaluation: ev };
  });
}

interface IndexRow {
  entry: BundleEntry;
  layout: string;
  summary: ReturnType<typeof reviewSummary>;
}

const INDEX_COLUMNS = [
  '序号',
  '单位',
  '年度',
  '类型',
  '项目',
  '版式',
  '填报总分',
  '计算总分',
  '计算等级',
  '错误',
  '警告',
  'PDF',
  'Excel',
];

function indexCells(rows: IndexRow[]): string[][] {
  return rows.map(({ entry, layout, summary }, i) => {
    const ev = entry.evaluation;
    return [
      String(i + 1),
      ev.unit ?? '',
      ev.year === null ? '' : String(ev.year),
      KIND_NAMES[ev.kind],
      ev.project ?? '',
      layout,
      summary.reported,
      summary.computed,
      summary.grade,
      String(summary.errors),
      String(summary.warnings),
      `${entry.folder}/${entry.base}.pdf`,
      `${entry.folder}/${entry.base}.xlsx`,
    ];
  });
}

function indexCsv(rows: IndexRow[]): Uint8Array {
  // the CSV writer's quoting, BOM and formula neutralising, through a one-table form
  const table: FormTable = {
    layout: 'national-project',
    title: '',
    above: [],
    columns: INDEX_COLUMNS.map(() => 10),
    rows: [INDEX_COLUMNS, ...indexCells(rows)].map((cells) =>
      cells.map((text, col) => ({ col, rowSpan: 1, colSpan: 1, text, style: 'text' as const })),
    ),
    below: [],
  };
  const body = new TextEncoder().encode(renderCsv(table));
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** A link to a file inside the bundle: each path segment percent-encoded. */
function href(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function indexHtml(rows: IndexRow[], title: string): Uint8Array {
  const body = indexCells(rows)
    .map((cells) => {
      const [pdf, xlsx] = [cells[11]!, cells[12]!];
      const text = cells.slice(0, 11).map((c) => `<td>${escapeHtml(c)}</td>`);
      return `<tr>${text.join('')}<td><a href="${escapeHtml(href(pdf))}">PDF</a></td><td><a href="${escapeHtml(href(xlsx))}">Excel</a></td></tr>`;
    })
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: ${FONT_STACK}; margin: 24px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 4px 8px; }
th { background: #f2f2f2; }
td:nth-child(7), td:nth-child(8), td:nth-child(10), td:nth-child(11) { text-align: right; }
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>共 ${rows.length} 张自评表。“填报总分”是表上所填，“计算总分”和“计算等级”由 Jixiao 按评分规则重新计算；错误、警告为复核发现的问题数。</p>
<table><thead><tr>${INDEX_COLUMNS.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
  return new TextEncoder().encode(html);
}

/**
 * A zip of many forms: `<unit>/<year>-<project>自评表.pdf` and `.xlsx` for each, with
 * index.csv and index.html at the top. Throws ExportError when a form's layout is unknown,
 * PdfUnavailableError when Chromium cannot start.
 */
export async function exportBundle(
  evs: readonly Evaluation[],
  opts: BundleOptions = {},
): Promise<Uint8Array> {
  if (evs.length === 0) throw new ExportError('empty-bundle', '没有可以打包的自评表：请至少给出一张表。');
  const entries = bundleEntries(evs);
  const prepared = entries.map((entry) => {
    const { table, layout, profile } = formTable(entry.evaluation, opts.layout);
    return { entry, table, layout, review: reviewOf(entry.evaluation, profile) };
  });
  const renderer = opts.pdf ?? (await openPdfRenderer());
  const files: Zippable = {};
  const rows: IndexRow[] = [];
  try {
    // asked for all at once, the renderer prints as many as it has pages for; the files go into
    // the zip in the forms' order
    const pdfs = await Promise.all(prepared.map((p) => renderer.render(p.table)));
    for (const [i, p] of prepared.entries()) {
      const path = `${p.entry.folder}/${p.entry.base}`;
      // PDF and xlsx are compressed already: store them as they are
      files[`${path}.pdf`] = [pdfs[i] as Uint8Array, { level: 0 }];
      files[`${path}.xlsx`] = [
        await writeXlsx(p.table, { evaluation: p.entry.evaluation, review: p.review }),
        { level: 0 },
      ];
      rows.push({ entry: p.entry, layout: p.layout.id, summary: reviewSummary(p.review) });
    }
  } finally {
    if (!opts.pdf) await renderer.close();
  }
  const title = opts.title ?? '预算绩效自评表公开目录';
  files['index.csv'] = indexCsv(rows);
  files['index.html'] = indexHtml(rows, title);
  return zipSync(files, { level: 6 });
}
