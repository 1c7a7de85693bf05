/**
 * The sample forms: each real published form in ../shared/samples is imported and judged field
 * by field against its .expected.json. The seed must be entirely right; every other sample must
 * stay at least as right as it is now (the floors below only ever go up).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validate } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { type Comparison, compareWithExpected } from './extract/compare.ts';
import { extractEvaluations, importText } from './extract/index.ts';
import { readFile } from './read/index.ts';

const SAMPLES = fileURLToPath(new URL('../../../../shared/samples/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Fields right, as a share of fields judged, that each sample must keep. */
const FLOORS: Record<string, number> = {
  'seed-hubei-dept-2023.md': 1,
  'anhui-project-2022.txt': 1,
  'yunnan-project-2019.txt': 1,
  'hubei-project-2021-cell-per-line.txt': 1,
  'sichuan-510000-template-2023.txt': 1,
  'hebei-project-2019-paragraphs.txt': 1,
  'anhui-project-2023-core-rows.txt': 1,
};

interface Sample {
  file: string;
  text: string;
  expected: unknown;
}

function samples(): Sample[] {
  if (!existsSync(SAMPLES)) return [];
  const out: Sample[] = [];
  for (const name of readdirSync(SAMPLES).sort()) {
    const m = /^(.*)\.expected\.json$/.exec(name);
    if (!m) continue;
    const form = ['.md', '.txt'].map((ext) => `${m[1]}${ext}`).find((f) => existsSync(SAMPLES + f));
    if (!form) continue;
    out.push({
      file: form,
      text: readFileSync(SAMPLES + form, 'utf8'),
      expected: JSON.parse(readFileSync(SAMPLES + name, 'utf8')),
    });
  }
  return out;
}

function judge(sample: Sample): Comparison {
  const results = importText(sample.text, sample.file);
  const first = results[0];
  const evaluation = first && 'evaluation' in first ? first.evaluation : null;
  return compareWithExpected(evaluation, sample.expected);
}

const all = samples();

describe('the sample forms', () => {
  it('are all there', () => {
    expect(all.map((s) => s.file)).toEqual(expect.arrayContaining(Object.keys(FLOORS)));
  });

  it('import to their expected evaluations, field by field', () => {
    const perFile: Record<string, { fields: number; right: number; accuracy: string }> = {};
    const perField: Record<string, { fields: number; right: number }> = {};
    const misses: string[] = [];
    for (const sample of all) {
      const c = judge(sample);
      perFile[sample.file] = { fields: c.fields, right: c.right, accuracy: pct(c.right, c.fields) };
      for (const [path, s] of Object.entries(c.byPath)) {
        const slot = perField[path] ?? { fields: 0, right: 0 };
        slot.fields += s.fields;
        slot.right += s.right;
        perField[path] = slot;
      }
      for (const w of c.wrong) {
        misses.push(
          `${sample.file} ${w.path}: expected ${JSON.stringify(w.expected)}, got ${JSON.stringify(w.actual)}`,
        );
      }
    }
    console.log('Sample accuracy per file');
    console.table(perFile);
    console.log('Sample accuracy per field');
    console.table(
      Object.fromEntries(
        Object.entries(perField)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([p, s]) => [p, { ...s, accuracy: pct(s.right, s.fields) }]),
      ),
    );
    if (misses.length > 0) console.log(`Fields wrong:\n${misses.join('\n')}`);
    for (const sample of all) {
      const floor = FLOORS[sample.file];
      if (floor === undefined) continue;
      const { right, fields } = perFile[sample.file]!;
      expect(fields, sample.file).toBeGreaterThan(0);
      expect(right / fields, sample.file).toBeGreaterThanOrEqual(floor);
    }
  });

  it('give evaluations that pass the model’s own validation', () => {
    for (const sample of all) {
      const results = importText(sample.text, sample.file);
      expect(results.length, sample.file).toBeGreaterThan(0);
      for (const r of results) {
        expect('evaluation' in r, sample.file).toBe(true);
        if ('evaluation' in r)
          expect(validate(JSON.parse(JSON.stringify(r.evaluation))).ok, sample.file).toBe(true);
      }
    }
  });

  it('the seed is right in every field', () => {
    const seed = all.find((s) => s.file === 'seed-hubei-dept-2023.md');
    expect(seed).toBeDefined();
    const c = judge(seed!);
    expect(c.wrong).toEqual([]);
    expect(c.fields).toBeGreaterThan(200);
  });
});

function pct(right: number, fields: number): string {
  return fields === 0 ? '-' : `${((100 * right) / fields).toFixed(1)}%`;
}

/**
 * The same forms typed in Excel and Word and printed to PDF (packages/formats/fixtures, made with
 * LibreOffice): each must import as well as the text sample. The Anhui files differ from the
 * published text in two cells (they print the 执行率 the web page lost, and use a full-width
 * comma), hence 73 of 75.
 */
const FORMATS: [string, string, number][] = [
  ['seed-hubei-dept-2023.xlsx', 'seed-hubei-dept-2023', 1],
  ['seed-hubei-dept-2023.html', 'seed-hubei-dept-2023', 1],
  ['docx-lo/seed-hubei-dept-2023.docx', 'seed-hubei-dept-2023', 1],
  ['pdf/seed-hubei-dept-2023.pdf', 'seed-hubei-dept-2023', 1],
  ['pdf/seed-hubei-dept-2023-writer.pdf', 'seed-hubei-dept-2023', 1],
  ['docx-lo/anhui-project-2022.docx', 'anhui-project-2022', 73 / 75],
  ['pdf/anhui-project-2022.pdf', 'anhui-project-2022', 73 / 75],
  ['pdf/anhui-project-2022-borderless.pdf', 'anhui-project-2022', 73 / 75],
];

describe('the sample forms in other formats', () => {
  for (const [file, sample, floor] of FORMATS) {
    it.skipIf(!existsSync(FIXTURES + file) || !existsSync(`${SAMPLES}${sample}.expected.json`))(
      file,
      async () => {
        const grids = await readFile(new Uint8Array(readFileSync(FIXTURES + file)), file);
        const results = extractEvaluations(grids, { file });
        expect(results).toHaveLength(1);
        const first = results[0]!;
        expect('evaluation' in first).toBe(true);
        const expected = JSON.parse(readFileSync(`${SAMPLES}${sample}.expected.json`, 'utf8'));
        const c = compareWithExpected('evaluation' in first ? first.evaluation : null, expected);
        console.log(`${file}: ${c.right}/${c.fields}`);
        expect(c.right / c.fields).toBeGreaterThanOrEqual(floor);
      },
    );
  }

  it.skipIf(!existsSync(`${FIXTURES}pdf/two-projects-one-page.pdf`))(
    'reads two forms on one page as two',
    async () => {
      const file = 'pdf/two-projects-one-page.pdf';
      const grids = await readFile(new Uint8Array(readFileSync(FIXTURES + file)), file);
      const evs = extractEvaluations(grids, { file }).map((r) => ('evaluation' in r ? r.evaluation : null));
      expect(evs.map((e) => [e?.project, e?.budget.planned, e?.indicators.map((i) => i.name)])).toEqual([
        ['图书采购', 120, ['新增馆藏图书册数']],
        ['阅读推广活动', 35.5, ['举办阅读推广活动场次']],
      ]);
    },
  );
});
