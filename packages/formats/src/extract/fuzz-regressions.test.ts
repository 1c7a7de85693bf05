/**
 * Inputs the fuzzer (npm run fuzz, scripts/fuzz-lib.ts) found breaking the importer, kept as
 * regression tests: each once gave a wrong result or took far too long.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../import.ts';
import { parseMoney, parseRate, parseScore } from './cells.ts';

const fixture = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));

describe('importer on fuzzed inputs (regressions)', () => {
  it('reads hundreds of digits in a budget cell as no number, never Infinity', async () => {
    const digits = '9'.repeat(400);
    expect(parseRate(digits)).toEqual({ value: null, ok: false, assumedPercent: false });
    expect(parseRate(`${digits}%`).value).toBeNull();
    expect(parseMoney(digits)).toMatchObject({ value: null, ok: false });
    expect(parseScore(`${digits}分`)).toEqual({ value: null, ok: false });
    // A Sichuan form whose 预算执行率 cell became 80 nines: it used to be refused as
    // "invalid-extraction" (budget.rate Infinity); the form is now extracted without a rate.
    const results = await importBytes(fixture('fuzz/giant-digits-rate.xls'), 'giant-digits-rate.xls');
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect('error' in r ? r.error.message : '').toBe('');
    if (!('error' in r)) expect(r.evaluation.budget.rate).toBeNull();
  });

  it('reads hundreds of digits as a goal’s points as no points', async () => {
    // A text form whose "目标1(…分)" got 400 digits: goals[0].weight was Infinity.
    const results = await importBytes(fixture('fuzz/giant-digits-goal.txt'), 'giant-digits-goal.txt');
    expect(results.length).toBeGreaterThan(0);
    const r = results[0]!;
    expect('error' in r ? r.error.message : '').toBe('');
    if (!('error' in r))
      for (const g of r.evaluation.goals) expect(g.weight === null || Number.isFinite(g.weight)).toBe(true);
  });

  it('extracts a form with a row of 30,000 empty cells in well under the time limit', async () => {
    const html = new TextDecoder().decode(fixture('seed-hubei-dept-2023.html'));
    const at = html.indexOf('<td', html.indexOf('产出指标'));
    const wide = `${html.slice(0, at)}${'<td>≥'.repeat(15_000)}${'<td>'.repeat(15_000)}${html.slice(at)}`;
    // the importer's own CPU time, not the wall clock: alone it takes 0.2–0.5 s, and in a full
    // test run on two busy cores the same wall-clock reading went from 1.8 to 6.4 s
    const t0 = process.cpuUsage();
    const results = await importBytes(new TextEncoder().encode(wide), 'wide.html');
    const used = process.cpuUsage(t0);
    const ms = (used.user + used.system) / 1000;
    expect(results.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5000);
  }, 30_000);
});

describe('a PDF whose broken cross-references leave pdf.js promises unheard (regression)', () => {
  it('is read, and ends no process: a server with no listener of its own stays up', async () => {
    // In a child process, as a server is: no test runner listening for rejections there.
    const { execFileSync } = await import('node:child_process');
    const file = new URL('../../fixtures/fuzz/stray-xref-rejection.pdf', import.meta.url).pathname;
    const script = `
      import { readFileSync } from 'node:fs';
      import { readFile } from ${JSON.stringify(new URL('../read/index.ts', import.meta.url).pathname)};
      const grids = await readFile(new Uint8Array(readFileSync(${JSON.stringify(file)})), 'x.pdf');
      await new Promise((r) => setTimeout(r, 1000));
      console.log('alive', grids.length);
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(out).toContain('alive');
  }, 60_000);
});

describe('a target or actual value printed over two lines', () => {
  it('is read as one value, as a narrow PDF cell wraps it', async () => {
    const html = new TextDecoder()
      .decode(fixture('seed-hubei-dept-2023.html'))
      .replace('<td>19次</td>', '<td>19<br>次</td>')
      .replace('<td>≥12次</td>', '<td>≥12<br>次</td>');
    const [r] = await importBytes(new TextEncoder().encode(html), 'wrapped.html');
    if (!r || 'error' in r) throw new Error(r ? r.error.message : 'no form');
    expect(r.evaluation.indicators[0]?.actual).toMatchObject({ raw: '19次', value: 19, unit: '次' });
  });
});
