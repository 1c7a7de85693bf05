/**
 * `npm run bench`: every benchmark, each in its own Node process (so one's memory, JIT state and
 * open handles do not colour the next), then bench/results/<timestamp>.json and
 * docs/benchmarks.md. BENCH_ONLY=pipeline,editor runs some; BENCH_QUICK=1 runs tiny sizes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { probeMachine } from './probe.ts';
import { type Machine, type Results, renderReport } from './report.ts';
import { QUICK, RESULT_MARKER, type Section } from './stats.ts';

export const BENCHMARKS = ['pipeline', 'scale', 'exports', 'editor', 'web-size'] as const;
export type BenchmarkId = (typeof BENCHMARKS)[number];

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown CPU',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load: loadavg(),
  };
}

/** Runs bench/<id>.ts in a child Node and returns the section it printed. */
export function runBenchmark(id: BenchmarkId, env: NodeJS.ProcessEnv = {}): Promise<Section> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL(`./${id}.ts`, import.meta.url))],
      { cwd: ROOT, env: { ...process.env, BENCH_CHILD: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (env.BENCH_SILENT !== '1') process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as Section);
      else reject(new Error(`bench/${id}.ts exited with ${code}\n${err.slice(-4000)}`));
    });
  });
}

/** Rewrites docs/benchmarks.md from a results file (after editing bench/profiling.md, say). */
function render(results: Results, resultsFile: string): void {
  const profilingUrl = new URL('./profiling.md', import.meta.url);
  const profiling = existsSync(profilingUrl) ? readFileSync(profilingUrl, 'utf8') : undefined;
  writeFileSync(
    new URL('../docs/benchmarks.md', import.meta.url),
    renderReport(results, { resultsFile, ...(profiling ? { profiling } : {}) }),
  );
}

async function main(): Promise<void> {
  const again = process.env.BENCH_RENDER;
  if (again) {
    render(JSON.parse(readFileSync(new URL(`../${again}`, import.meta.url), 'utf8')) as Results, again);
    console.error(`rewrote docs/benchmarks.md from ${again}`);
    return;
  }
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const ids = BENCHMARKS.filter((id) => !only || only.includes(id));
  const startedAt = new Date();
  const results: Results = {
    startedAt: startedAt.toISOString(),
    seconds: 0,
    machine: { ...machine(), probe: await probeMachine() },
    quick: QUICK,
    sections: [],
    failed: [],
  };
  for (const id of ids) {
    const t0 = performance.now();
    console.error(`\n=== ${id}`);
    try {
      results.sections.push(await runBenchmark(id));
    } catch (e) {
      results.failed.push({ id, error: e instanceof Error ? e.message : String(e) });
      console.error(`bench ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    console.error(`=== ${id}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  results.seconds = (Date.now() - startedAt.getTime()) / 1000;

  const stamp = results.startedAt.replace(/[:.]/g, '-');
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const resultsFile = `bench/results/${stamp}.json`;
  writeFileSync(new URL(`../${resultsFile}`, import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  render(results, resultsFile);
  console.error(`\nwrote ${resultsFile} and docs/benchmarks.md in ${Math.round(results.seconds)} s`);
  if (results.failed.length > 0) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
