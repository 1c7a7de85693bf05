/**
 * A real server process for API tests: `node --import tsx serve-child.ts` on a free port,
 * against the database given, stopped at the end of the suite.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from './databases.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * For the hooks that start and stop server processes: on a loaded two-core machine, with other
 * suites starting theirs at the same time, compiling and starting one can take well over
 * vitest's default 10 s.
 */
export const STARTUP_TIMEOUT = 90_000;

const CHILD = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export async function startServerProcess(
  database: TestDatabase,
  options: {
    demo?: boolean;
    attachmentLimit?: number;
    importLimits?: { maxBytes?: number; maxFiles?: number };
    jobs?: { pollMs?: number; run?: boolean };
  } = {},
): Promise<ServerProcess> {
  const config = {
    ...(database.dialect === 'postgres' ? { databaseUrl: database.location } : { dbPath: database.location }),
    ...options,
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO_ROOT,
    env: { ...process.env, JIXIAO_TEST_SERVE: JSON.stringify(config), DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server process did not start within 60 s\n${stderr}`));
    }, 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /JIXIAO_LISTENING (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited with ${code} before listening\n${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.on('exit', () => resolve());
  });
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
