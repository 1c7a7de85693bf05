/**
 * The editor's hot path in Node: score() + check() of one form, as the web editor runs them after
 * every edit. `npx tsx bench/score-check-200.ts` (`--json` adds the figures as one JSON line;
 * RUNS and PER_RUN in the environment change the sample size).
 *
 * Forms: the seed (hubei-2020, 21 indicators, no weights); a generated Hubei department form
 * grown to 200 indicators as bench/editor.ts grows it (no weights); a generated national project
 * form grown to 200 (weights, so every weight rule runs); the seed's indicators repeated to 200
 * with weights (many score differences, so many findings).
 *
 * Two ways the editor can hand a form over:
 *   fresh      every call gets a new copy of the whole form (JSON.parse, made before timing),
 *              so nothing can be remembered from an earlier call;
 *   one edit   every call gets a new evaluation object whose indicators are the previous call's
 *              objects except one row, replaced by a changed copy (what an immutable editor
 *              state gives), so per-row work done for an earlier call may be reused.
 *
 * Each run times PER_RUN calls and keeps its median call; the figures are the median, min and
 * max of the runs' medians, in milliseconds, plus the process CPU time per call (less disturbed
 * by other load on a shared machine than wall time).
 */
import { readFileSync } from 'node:fs';
import { check, type Evaluation, getProfile, type Indicator, type Profile, score } from '@jixiao/core';
import { importBytes } from '@jixiao/formats';
import { generateForm, renderForm } from '../packages/formats/src/corpus/index.ts';

const RUNS = Number(process.env.RUNS ?? 15);
const PER_RUN = Number(process.env.PER_RUN ?? 40);
const SIZE = 200;

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spreadOf(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)] ?? Number.NaN,
    min: s[0] ?? Number.NaN,
    max: s.at(-1) ?? Number.NaN,
  };
}

function profileOf(id: string | null): Profile {
  const p = getProfile(id ?? 'hubei-2020');
  if (!p) throw new Error(`no profile ${id}`);
  return p;
}

function grow(ev: Evaluation, n: number, weigh: boolean): Evaluation {
  const base = ev.indicators;
  const indicators: Indicator[] = Array.from({ length: n }, (_, i) => {
    const ind = base[i % base.length] as Indicator;
    const round = Math.floor(i / base.length);
    const renamed = round === 0 ? ind : { ...ind, name: `${ind.name}（${round + 1}）` };
    // 80 points shared out (the budget carries the other 20)
    return weigh ? { ...renamed, weight: 0.4 } : renamed;
  });
  return { ...ev, indicators };
}

async function generated(layout: 'hubei-department' | 'national-project'): Promise<Evaluation> {
  const r = await renderForm(generateForm(31, 0, layout), 'tab-separated');
  const [first] = await importBytes(r.bytes, r.file);
  if (!first || !('evaluation' in first)) throw new Error(`${layout}: the generated form did not import`);
  return first.evaluation;
}

/** The row an edit changes: its actual value nudged, as typing a new figure does. */
function edited(ind: Indicator, n: number): Indicator {
  const a = ind.actual;
  if (a.kind === 'quantitative' && a.value !== null) {
    const value = a.value + (n % 2 === 0 ? 1 : -1);
    return { ...ind, actual: { ...a, value, raw: `${value}${a.unit ?? ''}` } };
  }
  return { ...ind, deviation: `${ind.deviation ?? ''}改` };
}

function fresh(ev: Evaluation, n: number): Evaluation[] {
  const json = JSON.stringify(ev);
  return Array.from({ length: n }, () => JSON.parse(json) as Evaluation);
}

/** A chain of n forms, each one edit (a different row each time) away from the one before. */
function oneEditChain(ev: Evaluation, n: number): Evaluation[] {
  let current = JSON.parse(JSON.stringify(ev)) as Evaluation;
  const out: Evaluation[] = [];
  for (let i = 0; i < n; i++) {
    const k = (i * 37) % current.indicators.length;
    const indicators = current.indicators.slice();
    indicators[k] = edited(indicators[k] as Indicator, i);
    current = { ...current, indicators };
    out.push(current);
  }
  return out;
}

interface Measured {
  wall: Spread;
  cpuPerCall: number;
  findings: number;
}

function measure(forms: (n: number) => Evaluation[], profile: Profile): Measured {
  let findings = 0;
  // warm-up: the JIT and anything the first calls set up
  for (const ev of forms(30)) findings = check(ev, profile, [], { score: score(ev, profile) }).length;
  const medians: number[] = [];
  let cpu = 0;
  for (let run = 0; run < RUNS; run++) {
    const batch = forms(PER_RUN);
    const times: number[] = [];
    const c0 = process.cpuUsage();
    for (const ev of batch) {
      const t0 = performance.now();
      check(ev, profile, [], { score: score(ev, profile) });
      times.push(performance.now() - t0);
    }
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    medians.push(spreadOf(times).median);
  }
  return { wall: spreadOf(medians), cpuPerCall: cpu / (RUNS * PER_RUN), findings };
}

const seed = JSON.parse(
  readFileSync(new URL('../examples/seed-hubei-dept-2023.expected.json', import.meta.url), 'utf8'),
) as Evaluation;
const cases: [string, Evaluation][] = [
  ['seed (21, no weights)', seed],
  [`generated department ×${SIZE} (no weights)`, grow(await generated('hubei-department'), SIZE, false)],
  [`generated project ×${SIZE} (weights)`, grow(await generated('national-project'), SIZE, false)],
  [`seed ×${SIZE} (weights)`, grow(seed, SIZE, true)],
];

const f = (n: number) => n.toFixed(3).padStart(7);
const results: Record<string, Record<string, Measured>> = {};
console.log(
  `score() + check(), ms per call: median / min / max of ${RUNS} runs' medians (${PER_RUN} calls each), CPU ms per call`,
);
for (const [label, ev] of cases) {
  const profile = profileOf(ev.profile);
  results[label] = {};
  for (const [mode, forms] of [
    ['fresh', (n: number) => fresh(ev, n)],
    ['one edit', (n: number) => oneEditChain(ev, n)],
  ] as const) {
    const m = measure(forms, profile);
    (results[label] as Record<string, Measured>)[mode] = m;
    console.log(
      `  ${`${label}, ${mode}`.padEnd(48)} ${f(m.wall.median)} ${f(m.wall.min)} ${f(m.wall.max)}   cpu ${f(m.cpuPerCall)}   ${m.findings} findings`,
    );
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
