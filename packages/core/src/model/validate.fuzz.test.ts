/** Inputs the fuzzer (npm run fuzz) found crashing validate, kept as regression tests. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from './validate.ts';

function seedDocument(): Record<string, unknown> {
  const url = new URL('../../../server/src/demo/data/anhui-project-2022.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('validate on hostile documents (fuzz regressions)', () => {
  it('refuses a value nested too deep for JSON.stringify with a short message, not a crash', () => {
    const doc = { ...seedDocument(), kind: deep(20_000) };
    const r = validate(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.path).toBe('kind');
    expect(r.errors[0]?.message.length).toBeLessThan(300);
  });

  it('quotes only the start of a giant wrong value', () => {
    const r = validate({ ...seedDocument(), kind: '格'.repeat(1_000_000), year: 'x'.repeat(1_000_000) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const e of r.errors) expect(e.message.length).toBeLessThan(400);
  });
});

describe('normalizeLabel on a giant cell (fuzz regression)', () => {
  it('reads a megabyte of digits in linear time, and still finds a score at the end', async () => {
    const { normalizeLabel } = await import('../taxonomy/classify.ts');
    // Once quadratic: the extraction of a damaged file ran for hours inside this regex.
    const t0 = performance.now();
    expect(normalizeLabel('1'.repeat(1_000_000)).points).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(normalizeLabel(`${'绩'.repeat(200_000)}（30分）`).points).toBe(30);
    expect(normalizeLabel('产 出 指 标 (50分)')).toEqual({ label: '产出指标', points: 50 });
  });
});
