/**
 * One entry point for every file: the content decides the reader, not the name (units rename
 * files, and systems export HTML tables as ".xls"). A name that disagrees with the content is
 * noted on the grids. Sizes and time are limited here and inside each reader.
 */
import type { Grid, ReadLimits } from '../grid.ts';
import { parseCsv, readCsv } from './csv.ts';
import { readDocx } from './docx.ts';
import { decodeText } from './encoding.ts';
import { readError } from './errors.ts';
import { readHtml } from './html.ts';
import { checkFileSize, resolveLimits, startClock, timeoutError } from './limits.ts';
import { asciiHead, contentError, extensionOf, oleError, type Sniffed, sniffBytes, spaced } from './sniff.ts';
import { readXlsx } from './xlsx.ts';
import { openZip } from './zip.ts';

// The text and PDF readers load on first use, and the loaded module is kept: every dynamic
// import() goes through the module loader again (through a registered loader's hooks too, tsx's
// among them), which was a fifth of importing a text form (docs/benchmarks.md, "Profiling").
let textModule: Promise<typeof import('./text.ts')> | undefined;
let pdfModule: Promise<typeof import('./pdf.ts')> | undefined;
/** the text reader has been loaded: awaiting it now settles within the same turn */
let textLoaded = false;
function textReader(): Promise<typeof import('./text.ts')> {
  textModule ??= import('./text.ts').then((m) => {
    textLoaded = true;
    return m;
  });
  return textModule;
}
function pdfReader(): Promise<typeof import('./pdf.ts')> {
  pdfModule ??= import('./pdf.ts');
  return pdfModule;
}

export { readCsv } from './csv.ts';
export { readDocx } from './docx.ts';
export { type DecodedText, decodeText, type TextEncoding } from './encoding.ts';
export { READ_ERROR_CODES, type ReadErrorCode } from './errors.ts';
export { readHtml } from './html.ts';
export { resolveLimits } from './limits.ts';
export { sniffBytes } from './sniff.ts';
export { readXlsx } from './xlsx.ts';

const XLSX_EXT = new Set(['xlsx', 'xlsm', 'xltx', 'xltm', 'et']);
const DOCX_EXT = new Set(['docx', 'docm', 'dotx', 'wps']);
const HTML_EXT = new Set(['html', 'htm', 'xhtml', 'shtml', 'xls', 'doc', 'mht']);
const CSV_EXT = new Set(['csv', 'tsv']);
const TEXT_EXT = new Set(['txt', 'md', 'markdown', 'text']);

const KIND_NAMES: Record<string, string> = {
  xlsx: 'Excel 工作簿',
  docx: 'Word 文档',
  pdf: 'PDF 文件',
  html: '网页（HTML）',
  csv: 'CSV 文件',
  text: '文本',
};

/**
 * Reads any supported file into Grids: xlsx, docx, pdf, html, csv, markdown or plain text.
 * Throws ReadError for files it refuses (empty, too large, encrypted, junk, over time).
 */
export async function readFile(
  bytes: Uint8Array,
  file: string,
  limits?: Partial<ReadLimits>,
): Promise<Grid[]> {
  const lim = resolveLimits(limits);
  checkFileSize(bytes, file, lim);
  const sniffed = sniffBytes(bytes);
  // Every reader but the PDF one works synchronously (watching its own clock), and once the text
  // reader is loaded their awaits settle in the same turn: a timer, which fires in a later turn,
  // could never win the race, so it is set only where it can (a per-file timer was a cost of its own).
  if (sniffed.kind !== 'pdf' && textLoaded) return dispatch(bytes, file, lim, sniffed);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(file, lim)), lim.timeoutMs);
  });
  try {
    return await Promise.race([dispatch(bytes, file, lim, sniffed), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function dispatch(bytes: Uint8Array, file: string, lim: ReadLimits, sniffed: Sniffed): Promise<Grid[]> {
  const ext = extensionOf(file);
  switch (sniffed.kind) {
    case 'zip': {
      const kind = zipKind(bytes, file, lim);
      const grids = kind === 'xlsx' ? readXlsx(bytes, file, lim) : readDocx(bytes, file, lim);
      const expected = kind === 'xlsx' ? XLSX_EXT : DOCX_EXT;
      if (ext && !expected.has(ext)) noteMismatch(grids, ext, kind);
      return kind === 'docx' ? fallBackToText(grids, file) : grids;
    }
    case 'pdf': {
      const { readPdf } = await pdfReader();
      const grids = await readPdf(bytes, file, lim);
      if (ext && ext !== 'pdf') noteMismatch(grids, ext, 'pdf');
      return grids;
    }
    case 'ole':
      throw oleError(file, bytes);
    case 'html': {
      // markdown may hold an HTML table among pipe tables; the text reader knows both
      if (TEXT_EXT.has(ext) && /^[ \t]*\|.*\|[ \t]*$/m.test(asciiHead(bytes, 64 * 1024))) {
        return readPlain(bytes, file, ext, lim);
      }
      const grids = readHtml(bytes, file, lim);
      if (ext && !HTML_EXT.has(ext)) noteMismatch(grids, ext, 'html');
      else if (ext === 'xls' || ext === 'doc') {
        for (const g of grids) g.notes.push(`文件扩展名是 .${ext}，内容其实是网页（HTML）表格，已按网页读取`);
      }
      return fallBackToText(grids, file);
    }
    case 'text':
      return readPlain(bytes, file, ext, lim);
    default:
      throw contentError(file, '可以导入的自评表文件（Excel、Word、PDF、网页、CSV 或文本）', bytes, sniffed);
  }
}

/** Which OOXML document a zip holds, or a clear refusal for any other zip. */
function zipKind(bytes: Uint8Array, file: string, lim: ReadLimits): 'xlsx' | 'docx' {
  const zip = openZip(bytes, file, lim, startClock(file, lim), 'Office 文件');
  if (zip.has('xl/workbook.xml') || zip.names.some((n) => /^xl\/workbook\d*\.xml$/i.test(n))) return 'xlsx';
  if (zip.has('word/document.xml') || zip.names.some((n) => /^word\/document\d*\.xml$/i.test(n)))
    return 'docx';
  if (zip.names.some((n) => /^ppt\//i.test(n))) {
    throw readError(
      'wrong-format',
      file,
      '是 PowerPoint 演示文稿，无法读取其中的表格。请把自评表复制到 Excel 或 Word 中保存后再导入。',
    );
  }
  const mimetype = zip.read('mimetype');
  if (mimetype && new TextDecoder().decode(mimetype).includes('opendocument')) {
    throw readError(
      'wrong-format',
      file,
      '是 OpenDocument 格式（.ods/.odt），暂不支持。请用 WPS、LibreOffice 或 Office 打开后另存为 .xlsx 或 .docx 再导入。',
    );
  }
  throw readError(
    'wrong-format',
    file,
    '是一个 ZIP 压缩包，不是 Excel 或 Word 文件。请解压后导入其中的自评表文件。',
  );
}

async function readPlain(bytes: Uint8Array, file: string, ext: string, lim: ReadLimits): Promise<Grid[]> {
  if (CSV_EXT.has(ext)) return readCsv(bytes, file, lim);
  const decoded = decodeText(bytes, file);
  if (!TEXT_EXT.has(ext) && looksLikeCsv(decoded.text)) return readCsv(bytes, file, lim);
  if (decoded.text.trim() === '') {
    throw readError('no-content', file, '里没有任何文字内容。请确认文件是否选错。');
  }
  const { readText } = await textReader();
  const grids = await readText(decoded.text, file);
  for (const g of grids) g.notes.unshift(...decoded.notes);
  return grids;
}

/**
 * Comma-separated data: most of the first records (read with CSV quoting) have the same number
 * (≥ 3) of fields split by commas, or by semicolons. Tab-separated text is left to the text
 * reader, which knows tab-separated runs.
 */
function looksLikeCsv(text: string): boolean {
  for (const d of [',', ';'] as const) {
    const records = parseCsv(text.slice(0, 32 * 1024), d, undefined, 30).records.filter((r) =>
      r.some((f) => f.text.trim() !== ''),
    );
    if (records.length < 2) continue;
    const counts = records.map((r) => r.length);
    const modal = mode(counts);
    if (modal >= 3 && counts.filter((c) => c === modal).length >= records.length * 0.6) return true;
  }
  return false;
}

function mode(values: number[]): number {
  const freq = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const c = (freq.get(v) ?? 0) + 1;
    freq.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function noteMismatch(grids: Grid[], ext: string, kind: string): void {
  for (const g of grids)
    g.notes.push(`文件扩展名是 .${ext}，但内容是${spaced(KIND_NAMES[kind] ?? kind)}，已按内容读取`);
}

/**
 * A web page or Word document without tables (a form published as one paragraph per cell) is
 * read as text, which knows those layouts.
 */
async function fallBackToText(grids: Grid[], file: string): Promise<Grid[]> {
  if (grids.some((g) => g.rows.length > 0)) return grids;
  const lines = grids.flatMap((g) => g.preamble.map((l) => l.text));
  if (lines.length === 0) return grids;
  const { readText } = await textReader();
  // One paragraph per cell, as web pages and Word flatten a table: blank lines keep the cells
  // apart (and a blank paragraph stays a cell), which the text reader's paragraph mode reads.
  const out = await readText(lines.map((t) => (t.trim() === '' ? ' ' : t)).join('\n\n'), file);
  const notes = grids[0]?.notes ?? [];
  for (const g of out) g.notes.unshift(...notes, '文件中没有表格，已把正文段落按文本读取');
  return out;
}
