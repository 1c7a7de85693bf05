/**
 * One Chromium per server process for PDF exports: started by the first PDF asked for (a
 * server that never prints one never starts it), each request printing in a page of its own
 * that is closed after, and shut down with the server. Starting Chromium costs far more than
 * printing a form, so a request no longer pays for it. If the browser dies, the next request
 * starts a new one.
 */
import type { PdfRenderer } from '@jixiao/formats';
import { refuse } from '../commands/problem.ts';

export interface SharedPdfRenderer extends PdfRenderer {
  /** whether a browser is running (or starting) now */
  running(): boolean;
}

type FormTable = Parameters<PdfRenderer['render']>[0];

// Playwright's words for a browser, context or page that is gone.
const GONE = /has been closed|disconnected|crashed|Target closed/i;

/** `open` starts a renderer (formats' openPdfRenderer, loaded only when first needed). */
export function sharedPdfRenderer(open: () => Promise<PdfRenderer>): SharedPdfRenderer {
  let current: Promise<PdfRenderer> | null = null;
  let closed = false;

  const get = (): Promise<PdfRenderer> => {
    if (closed) refuse('unavailable', 'shutting-down', '服务正在停止，请稍后重试。');
    current ??= open().catch((e: unknown) => {
      current = null;
      // Chromium missing or unable to start: say so, and try again on the next request.
      const message = e instanceof Error ? e.message : String(e);
      if ((e as { code?: string }).code === 'pdf-unavailable')
        refuse('unavailable', 'pdf-unavailable', message);
      throw e;
    });
    return current;
  };

  const discard = (dead: Promise<PdfRenderer>) => {
    if (current !== dead) return;
    current = null;
    void dead.then((r) => r.close()).catch(() => {});
  };

  return {
    running: () => current !== null,
    async render(table: FormTable) {
      const pending = get();
      const renderer = await pending;
      try {
        return await renderer.render(table);
      } catch (e) {
        if (!(e instanceof Error && GONE.test(e.message)) || closed) throw e;
        discard(pending);
        return (await get()).render(table);
      }
    },
    async close() {
      closed = true;
      const pending = current;
      current = null;
      if (pending) await (await pending.catch(() => null))?.close();
    },
  };
}
