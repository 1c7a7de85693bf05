/**
 * How fast the review checks run, alone (each form scored beforehand): `npx tsx bench/check-seed.ts`
 * (`--json` adds the figures as one JSON line).
 *
 * Bulk review checks thousands of different forms, and the rules memoise what they compute per
 * evaluation object, so every timed call gets its own copy of the form (made before timing) and
 * its own score result; timing one object over and over would measure the memo, not the rules.
 * Machines shared with other work are noisy, so the copies are timed in short runs of TRIAL forms
 * and the 10th percentile of the runs is reported: one core's speed when nothing interferes.
 *
 * Cases: the seed (hubei-2020 department form, 21 indicators, no weights) and the clean fixture
 * (national-2020 project form, 7 indicators, weights), each alone and with last year's form as
 * history (a copy, so every history rule has work). Then where the time of one full check of the
 * seed with history goes, rule by rule.
 */
import { readFileSync } from 'node:fs';
import {
  CHECK_RULES,
  check,
  type Evaluation,
  getProfile,
  type Profile,
  type Rule,
  type ScoreResult,
  score,
  validate,
} from '@jixiao/core';

const COPIES = Number(process.env.COPIES ?? 3000);
const TRIAL = 15;

interface Form {
  ev: Evaluation;
  score: ScoreResult;
  history: Evaluation[];
}

function load(path: string): Evaluation {
  const v = validate(JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')));
  if (!v.ok) throw new Error(`${path}: ${JSON.stringify(v.errors)}`);
  return v.evaluation;
}

function profileOf(id: string): Profile {
  const p = getProfile(id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
}

function copies(base: Evaluation, profile: Profile, withHistory: boolean, n = COPIES): Form[] {
  return Array.from({ length: n }, () => {
    const ev = structuredClone(base);
    const last = { ...structuredClone(base), year: (base.year ?? 2023) - 1 };
    return { ev, score: score(ev, profile), history: withHistory ? [last] : [] };
  });
}

/** Microseconds per form: the 10th percentile of runs of TRIAL forms, after a fifth for warm-up. */
function microsecondsPerForm(forms: Form[], profile: Profile, rules?: readonly Rule[]): number {
  const runs: number[] = [];
  for (let from = 0; from + TRIAL <= forms.length; from += TRIAL) {
    const t0 = performance.now();
    for (let i = from; i < from + TRIAL; i++) {
      const f = forms[i] as Form;
      check(f.ev, profile, f.history, { score: f.score, ...(rules ? { rules } : {}) });
    }
    runs.push(((performance.now() - t0) * 1000) / TRIAL);
  }
  const timed = runs.slice(Math.floor(runs.length / 5)).sort((a, b) => a - b);
  return timed[Math.floor(timed.length / 10)] ?? Number.NaN;
}

const seed = load('../examples/seed-hubei-dept-2023.expected.json');
const clean = load('../packages/core/src/checks/fixtures/clean-project-2023.json');
const hubei = profileOf('hubei-2020');
const national = profileOf('national-2020');

const cases: [string, Evaluation, Profile, boolean][] = [
  ['seed (hubei-2020, 21 indicators)', seed, hubei, false],
  ['seed + last year', seed, hubei, true],
  ['clean (national-2020, 7 indicators)', clean, national, false],
  ['clean + last year', clean, national, true],
];

// Warm the JIT and the module-level tables before timing anything.
microsecondsPerForm(copies(seed, hubei, true, 600), hubei);

const results: Record<string, { microseconds: number; formsPerSecond: number }> = {};
console.log(`check() alone on ${COPIES} distinct copies per case, one core`);
for (const [label, base, profile, withHistory] of cases) {
  const us = microsecondsPerForm(copies(base, profile, withHistory), profile);
  results[label] = { microseconds: Math.round(us * 10) / 10, formsPerSecond: Math.round(1e6 / us) };
  console.log(
    `  ${label.padEnd(38)} ${us.toFixed(1).padStart(7)} µs  ${Math.round(1e6 / us)
      .toLocaleString('en')
      .padStart(7)} forms/s`,
  );
}

// Each rule's run timed in place, in catalogue order, so the first rule to need the shared
// per-form facts pays for them; the rest is the runner's own (places, ordering, skipped notes).
// The timers cost about as much as a small rule, and load from other work inflates everything
// alike, so the split is given as shares of the whole.
const spent = new Map<string, number>();
const timed: Rule[] = CHECK_RULES.map((rule) => ({
  ...rule,
  run(ctx) {
    const t0 = performance.now();
    const out = rule.run(ctx);
    spent.set(rule.code, (spent.get(rule.code) ?? 0) + performance.now() - t0);
    return out;
  },
}));
const traced = copies(seed, hubei, true);
for (const f of traced.slice(0, 300)) check(f.ev, hubei, f.history, { score: f.score, rules: timed });
spent.clear();
const t0 = performance.now();
for (const f of traced.slice(300)) check(f.ev, hubei, f.history, { score: f.score, rules: timed });
const whole = performance.now() - t0;
const shares = [...spent]
  .map(([code, ms]) => ({ code, share: ms / whole }))
  .sort((a, b) => b.share - a.share);
const runner = 1 - shares.reduce((sum, r) => sum + r.share, 0);
const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
console.log('\nwhere one check of the seed with last year goes:');
console.log(`  ${'runner: places, ordering, skipped notes'.padEnd(42)} ${pct(runner)}`);
for (const r of shares.slice(0, 12)) console.log(`  ${r.code.padEnd(42)} ${pct(r.share)}`);

if (process.argv.includes('--json'))
  console.log(JSON.stringify({ results, shares: [{ code: 'runner', share: runner }, ...shares] }));
