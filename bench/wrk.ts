/**
 * wrk (Debian's package `wrk`), the client of the scale benchmark: written in C, one
 * thread, 50 connections. On this 2-core machine the client takes CPU from the server and the
 * database it measures; wrk takes about half of what autocannon does for each request
 * (bench/profiling.md, "Fifth pass"). The requests come from a file that bench/wrk.lua reads;
 * see there for its format.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./wrk.lua', import.meta.url));

export interface WrkRequest {
  method: string;
  path: string;
  body?: string;
  /** sent as If-Match and counted up at each send; absent: no If-Match */
  version?: number;
}

export interface WrkResult {
  /** answered within the run */
  answered: number;
  perSecond: number;
  /** milliseconds */
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  /** connection, read, write errors and timeouts */
  errors: number;
  /** sent, including any still unanswered when the run stopped */
  sent: number;
}

let available: boolean | undefined;
/** request files are named per call: two runs at once in one process must not share one */
let files = 0;

/** Whether `wrk` can be run here (`apt-get install wrk`). */
export function wrkAvailable(): boolean {
  available ??= spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
  return available;
}

function requestFile(headers: Record<string, string>, requests: readonly WrkRequest[]): string {
  const bad = (s: string) => /[\t\r\n]/.test(s);
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  if (head.some(bad)) throw new Error('wrk: a header holds a tab or a line break');
  const lines = [head.join('\t')];
  for (const r of requests) {
    if (bad(r.path) || (r.body !== undefined && /[\r\n]/.test(r.body)))
      throw new Error(`wrk: ${r.method} ${r.path}: the path or body holds a line break`);
    lines.push(`${r.method}\t${r.path}\t${r.version ?? 0}`, r.body ?? '');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * How long each connection waits before its first request (see bench/wrk.lua): enough for an
 * idle server to accept 50 connections, not counted in the run's throughput.
 */
export const WARM_MS = 300;

/**
 * One closed-loop run of `seconds` at `connections` connections, the requests in turn, once the
 * connections are open and accepted (WARM_MS).
 */
export async function wrk(
  url: string,
  headers: Record<string, string>,
  requests: readonly WrkRequest[],
  seconds: number,
  connections: number,
): Promise<WrkResult> {
  if (requests.length === 0) throw new Error('wrk: no requests');
  const file = join(tmpdir(), `jixiao-wrk-${process.pid}-${files++}.txt`);
  writeFileSync(file, requestFile(headers, requests));
  try {
    const args = [
      '-t1',
      `-c${connections}`,
      `-d${Math.max(1, Math.round(seconds + WARM_MS / 1000))}s`,
      '--timeout',
      '30s',
    ];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        'wrk',
        [...args, '-s', SCRIPT, url, '--', file, String(connections), String(WARM_MS)],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`wrk exited with ${code}: ${stderr}${stdout}`)),
      );
    });
    const line = /JIXIAO_WRK (\{.*\})/.exec(out)?.[1];
    if (!line) throw new Error(`wrk printed no figures:\n${out}`);
    const r = JSON.parse(line) as Record<string, number>;
    const n = (k: string) => r[k] ?? Number.NaN;
    return {
      answered: n('answered'),
      // the connections' wait before their first requests is no part of the run's time
      perSecond: n('answered') / (n('durationUs') / 1e6 - WARM_MS / 1000),
      p50: n('p50') / 1000,
      p99: n('p99') / 1000,
      max: n('max') / 1000,
      non2xx: n('non2xx'),
      errors: n('errors'),
      sent: n('sent'),
    };
  } finally {
    rmSync(file, { force: true });
  }
}
