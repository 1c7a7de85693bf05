/**
 * PDF → Grids, with pdf.js running in this process (no worker thread, no fonts loaded into a
 * renderer, no eval, no network). Every page gives its text with positions and the lines drawn
 * on it; pdf-layout.ts turns them into tables. One grid per table per page: joining a table
 * that a page break split is the extractor's job, helped by the notes written here.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Cell, Grid, ReadLimits, TextLine } from '../grid.ts';
import { ReadError } from '../grid.ts';
import { displayName, readError } from './errors.ts';
import { checkFileSize, resolveLimits, timeoutError } from './limits.ts';
import { keepingNativeBuiltins } from './native-builtins.ts';
import type { LaidLine, LaidTable, TextRun } from './pdf-layout.ts';
import { layoutPage } from './pdf-layout.ts';
import { ensureDomMatrix } from './pdf-polyfill.ts';
import type { Matrix } from './pdf-rulings.ts';
import { multiply, rulingsFromOperatorList } from './pdf-rulings.ts';
import { dropPdfJsStrayRejections } from './pdf-stray.ts';
import { contentError } from './sniff.ts';

/**
 * Codes of the refusals only a PDF can earn (the others are READ_ERROR_CODES: empty, too-large,
 * timeout, wrong-format, junk, encrypted, too-many-cells).
 */
export const PDF_ERROR_CODES = ['pdf-corrupt', 'too-many-pages', 'no-text-layer', 'no-unicode'] as const;
export type PdfErrorCode = (typeof PDF_ERROR_CODES)[number];

/** starts the note on the last table of a page that seems to continue on the next page */
export const NOTE_CONTINUES_ON_NEXT_PAGE = '[续下页]';
/** starts the note on the first table of a page that seems to continue the previous page's */
export const NOTE_CONTINUES_FROM_PREVIOUS_PAGE = '[续上页]';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<{ pdfjs: PdfJs; assets: string }> | undefined;

/** pdf.js, loaded once and only when a PDF is read; its worker code runs in this thread */
function loadPdfJs(): Promise<{ pdfjs: PdfJs; assets: string }> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const assets = dirname(require.resolve('pdfjs-dist/package.json'));
    const worker = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const g = globalThis as { pdfjsWorker?: unknown };
    // both modules carry core-js, which would leave slower copies of some built-ins behind
    const { value: pdfjs } = await keepingNativeBuiltins(async () => {
      g.pdfjsWorker ??= await import(worker);
      ensureDomMatrix();
      dropPdfJsStrayRejections();
      return import('pdfjs-dist/legacy/build/pdf.mjs');
    });
    return { pdfjs, assets };
  })();
  // a failed load is not cached: the next file tries again
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** a refusal worded like readError's: 文件“x.pdf”… */
function pdfError(code: PdfErrorCode, file: string, message: string): ReadError {
  return new ReadError({ code, file, message: `文件“${displayName(file)}”${message}` });
}

/** page numbers, running headers: lines that do not stop a table from reaching the page's edge */
const PAGE_MARK = /^(第\s*\d+\s*页.*|[-—\s]*\d+[-—\s]*|\d+\s*\/\s*\d+|page\s*\d+.*|续表|（续）|\(续\))$/i;

/** Kangxi radicals and compatibility ideographs that some fonts map common characters to */
const LOOKALIKE = /[\u2f00-\u2fdf\uf900-\ufaff]/g;
/**
 * Characters a Chinese form is written with: ASCII and Latin, Greek and Cyrillic letters used
 * as symbols, punctuation, operators, shapes, CJK (with kana and bopomofo), full-width forms.
 * Anything else (private use, U+FFFD, controls, Gurmukhi or Hangul in a budget form) is what a
 * font without a Unicode map produces: glyph numbers read as if they were characters.
 */
const EXPECTED =
  /[\t\n\r\u0020-\u007e\u00a0-\u024f\u0370-\u04ff\u2000-\u2bff\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3134f}]/u;

interface PageResult {
  page: number;
  tables: LaidTable[];
  lines: LaidLine[];
  notes: string[];
}

function normalizeText(text: string, counts: { lookalike: number; unmapped: number }): string {
  const fixed = text.replace(LOOKALIKE, (ch) => {
    const n = ch.normalize('NFKC');
    if (n !== ch) counts.lookalike += 1;
    return n;
  });
  for (const ch of fixed) if (!EXPECTED.test(ch)) counts.unmapped += 1;
  return fixed;
}

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
}

/** most text pieces on one page; a form has a few thousand at most */
const MAX_RUNS_PER_PAGE = 50_000;

/** a pdf.js text item as a run in page coordinates; null for an empty or odd item */
function toRun(item: PdfTextItem, view: Matrix): TextRun | 'slanted' | null {
  if (!item.str?.trim() || item.transform.length !== 6) return null;
  const m = multiply(view, item.transform as unknown as Matrix);
  const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
  if (!Number.isFinite(size) || size <= 0) return null;
  // the run goes along its baseline direction for `width` and rises by about one font size
  const len = Math.hypot(m[0], m[1]) || 1;
  const dx = m[0] / len;
  const dy = m[1] / len;
  // text at a slant is a watermark or a stamp, never a table's content
  if (Math.abs(dx) > 0.035 && Math.abs(dy) > 0.035) return 'slanted';
  // (m[2], m[3]) is the glyphs' up direction, already flipped into page coordinates
  const ux = m[2] / (Math.hypot(m[2], m[3]) || 1);
  const uy = m[3] / (Math.hypot(m[2], m[3]) || 1);
  const w = Number.isFinite(item.width) ? item.width : 0;
  const ascent = 0.85 * size;
  const descent = 0.15 * size;
  const corners = [
    [m[4] - ux * descent, m[5] - uy * descent],
    [m[4] + dx * w - ux * descent, m[5] + dy * w - uy * descent],
    [m[4] + ux * ascent, m[5] + uy * ascent],
    [m[4] + dx * w + ux * ascent, m[5] + dy * w + uy * ascent],
  ];
  const xs = corners.map((c) => c[0] ?? 0);
  const ys = corners.map((c) => c[1] ?? 0);
  const run: TextRun = {
    text: item.str,
    x0: Math.min(...xs),
    x1: Math.max(...xs),
    top: Math.min(...ys),
    bottom: Math.max(...ys),
    baseline: m[5],
    size,
  };
  return [run.x0, run.x1, run.top, run.bottom].every(Number.isFinite) ? run : null;
}

function toGridLine(line: LaidLine, page: number): TextLine {
  return { text: line.text, source: { page, x: line.x, y: line.y } };
}

function toGrid(table: LaidTable, page: number, file: string): Grid {
  const rows: Cell[][] = Array.from({ length: table.rowCount }, () => []);
  for (const c of table.cells) {
    rows[c.row]?.push({
      row: c.row,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      text: c.text,
      page,
      source: { page, x: c.x, y: c.y },
    });
  }
  const notes = [
    table.ruled
      ? `第${page}页：按表格线划分单元格（${table.rowCount} 行 × ${table.colCount} 列）`
      : `第${page}页：没有表格线，按文字之间的空白推断出 ${table.colCount} 列，折行的文字合为一格`,
  ];
  if (table.after.length > 0)
    notes.push(`第${page}页：表格下方的 ${table.after.length} 行文字也放在 preamble 末尾`);
  return {
    source: file,
    format: 'pdf',
    preamble: [...table.before, ...table.after].map((l) => toGridLine(l, page)),
    rows,
    notes,
  };
}

function sameColumns(a: LaidTable, b: LaidTable): boolean {
  return (
    a.columns.length === b.columns.length && a.columns.every((x, i) => Math.abs(x - (b.columns[i] ?? 0)) <= 2)
  );
}

/** notes where the last table of a page reaches its bottom and the next page starts with a table */
function markPageSplits(pages: PageResult[], grids: Map<LaidTable, Grid>): void {
  for (let i = 0; i + 1 < pages.length; i += 1) {
    const here = pages[i];
    const next = pages[i + 1];
    if (!here || !next || next.page !== here.page + 1) continue;
    const last = here.tables[here.tables.length - 1];
    const first = next.tables[0];
    if (!last || !first) continue;
    const endsAtBottom = last.after.every((l) => PAGE_MARK.test(l.text));
    const startsAtTop = first.before.every((l) => PAGE_MARK.test(l.text));
    if (!endsAtBottom || !startsAtTop) continue;
    const columns = sameColumns(last, first)
      ? `两表列边界一致（${last.colCount} 列）`
      : `两表列数或列边界不同（${last.colCount} 列与 ${first.colCount} 列）`;
    grids
      .get(last)
      ?.notes.push(
        `${NOTE_CONTINUES_ON_NEXT_PAGE} 第${here.page}页的表格到页面底部为止，第${next.page}页顶部又是表格，可能是同一张表；${columns}`,
      );
    grids
      .get(first)
      ?.notes.push(
        `${NOTE_CONTINUES_FROM_PREVIOUS_PAGE} 第${next.page}页顶部的表格可能接续第${here.page}页的表格；${columns}`,
      );
  }
}

function errorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e && typeof e.name === 'string' ? e.name : '';
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** pdf.js's options: everything runs here, nothing is fetched, nothing is rendered */
function documentOptions(bytes: Uint8Array, assets: string): Parameters<PdfJs['getDocument']>[0] {
  return {
    // pdf.js transfers the buffer it is given to its worker side; the caller keeps theirs
    data: bytes.slice(),
    // non-embedded Chinese fonts (SimSun in old Word exports) decode through these CMaps
    cMapUrl: `${join(assets, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(assets, 'standard_fonts')}/`,
    useWasm: false,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    // images are never looked at, so pdf.js need not decode them
    maxImageSize: 1,
    stopAtErrors: false,
    enableXfa: false,
    verbosity: 0,
  };
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

interface Reading {
  file: string;
  pdfjs: PdfJs;
  within: <T>(p: Promise<T>) => Promise<T>;
  counts: { lookalike: number; unmapped: number; chars: number };
  /** notes about the whole document, put on its first grid */
  notes: string[];
}

/** one page's tables and loose lines, or null for a page without text */
async function readPage(doc: PdfDocument, n: number, r: Reading): Promise<PageResult | null> {
  let page: Awaited<ReturnType<PdfDocument['getPage']>>;
  try {
    page = await r.within(doc.getPage(n));
  } catch (e) {
    if (e instanceof ReadError) throw e;
    r.notes.push(`第${n}页无法读取，已跳过（${errorMessage(e)}）`);
    return null;
  }
  try {
    const viewport = page.getViewport({ scale: 1 });
    const view = viewport.transform as unknown as Matrix;
    // text drawn off the page is invisible, and absurd coordinates must not size any array
    const onPage = (run: TextRun): boolean =>
      run.x1 > -20 && run.x0 < viewport.width + 20 && run.bottom > -20 && run.top < viewport.height + 20;
    let items: PdfTextItem[];
    try {
      const content = await r.within(page.getTextContent({ includeMarkedContent: false }));
      items = content.items.flatMap((it) =>
        'str' in it ? [{ str: it.str, transform: it.transform, width: it.width }] : [],
      );
    } catch (e) {
      if (e instanceof ReadError) throw e;
      r.notes.push(`第${n}页的文字无法读取，已跳过（${errorMessage(e)}）`);
      return null;
    }
    const runs: TextRun[] = [];
    let slanted = 0;
    for (const item of items) {
      const run = toRun({ ...item, str: normalizeText(item.str, r.counts) }, view);
      if (run === 'slanted') slanted += 1;
      else if (run && onPage(run)) runs.push(run);
    }
    if (runs.length > MAX_RUNS_PER_PAGE) {
      throw readError(
        'too-many-cells',
        r.file,
        `第${n}页有 ${runs.length} 段文字，超过 ${MAX_RUNS_PER_PAGE} 段的上限，不像一份自评表。请只保留自评表所在的页后再导入。`,
      );
    }
    if (slanted > 0) r.notes.push(`第${n}页有 ${slanted} 段斜排文字（水印或印章），已忽略`);
    const chars = runs.reduce((sum, run) => sum + run.text.replace(/\s/g, '').length, 0);
    r.counts.chars += chars;
    if (chars === 0) {
      r.notes.push(`第${n}页没有文字层（可能是扫描图片），已跳过`);
      return null;
    }
    let segments: ReturnType<typeof rulingsFromOperatorList> = [];
    try {
      const ops = await r.within(page.getOperatorList({ annotationMode: r.pdfjs.AnnotationMode.DISABLE }));
      segments = rulingsFromOperatorList(ops.fnArray, ops.argsArray, r.pdfjs.OPS, view);
    } catch (e) {
      if (e instanceof ReadError) throw e;
      r.notes.push(`第${n}页的表格线无法读取，按文字位置分列（${errorMessage(e)}）`);
    }
    const layout = layoutPage(runs, segments);
    return { page: n, tables: layout.tables, lines: layout.lines, notes: layout.notes };
  } finally {
    page.cleanup();
  }
}

async function openDocument(
  task: ReturnType<PdfJs['getDocument']>,
  file: string,
  within: Reading['within'],
): Promise<PdfDocument> {
  try {
    return await within(task.promise);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    if (errorName(e) === 'PasswordException') {
      throw readError('encrypted', file, '设有打开密码，无法读取。请取消密码后重新导出 PDF 再导入。');
    }
    throw pdfError(
      'pdf-corrupt',
      file,
      `已损坏或不完整，无法作为 PDF 读取（${errorMessage(e)}）。请重新下载或重新导出 PDF 后再导入。`,
    );
  }
}

/** the grids of all pages, in page order; doc-level notes go on the first */
function gridsOf(pages: PageResult[], file: string, lim: ReadLimits, notes: string[]): Grid[] {
  const grids: Grid[] = [];
  const byTable = new Map<LaidTable, Grid>();
  let cells = 0;
  for (const p of pages) {
    const pageNotes = p.notes.map((note) => `第${p.page}页：${note}`);
    for (const table of p.tables) {
      const grid = toGrid(table, p.page, file);
      grid.notes.push(...pageNotes);
      cells += table.cells.length;
      byTable.set(table, grid);
      grids.push(grid);
    }
    if (p.tables.length === 0 && p.lines.length > 0) {
      grids.push({
        source: file,
        format: 'pdf',
        preamble: p.lines.map((l) => toGridLine(l, p.page)),
        rows: [],
        notes: [`第${p.page}页没有表格，文字都在 preamble 中`, ...pageNotes],
      });
    }
  }
  if (cells > lim.maxCells) {
    throw readError(
      'too-many-cells',
      file,
      `中的表格共有 ${cells} 个单元格，超过 ${lim.maxCells} 个的上限，不像一份自评表。请只保留自评表所在的页后再导入。`,
    );
  }
  markPageSplits(pages, byTable);
  grids[0]?.notes.unshift(...notes);
  return grids;
}

/**
 * Reads a PDF into one grid per table per page (a page with text but no table gives a grid
 * with only preamble lines). Throws ReadError for what cannot be read: not a PDF, damaged,
 * password-protected, over the size, page, cell or time limits, a scan without a text layer,
 * or fonts whose glyphs map to no characters.
 */
export async function readPdf(
  bytes: Uint8Array,
  file: string,
  limits?: Partial<ReadLimits>,
): Promise<Grid[]> {
  const lim = resolveLimits(limits);
  checkFileSize(bytes, file, lim);
  // PDF allows junk before its header; real files have the header within the first kilobyte
  if (!new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-')) {
    throw contentError(file, 'PDF 文件', bytes);
  }

  // Loading pdf.js (megabytes of code, once per process) is not the file's time: on a busy
  // machine the first load alone can take seconds, and a file must not be refused for it.
  const { pdfjs, assets } = await loadPdfJs();
  const deadline = Date.now() + lim.timeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(file, lim)), lim.timeoutMs);
  });
  // a rejection nobody awaits yet must not surface as unhandled
  timedOut.catch(() => undefined);
  const within = <T>(p: Promise<T>): Promise<T> => Promise.race([p, timedOut]);

  let task: ReturnType<PdfJs['getDocument']> | undefined;
  try {
    task = pdfjs.getDocument(documentOptions(bytes, assets));
    const doc = await openDocument(task, file, within);
    if (doc.numPages > lim.maxPages) {
      throw pdfError(
        'too-many-pages',
        file,
        `共 ${doc.numPages} 页，超过 ${lim.maxPages} 页的上限。请只保留自评表所在的页，或请管理员调高页数上限。`,
      );
    }
    const reading: Reading = {
      file,
      pdfjs,
      within,
      counts: { lookalike: 0, unmapped: 0, chars: 0 },
      notes: [],
    };
    const pages: PageResult[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      // pdf.js yields between its steps, but a page can be long: look at the clock between pages too
      if (Date.now() > deadline) throw timeoutError(file, lim);
      const page = await readPage(doc, n, reading);
      if (page) pages.push(page);
    }
    const { chars, unmapped, lookalike } = reading.counts;
    if (chars === 0) {
      throw pdfError(
        'no-text-layer',
        file,
        `是扫描件，无文字层（${doc.numPages} 页都没有可提取的文字），需要先做文字识别（OCR）。请导入原始的 Excel、Word 文件，或先用 OCR 软件转换。`,
      );
    }
    if (unmapped > 0.3 * chars) {
      throw pdfError(
        'no-unicode',
        file,
        `的字体没有 Unicode 映射，${unmapped} 个字符无法还原成文字（读出来会是乱码）。请导入原始的 Excel、Word 文件，或先用 OCR 软件转换。`,
      );
    }
    if (unmapped > 0) reading.notes.push(`有 ${unmapped} 个字符的字体没有 Unicode 映射，可能是乱码`);
    if (lookalike > 0) reading.notes.push(`把 ${lookalike} 个康熙部首或兼容汉字换成了对应的常用汉字`);
    return gridsOf(pages, file, lim, reading.notes);
  } finally {
    clearTimeout(timer);
    // destroying waits for pdf.js to wind down; a stuck parse must not hold the caller
    task?.destroy().catch(() => undefined);
  }
}
