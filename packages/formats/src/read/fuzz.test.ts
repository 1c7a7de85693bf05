/**
 * Random bytes and damaged copies of the fixtures: every reader must return grids or throw a
 * ReadError, never crash with another error and never hang. Bounded in runs and time.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Grid, ReadError } from '../grid.ts';
import { buildDocx } from './build-ooxml.ts';
import { readCsv } from './csv.ts';
import { readDocx } from './docx.ts';
import { readHtml } from './html.ts';
import { readFile } from './index.ts';
import { readXlsx } from './xlsx.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));

type Outcome = 'grids' | 'refused';

function outcome(fn: () => Grid[]): Outcome {
  try {
    const grids = fn();
    expect(Array.isArray(grids)).toBe(true);
    return 'grids';
  } catch (e) {
    if (e instanceof ReadError) {
      expect(e.message).toMatch(/^文件“/);
      return 'refused';
    }
    throw e;
  }
}

const limits = { timeoutMs: 2000 };
const SYNC_READERS: [string, (b: Uint8Array, f: string) => Grid[]][] = [
  ['csv', (b, f) => readCsv(b, f, limits)],
  ['html', (b, f) => readHtml(b, f, limits)],
  ['xlsx', (b, f) => readXlsx(b, f, limits)],
  ['docx', (b, f) => readDocx(b, f, limits)],
];

/** `count` byte changes (overwrite, or truncate at the end) of a fixture */
const mutation = (size: number) =>
  fc.record({
    edits: fc.array(fc.tuple(fc.nat({ max: size - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    }),
    cut: fc.option(fc.nat({ max: size - 1 }), { nil: undefined }),
  });

function mutate(bytes: Uint8Array, m: { edits: [number, number][]; cut: number | undefined }): Uint8Array {
  const out = bytes.slice(0, m.cut ?? bytes.length);
  for (const [at, v] of m.edits) if (at < out.length) out[at] = v;
  return out;
}

describe('fuzz: the readers never crash', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 2048 }), (bytes) => {
        for (const [name, read] of SYNC_READERS) outcome(() => read(bytes, `random.${name}`));
      }),
      { numRuns: 150 },
    );
  });

  it('random bytes behind a zip signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 2048 }), (tail) => {
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail]);
        expect(outcome(() => readXlsx(bytes, 'z.xlsx', limits))).toBe('refused');
        expect(outcome(() => readDocx(bytes, 'z.docx', limits))).toBe('refused');
      }),
      { numRuns: 150 },
    );
  });

  for (const [name, read] of [
    ['seed-hubei-dept-2023.xlsx', (b: Uint8Array) => readXlsx(b, 'm.xlsx', limits)],
    ['workbook-two-sheets.xlsx', (b: Uint8Array) => readXlsx(b, 'm.xlsx', limits)],
    ['project-merged.docx', (b: Uint8Array) => readDocx(b, 'm.docx', limits)],
    ['seed-hubei-dept-2023.html', (b: Uint8Array) => readHtml(b, 'm.html', limits)],
    ['gov-project-2022-gbk-export.xls', (b: Uint8Array) => readHtml(b, 'm.html', limits)],
    ['budget.gbk.csv', (b: Uint8Array) => readCsv(b, 'm.csv', limits)],
  ] as const) {
    it(`damaged copies of ${name}`, () => {
      const original = fixture(name);
      const seen = new Set<Outcome>();
      fc.assert(
        fc.property(mutation(original.length), (m) => {
          seen.add(outcome(() => read(mutate(original, m))));
        }),
        { numRuns: 120 },
      );
      expect(seen.size).toBeGreaterThan(0);
    });
  }

  it('deeply nested elements and tables', () => {
    const divs = `${'<div><span>'.repeat(5000)}深处${'</span></div>'.repeat(5000)}`;
    const html = readHtml(divs, 'deep.html');
    expect(html[0]!.preamble.map((l) => l.text).join('')).toContain('深处');
    const tables = `${'<table><tr><td>格'.repeat(3000)}${'</td></tr></table>'.repeat(3000)}`;
    expect(outcome(() => readHtml(tables, 'nested.html'))).toBe('grids');
    const tc = (inner: string) =>
      `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p>${inner}<w:p/></w:tc></w:tr></w:tbl>`;
    let body = '';
    for (let i = 0; i < 2000; i++) body = tc(body);
    const docx = readDocx(buildDocx(body), 'nested.docx');
    expect(docx[0]!.notes.join()).toContain('嵌套超过 16 层');
  });

  it('readFile on damaged copies of every fixture, under any name', async () => {
    const names = [
      'seed-hubei-dept-2023.xlsx',
      'project-merged.docx',
      'seed-hubei-dept-2023.html',
      'budget.utf8.csv',
    ];
    const exts = ['xlsx', 'docx', 'html', 'csv', 'txt', 'pdf', ''];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.constantFrom(...exts),
        fc.array(fc.tuple(fc.nat({ max: 4000 }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        async (name, ext, edits) => {
          const bytes = mutate(fixture(name), { edits, cut: undefined });
          try {
            const grids = await readFile(bytes, `m.${ext}`, limits);
            expect(Array.isArray(grids)).toBe(true);
          } catch (e) {
            if (!(e instanceof ReadError)) throw e;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
