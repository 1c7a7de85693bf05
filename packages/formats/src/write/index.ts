/**
 * The writers: an evaluation in its official layout as xlsx, pdf, docx, html, md or csv, the
 * canonical json, and a publication bundle of many forms with an index.
 */
export { type BundleEntry, type BundleOptions, exportBundle } from './bundle.ts';
export { renderCsv } from './csv.ts';
export {
  EXPORT_FORMATS,
  ExportError,
  type ExportFormat,
  type ExportOptions,
  exportEvaluation,
  FORMAT_EXTENSIONS,
  formTable,
  isExportFormat,
} from './export.ts';
export { renderHtml } from './html.ts';
export { inertCsvText, isFormulaLike } from './inert.ts';
export * from './layout/index.ts';
export { renderMarkdown } from './md.ts';
export { openPdfRenderer, type PdfRenderer, PdfUnavailableError } from './pdf.ts';
export { type Review, reviewOf } from './review.ts';
export type { CellStyle, FormLine, FormTable, TableCell } from './table.ts';
