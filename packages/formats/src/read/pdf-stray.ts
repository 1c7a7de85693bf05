/**
 * pdf.js prefetches page dictionaries that it may never await (Catalog.getPageDict puts
 * `xref.fetchAsync(kid)` into a cache). In a file with a broken cross-reference table such a
 * prefetch rejects with nobody listening, and Node's default for an unhandled rejection ends
 * the process: one damaged upload would stop the server. Those rejections carry nothing a
 * reader needs (the pages are read, or refused, through the promises it does await), so once
 * pdf.js is loaded they are dropped. Every other unhandled rejection keeps Node's default: it is
 * thrown again, as an uncaught exception.
 */

/** a rejection raised inside pdf.js's own code (its exception classes), not by ours */
export function isPdfJsStrayRejection(reason: unknown): boolean {
  return (
    reason instanceof Error &&
    /(Exception|FormatError)$/.test(reason.name) &&
    (reason.stack ?? '').includes('/pdfjs-dist/')
  );
}

let installed = false;

export function dropPdfJsStrayRejections(): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    if (isPdfJsStrayRejection(reason)) return;
    // With a listener installed Node no longer ends the process by itself; do as it would
    // have done when this listener is the only one.
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
}
