import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/web/e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
    testTimeout: 30_000,
    // both cores: the slow suites wait on child processes (servers, Chromium) more than on CPU
    maxWorkers: 2,
    // pdf.js leaves rejected page prefetches unheard in damaged files; the PDF reader drops
    // them (packages/formats/src/read/pdf-stray.ts) and so does the test run. Others still fail it.
    onUnhandledError: (error) =>
      /(Exception|FormatError)$/.test(error.name ?? '') && (error.stack ?? '').includes('/pdfjs-dist/')
        ? false
        : undefined,
  },
});
