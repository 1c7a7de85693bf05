// Builds the web pages into packages/web/dist. `npm start` runs it first (building only when
// there is no build yet or a source file is newer than it, so the quick start works on a fresh
// clone); `npm run build:web` runs it with --force. The build goes to a folder of its own and
// is then moved into place, so a server reading dist/ never sees half a build, and two builds
// started at once (tests in parallel) do not write into each other.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../packages/web/', import.meta.url));
const dist = join(web, 'dist');
const built = join(dist, 'index.html');
const force = process.argv.includes('--force');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(web, 'src')),
  statSync(join(web, 'index.html')).mtimeMs,
  statSync(join(web, 'vite.config.ts')).mtimeMs,
);
if (force || !existsSync(built) || statSync(built).mtimeMs < sources) {
  if (!force) console.log('正在构建网页界面…');
  const tmp = join(web, `.dist-${process.pid}`);
  const old = join(web, `.dist-old-${process.pid}`);
  try {
    execFileSync(
      process.execPath,
      [
        join(web, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        web,
        '--logLevel',
        'warn',
        '--outDir',
        tmp,
      ],
      // Always a production build: started from a test run, NODE_ENV is 'test', and Vite would
      // build React's development runtime into the pages (a quarter larger, and slower).
      { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(tmp, dist);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}
