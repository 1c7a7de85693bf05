/**
 * One evaluation in its official layout as xlsx, pdf, docx, html, md or csv, or as the
 * canonical json. Every format is drawn from one abstract table (table.ts), so they show the
 * same cells with the same text.
 */
import type { Evaluation, Profile } from '@jixiao/core';
import { writeCsv } from './csv.ts';
import { writeDocx } from './docx.ts';
import { writeHtml } from './html.ts';
import { writeJson } from './json.ts';
import { type ExportLayout, resolveLayout } from './layout/index.ts';
import { writeMarkdown } from './md.ts';
import { type PdfRenderer, writePdf } from './pdf.ts';
import { reviewOf } from './review.ts';
import type { FormTable } from './table.ts';
import { writeXlsx } from './xlsx.ts';

export const EXPORT_FORMATS = ['xlsx', 'pdf', 'docx', 'md', 'csv', 'json', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_EXTENSIONS: Record<ExportFormat, string> = {
  xlsx: '.xlsx',
  pdf: '.pdf',
  docx: '.docx',
  md: '.md',
  csv: '.csv',
  json: '.json',
  html: '.html',
};

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** A refusal to export: a stable code and a Chinese message saying what to change. */
export class ExportError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ExportError';
    this.code = code;
  }
}

export interface ExportOptions {
  /** an export layout id (hubei-department, hubei-project, national-project, sichuan-2023); default: the profile's */
  layout?: string | null;
  /** a running Chromium to print with, when many PDFs are made */
  pdf?: PdfRenderer;
}

/** The abstract table of an evaluation in its layout, with the layout and the profile used. */
export function formTable(
  ev: Evaluation,
  layoutId?: string | null,
): { table: FormTable; layout: ExportLayout; profile: Profile } {
  const resolved = resolveLayout(ev, layoutId);
  if (!resolved.ok) throw new ExportError('unknown-layout', resolved.message);
  return {
    table: resolved.layout.render(ev, resolved.profile),
    layout: resolved.layout,
    profile: resolved.profile,
  };
}

/**
 * One evaluation as a file. Throws ExportError for an unknown layout or profile, and
 * PdfUnavailableError when a PDF is asked for and Chromium cannot start.
 */
export async function exportEvaluation(
  ev: Evaluation,
  format: ExportFormat,
  opts: ExportOptions = {},
): Promise<Uint8Array> {
  if (format === 'json') return writeJson(ev);
  const { table, profile } = formTable(ev, opts.layout);
  switch (format) {
    case 'xlsx':
      return writeXlsx(table, { evaluation: ev, review: reviewOf(ev, profile) });
    case 'pdf':
      return writePdf(table, opts.pdf);
    case 'docx':
      return writeDocx(table);
    case 'md':
      return writeMarkdown(table);
    case 'csv':
      return writeCsv(table);
    case 'html':
      return writeHtml(table);
  }
}
