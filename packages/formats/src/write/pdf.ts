/**
 * PDF: the HTML print view of the form table, printed by Chromium (playwright-core driving the
 * system's /usr/bin/chromium; a browser is never downloaded). Why Chromium rather than a PDF
 * library with a CJK font: the browser lays out a table with row and column spans, wraps long
 * Chinese text inside cells and breaks pages between rows, and it embeds subsets of the system
 * CJK fonts (宋体 or Noto CJK) as real text, so the PDF is small, searchable and selectable.
 * A PDF library would need our own table layout, line breaking and font subsetting, and a
 * bundled CJK font of 10–20 MB.
 *
 * Skia's text layer names some characters by the radicals that share their glyphs (⻓ for 长);
 * pdf-unicode.ts puts it right after printing. One browser serves many forms: open a renderer,
 * print every form of a bundle, close it.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { renderHtml } from './html.ts';
import { fixPdfText } from './pdf-unicode.ts';
import { type FormTable, lineText } from './table.ts';

/** The system Chromium; JIXIAO_CHROMIUM points elsewhere (another distribution's path). */
export function chromiumPath(): string {
  return process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium';
}

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const FOOTER =
  '<div style="width:100%;font-size:8pt;text-align:center;color:#444;">' +
  '<span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/** Every character the printed page holds: the form's texts and the page-number footer's. */
function pageText(table: FormTable): string {
  const parts = [...table.above, ...table.below].map(lineText);
  for (const row of table.rows) for (const c of row) parts.push(c.text);
  parts.push('0123456789 /');
  return parts.join('\n');
}

export interface PdfRenderer {
  /** prints a form table (A4 landscape); called many times at once, the calls wait their turn */
  render(table: FormTable): Promise<Uint8Array>;
  close(): Promise<void>;
}

export class PdfUnavailableError extends Error {
  readonly code = 'pdf-unavailable';
}

/**
 * Starts Chromium for printing. The pages it prints run no script and reach no network: a
 * form's text is escaped into the page, and nothing else is loaded.
 */
export async function openPdfRenderer(): Promise<PdfRenderer> {
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS, headless: true });
  } catch (e) {
    throw new PdfUnavailableError(
      `无法启动 Chromium（${chromiumPath()}）生成 PDF：${e instanceof Error ? e.message.split('\n')[0] : String(e)}。` +
        '请安装 Chromium（Debian/Ubuntu：apt-get install chromium），或用环境变量 JIXIAO_CHROMIUM 指定其路径。',
    );
  }
  let context: BrowserContext;
  try {
    context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  } catch (e) {
    await browser.close();
    throw e;
  }
  const pages = pagePool(context, PAGES);
  return {
    async render(table) {
      return pages.use(async (page) => {
        await page.setContent(renderHtml(table), { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          landscape: true,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: FOOTER,
          margin: { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' },
        });
        return fixPdfText(new Uint8Array(pdf), pageText(table));
      });
    },
    async close() {
      await context.close().catch(() => {});
      await browser.close();
    },
  };
}

/**
 * Forms printed at once by one renderer. A page is kept and used again (setContent replaces the
 * previous form; the pages run no script): opening one cost 130–200 ms of a print of 300–900.
 * Two print side by side on a machine of two cores (a bundle, the server's exports).
 */
const PAGES = 2;

interface PagePool {
  use<T>(work: (page: Page) => Promise<T>): Promise<T>;
}

function pagePool(context: BrowserContext, size: number): PagePool {
  const idle: Page[] = [];
  const waiting: ((page: Page | null) => void)[] = [];
  let open = 0;
  const acquire = async (): Promise<Page> => {
    const kept = idle.pop();
    if (kept) return kept;
    if (open < size) {
      open++;
      try {
        return await context.newPage();
      } catch (e) {
        open--;
        throw e;
      }
    }
    const handed = await new Promise<Page | null>((resolve) => waiting.push(resolve));
    // null: a page was given up, so a new one may be opened in its place
    return handed ?? acquire();
  };
  const release = (page: Page | null) => {
    const next = waiting.shift();
    if (next) next(page);
    else if (page) idle.push(page);
  };
  return {
    async use(work) {
      const page = await acquire();
      try {
        const result = await work(page);
        release(page);
        return result;
      } catch (e) {
        // a page that failed mid-print may be in any state: close it rather than use it again
        open--;
        await page.close().catch(() => {});
        release(null);
        throw e;
      }
    },
  };
}

/** One form's PDF; with no renderer given, a browser is started and closed for it. */
export async function writePdf(table: FormTable, renderer?: PdfRenderer): Promise<Uint8Array> {
  if (renderer) return renderer.render(table);
  const own = await openPdfRenderer();
  try {
    return await own.render(table);
  } finally {
    await own.close();
  }
}
