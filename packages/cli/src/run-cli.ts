/**
 * Running `jixiao` for the command tests: `jixiao` spawns the real binary in a child process;
 * `jixiaoInProcess` runs the same program inside the test worker, without the 0.5–1 s of node and
 * tsx startup each spawn costs. Keep at least one spawned case per command test file so the bin
 * file, the tsx loader, the real exit code and the real stdout stay covered.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { main } from './main.ts';

export const BIN = fileURLToPath(new URL('../bin/jixiao.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export function jixiao(args: string[], cwd = REPO): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

type Write = typeof process.stdout.write;
const CONSOLE_TO_OUT = ['log', 'info', 'debug'] as const;
const CONSOLE_TO_ERR = ['warn', 'error'] as const;

/**
 * `main` with captured output, as the binary would run it from `cwd`. Besides the Io the commands
 * are given, anything written straight to process.stdout/stderr or the console while it runs (by a
 * library, or a command that forgot its Io) is captured too, where the binary would have printed
 * it: a stray line in `--json` output then fails the test as it would fail a user's pipe.
 */
export async function jixiaoInProcess(args: string[], cwd = REPO): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(`${s}\n`), err: (s: string) => err.push(`${s}\n`) };

  // Commands read relative paths against process.cwd(), and print them as given, so they must run
  // from `cwd`. A test worker usually starts in the repository root already; otherwise change
  // directory, which only a worker process (vitest's default `forks` pool) may do, and change back.
  const before = process.cwd();
  const move = resolve(cwd) !== before;
  if (move && !isMainThread) {
    throw new Error(
      `jixiaoInProcess: cannot run from ${cwd} inside a worker thread (cwd is ${before}); use jixiao()`,
    );
  }

  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const consoleSaved = [...CONSOLE_TO_OUT, ...CONSOLE_TO_ERR].map((m) => [m, console[m]] as const);
  const capture =
    (sink: string[]): Write =>
    (chunk: string | Uint8Array, ...rest: unknown[]) => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function');
      if (typeof done === 'function') done();
      return true;
    };
  try {
    if (move) process.chdir(cwd);
    process.stdout.write = capture(out);
    process.stderr.write = capture(err);
    for (const m of CONSOLE_TO_OUT) console[m] = (...a: unknown[]) => out.push(`${format(...a)}\n`);
    for (const m of CONSOLE_TO_ERR) console[m] = (...a: unknown[]) => err.push(`${format(...a)}\n`);
    // argv as node gives it to the binary: [node, bin, ...args]
    const code = await main([process.execPath, BIN, ...args], io);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    for (const [m, f] of consoleSaved) console[m] = f;
    if (move) process.chdir(before);
  }
}
