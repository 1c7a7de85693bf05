/**
 * The generated corpus: forms with their truth (generate.ts), each rendered in every format the
 * importer reads. Used by corpus.test.ts for accuracy and by scripts/make-corpus.ts to write a
 * corpus of any size for the benchmark.
 */
import { layoutForm } from './document.ts';
import type { CorpusForm, Damage } from './model.ts';
import { createRng, hashText } from './random.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtml } from './render-html.ts';
import { renderPdf } from './render-pdf.ts';
import { renderCsv, renderXlsx } from './render-sheet.ts';
import {
  renderCellPerLine,
  renderDelimited,
  renderMarkdown,
  renderParagraphs,
  renderPipeRows,
  type TextRendering,
} from './render-text.ts';

export { type FormDoc, layoutForm } from './document.ts';
export { formSeed, generateCorpus, generateForm } from './generate.ts';
export { type Judgement, judgeImport } from './judge.ts';
export * from './model.ts';
export type { TruthValue } from './values.ts';

export const CORPUS_FORMATS = [
  'markdown',
  'pipe-rows',
  'cell-per-line',
  'cell-per-line-no-rows',
  'paragraphs',
  'tab-separated',
  'space-separated',
  'html',
  'csv-utf8-bom',
  'csv-gbk',
  'xlsx',
  'docx',
  'pdf',
  'pdf-borderless',
] as const;
export type CorpusFormat = (typeof CORPUS_FORMATS)[number];

const EXTENSION: Record<CorpusFormat, string> = {
  markdown: 'md',
  'pipe-rows': 'txt',
  'cell-per-line': 'txt',
  'cell-per-line-no-rows': 'txt',
  paragraphs: 'txt',
  'tab-separated': 'txt',
  'space-separated': 'txt',
  html: 'html',
  'csv-utf8-bom': 'csv',
  'csv-gbk': 'csv',
  xlsx: 'xlsx',
  docx: 'docx',
  pdf: 'pdf',
  'pdf-borderless': 'pdf',
};

export interface RenderedFile {
  /** file name: form id, layout and format */
  file: string;
  format: CorpusFormat;
  bytes: Uint8Array;
  /** the form's damage and what this format's rendering added */
  damage: Damage[];
}

function utf8(r: TextRendering): { bytes: Uint8Array; damage: Damage[] } {
  return { bytes: new TextEncoder().encode(r.text), damage: r.damage };
}

/** One form in one format; the same form and format always give the same bytes. */
export async function renderForm(form: CorpusForm, format: CorpusFormat): Promise<RenderedFile> {
  const doc = layoutForm(form);
  const rng = createRng((form.seed ^ hashText(format)) >>> 0);
  let out: { bytes: Uint8Array; damage: Damage[] };
  switch (format) {
    case 'markdown':
      out = utf8(renderMarkdown(doc, rng, { splitCells: form.layout === 'sichuan-2023' }));
      break;
    case 'pipe-rows':
      out = utf8(renderPipeRows(doc, rng));
      break;
    case 'cell-per-line':
      out = utf8(renderCellPerLine(doc, true));
      break;
    case 'cell-per-line-no-rows':
      out = utf8(renderCellPerLine(doc, false));
      break;
    case 'paragraphs':
      out = utf8(renderParagraphs(doc));
      break;
    case 'tab-separated':
      out = utf8(renderDelimited(doc, 'tab'));
      break;
    case 'space-separated':
      out = utf8(renderDelimited(doc, 'space'));
      break;
    case 'html':
      out = { bytes: new TextEncoder().encode(renderHtml(doc, rng)), damage: [] };
      break;
    case 'csv-utf8-bom':
      out = { bytes: renderCsv(doc, 'utf8-bom'), damage: [] };
      break;
    case 'csv-gbk':
      out = { bytes: renderCsv(doc, 'gbk'), damage: [] };
      break;
    case 'xlsx':
      out = await renderXlsx(doc, rng);
      break;
    case 'docx':
      out = { bytes: renderDocx(doc), damage: [] };
      break;
    case 'pdf':
      out = renderPdf(doc, rng, true);
      break;
    case 'pdf-borderless':
      out = renderPdf(doc, rng, false);
      break;
  }
  return {
    file: `${form.id}-${form.layout}-${format}.${EXTENSION[format]}`,
    format,
    bytes: out.bytes,
    damage: [...form.damage, ...out.damage],
  };
}
