/** Runs the real `jixiao` binary in a child process, for the command tests. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/jixiao.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export function jixiao(args: string[], cwd = REPO): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
