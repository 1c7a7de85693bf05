/**
 * Fuzzes the readers, parseValue, validate and the API's request bodies (scripts/fuzz-lib.ts).
 *
 *   npm run fuzz -- --count 1000000                 a million inputs
 *   npm run fuzz -- --seconds 60 --targets readers,api
 *   npm run fuzz -- --seed 7 --only readers:123     reproduce one failure
 *
 * Failures go to --out (default ./fuzz-failures): <target>-<seed>-<index>.json and the input.
 * A watchdog thread ends the run when one input runs past --hang seconds (default 60), naming
 * it. Exits 1 when anything failed.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { runFuzz, summary, TARGETS, type Target } from './fuzz-lib.ts';

const USAGE = `用法：npm run fuzz -- [--count 数量] [--seconds 秒数] [--seed 种子] [--targets ${TARGETS.join(',')}]
  [--out 失败输入目录] [--hang 单个输入的最长秒数] [--only 目标:序号]
  [--mix parseValue=400,validate=40,readers=2,api=1]（每轮各目标的输入数）`;

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    seconds: { type: 'string' },
    seed: { type: 'string' },
    targets: { type: 'string' },
    out: { type: 'string' },
    hang: { type: 'string' },
    only: { type: 'string' },
    mix: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function num(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`${what}应为非负数字，而不是“${v}”。\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const targets = values.targets?.split(',').map((t) => t.trim()) as Target[] | undefined;
for (const t of targets ?? []) {
  if (!TARGETS.includes(t)) {
    console.error(`不认识的目标“${t}”。\n${USAGE}`);
    process.exit(2);
  }
}
let only: { target: Target; index: number } | undefined;
if (values.only) {
  const [t, i] = values.only.split(':');
  if (!TARGETS.includes(t as Target) || !Number.isInteger(Number(i))) {
    console.error(`--only 应为“目标:序号”，例如 readers:123。\n${USAGE}`);
    process.exit(2);
  }
  only = { target: t as Target, index: Number(i) };
}

const mix: Partial<Record<Target, number>> = {};
for (const part of values.mix?.split(',') ?? []) {
  const [t, n] = part.split('=');
  if (!TARGETS.includes(t as Target) || !Number.isInteger(Number(n)) || Number(n) < 0) {
    console.error(`--mix 中的“${part}”应为“目标=数量”。\n${USAGE}`);
    process.exit(2);
  }
  mix[t as Target] = Number(n);
}

const out = resolve(values.out ?? 'fuzz-failures');
const seed = num(values.seed, '--seed') ?? Date.now() % 1_000_000;
const hangSeconds = num(values.hang, '--hang') ?? 60;

// The watchdog: the main thread may be stuck in synchronous code, so a timer there would never
// fire; a worker sees the shared counter stop moving and ends the process, naming the input.
const shared = new Int32Array(new SharedArrayBuffer(16));
const watchdog = new Worker(
  `
  const { workerData } = require('node:worker_threads');
  const fs = require('node:fs');
  const s = workerData.shared;
  let last = -1, since = Date.now();
  setInterval(() => {
    const now = Atomics.load(s, 0);
    if (now !== last) { last = now; since = Date.now(); return; }
    if (Date.now() - since > workerData.hangMs) {
      const target = workerData.targets[Atomics.load(s, 1)];
      const index = Atomics.load(s, 2);
      const msg = '输入 ' + target + ':' + index + '（种子 ' + workerData.seed + '）超过 ' + workerData.hangMs / 1000 + ' 秒仍未结束（挂起）。';
      fs.mkdirSync(workerData.out, { recursive: true });
      fs.writeFileSync(workerData.out + '/' + target + '-' + workerData.seed + '-' + index + '.hang.json',
        JSON.stringify({ target, seed: workerData.seed, index, kind: 'hang', message: msg }, null, 2));
      process.stderr.write(msg + '\\n');
      // process.exit in a worker ends only the worker; the whole run must stop
      process.kill(process.pid, 'SIGKILL');
    }
  }, 1000);
  `,
  { eval: true, workerData: { shared, hangMs: hangSeconds * 1000, targets: [...TARGETS], seed, out } },
);
watchdog.unref();

console.log(`fuzz: seed ${seed}, failures to ${out}`);
const stats = await runFuzz({
  seed,
  ...(values.count !== undefined ? { count: num(values.count, '--count') } : {}),
  ...(values.seconds !== undefined ? { seconds: num(values.seconds, '--seconds') } : {}),
  ...(targets ? { targets } : {}),
  ...(only ? { only } : {}),
  mix,
  failureDir: out,
  onInput: (target, index) => {
    Atomics.add(shared, 0, 1);
    Atomics.store(shared, 1, TARGETS.indexOf(target));
    Atomics.store(shared, 2, index);
  },
  progress: (s) =>
    console.log(`  … ${s.total} inputs, ${s.failures.length} failures, ${Math.round(s.elapsedMs / 1000)} s`),
});
console.log(summary(stats));
console.log(`outcomes: ${JSON.stringify(stats.outcomes)}`);
for (const f of stats.failures.slice(0, 20)) {
  console.log(
    `  ${f.target}:${f.index} ${f.kind} ${f.message.split('\n')[0]?.slice(0, 200)} (${f.origin.slice(0, 80)})`,
  );
}
writeFileSync(
  join(out, `summary-${seed}.json`),
  `${JSON.stringify({ ...stats, failures: stats.failures.length }, null, 2)}\n`,
);
await watchdog.terminate();
process.exit(stats.failures.length > 0 ? 1 : 0);
