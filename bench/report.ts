/**
 * docs/benchmarks.md from one run's results: the machine, then each section's method, its
 * figures (median of the runs with min and max, the baseline's, the ratio) and the goals.
 */

import type { MachineProbe } from './probe.ts';
import type { Figure, Section } from './stats.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  load: number[];
  /** what a system call, a loopback round trip and a JavaScript step cost here (bench/probe.ts); absent in runs before it */
  probe?: MachineProbe;
}

export interface Results {
  startedAt: string;
  seconds: number;
  machine: Machine;
  quick: boolean;
  sections: Section[];
  /** sections that failed, with the error, so one broken benchmark does not hide the rest */
  failed: { id: string; error: string }[];
}

function num(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return v.toLocaleString('en', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

function cell(f: { median: number; min: number; max: number; runs: number }, unit: string): string {
  if (f.runs <= 1) return `${num(f.median)} ${unit} (1 run)`;
  return `**${num(f.median)}** ${unit} (${num(f.min)}–${num(f.max)})`;
}

function ratio(f: Figure): string {
  if (f.ratio === undefined) return '';
  return `${num(f.ratio)}×`;
}

const BACKEND_NAMES: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The label, with the backend in front for the scale figures (their ids start with it). */
function labelOf(f: Figure): string {
  const backend = BACKEND_NAMES[f.id.split('-')[0] ?? ''];
  return backend ? `${backend}: ${f.label}` : f.label;
}

function table(figures: readonly Figure[]): string[] {
  const lines = [
    '| figure | median (min–max) | baseline, same run | baseline better by | goal |',
    '|---|---|---|---|---|',
  ];
  for (const f of figures) {
    const base = f.baseline ? `${cell(f.baseline, f.unit)}<br>${f.baseline.label}` : '';
    const goal = f.goal ? `${f.goal.met ? '✅ met' : '❌ not met'}: ${f.goal.text}` : '';
    const label = f.note ? `${labelOf(f)}<br><small>${f.note}</small>` : labelOf(f);
    lines.push(`| ${label} | ${cell(f, f.unit)} | ${base} | ${ratio(f)} | ${goal} |`);
  }
  return lines;
}

export interface ReportExtras {
  /** hand-written text kept across runs: findings from profiling, before and after */
  profiling?: string;
  resultsFile: string;
}

export function renderReport(r: Results, extras: ReportExtras): string {
  const m = r.machine;
  const out: string[] = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts, bench/report.ts); edits here are overwritten. -->',
    '',
    `Run ${r.startedAt} (${Math.round(r.seconds)} s in all)${r.quick ? ', **quick sizes (BENCH_QUICK=1), not comparable**' : ''}; results in \`${extras.resultsFile}\`.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB memory, ${m.platform}`,
    `- Node ${m.node}`,
    ...(m.probe
      ? [
          `- Measured on this machine before the run (bench/probe.ts): a system call (fstat) ${num(m.probe.syscallNs / 1000)} µs, a 64-byte TCP round trip on loopback ${num(m.probe.loopbackRoundTripUs)} µs, a step of a small JavaScript loop ${num(m.probe.jsStepNs)} ns. Two machines reporting the same CPU name ran the same code's database, network and printing figures 1.6 to 8 times apart (bench/profiling.md, eighth pass).`,
        ]
      : []),
    `- Load average when the run started: ${m.load.map((l) => l.toFixed(2)).join(', ')} (other work shares this machine, so every figure carries its noise; the min–max shows how much).`,
    '',
    'Each figure is the median of its runs with the min and max; its baseline is measured in the same process in the same run, alternating with it. "Baseline better by" is the baseline median over the figure median (throughput) or the figure over the baseline (times): how many times cheaper the baseline is. Goals come from issue 8 and are read against, not asserted.',
    '',
  ];
  const goals = r.sections.flatMap((s) => s.figures.filter((f) => f.goal));
  if (goals.length > 0) {
    out.push('## Goals at a glance', '', '| goal | figure | median | met |', '|---|---|---|---|');
    for (const f of goals) {
      out.push(
        `| ${f.goal?.text} | ${labelOf(f)} | ${num(f.median)} ${f.unit} | ${f.goal?.met ? '✅' : '❌'} |`,
      );
    }
    out.push('');
  }
  for (const s of r.sections) {
    out.push(`## ${s.title}`, '', ...s.method.flatMap((p) => [p, '']), ...table(s.figures), '');
    if (s.notes.length > 0) out.push(...s.notes.map((n) => `- ${n}`), '');
  }
  for (const f of r.failed) out.push(`## ${f.id}: failed`, '', '```', f.error, '```', '');
  if (extras.profiling) out.push(extras.profiling.trim(), '');
  out.push(
    '## Running it',
    '',
    "`npm run bench` runs every benchmark, each in its own Node process, writes `bench/results/<timestamp>.json` and rewrites this file. `BENCH_ONLY=pipeline,scale` runs some; `BENCH_QUICK=1` runs tiny sizes (what `scripts/bench-smoke.test.ts` does); sizes: `BENCH_PIPELINE_N`, `BENCH_PIPELINE_MEMORY_N`, `BENCH_XLSX_N`, `BENCH_PDF_N`, `BENCH_SCALE_N`, `BENCH_SCALE_N_POSTGRES`, `BENCH_SCALE_SECONDS`, `BENCH_SCALE_BACKENDS`, `BENCH_BUNDLE_N`, `BENCH_BUNDLE_RUNS`; `BENCH_SCALE_CLIENT=autocannon` measures the API with autocannon instead of wrk (Debian's `wrk`, which `.ci/run` installs; without it autocannon is used). PostgreSQL is reached as the tests reach it (JIXIAO_TEST_POSTGRES_URL).",
    '',
  );
  return out.join('\n');
}
