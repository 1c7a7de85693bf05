/**
 * The figures every benchmark reports, and how a child benchmark hands them to bench/run.ts:
 * a figure is the median of its runs with their min and max, beside the baseline measured in
 * the same process, and the goal from issue 8 it is read against (never an assertion).
 */

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface Figure extends Spread {
  id: string;
  label: string;
  /** what the numbers are in: 'forms/s', 'ms', 'req/s', 'MB' … */
  unit: string;
  /** true when a larger number is better (throughput), false for times and memory */
  higherIsBetter: boolean;
  baseline?: Spread & { label: string };
  /**
   * how many times the baseline is better than this figure, from the medians: baseline/figure
   * for throughput, figure/baseline for times (1 = as good as the baseline)
   */
  ratio?: number;
  goal?: { text: string; met: boolean };
  note?: string;
}

export interface Section {
  id: string;
  title: string;
  /** what was measured and how, one paragraph per entry */
  method: string[];
  figures: Figure[];
  /** what a reader must know to trust the figures: smaller sizes, failed requests, … */
  notes: string[];
  /** anything else worth keeping in the results file (per-rule shares, raw autocannon …) */
  extra?: Record<string, unknown>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function spread(values: readonly number[]): Spread {
  return {
    median: median(values),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    runs: values.length,
  };
}

export function figure(
  f: Omit<Figure, keyof Spread | 'ratio' | 'baseline'> & {
    values: readonly number[];
    baseline?: { label: string; values: readonly number[] };
  },
): Figure {
  const { values, baseline, ...rest } = f;
  const own = spread(values);
  const out: Figure = { ...rest, ...own };
  if (baseline) {
    const b = spread(baseline.values);
    out.baseline = { label: baseline.label, ...b };
    out.ratio = f.higherIsBetter ? b.median / own.median : own.median / b.median;
  }
  return out;
}

/** Seconds of wall time for `work`, from performance.now(). */
export async function seconds(work: () => unknown): Promise<number> {
  const t0 = performance.now();
  await work();
  return (performance.now() - t0) / 1000;
}

/** Benchmarks run small when BENCH_QUICK=1 (the smoke test): same code, tiny sizes. */
export const QUICK = process.env.BENCH_QUICK === '1';

/** Runs per figure: at least five, as the report promises; two at quick sizes. */
export const RUNS = QUICK ? 2 : 5;

/** A size from the environment, else the quick or the full default. */
/** The size an environment variable asks for (a positive whole number), or undefined. */
export function askedSize(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

export function sizeFrom(name: string, full: number, quick: number): number {
  return askedSize(name) ?? (QUICK ? quick : full);
}

export const RESULT_MARKER = 'BENCH_RESULT ';

/** How a benchmark module run as a child hands its section to bench/run.ts: one line on stdout. */
export function emit(section: Section): void {
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(section)}\n`);
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
