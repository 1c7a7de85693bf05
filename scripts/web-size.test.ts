/**
 * The web-size benchmark reads a production build from Vite's manifest; a development build
 * (React's development runtime inside, a quarter larger) is refused rather than measured.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { measureWebSize } from '../bench/web-size.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function build(files: Record<string, string>, manifest: Record<string, unknown>): string {
  const dist = mkdtempSync(join(tmpdir(), 'jixiao-dist-'));
  dirs.push(dist);
  mkdirSync(join(dist, '.vite'));
  mkdirSync(join(dist, 'assets'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dist, name), text);
  writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
  return dist;
}

const login = 'src/pages/login/LoginPage.tsx';

it('sums the entry and the page with their static imports', () => {
  const dist = build(
    {
      'assets/index-a.js': 'x'.repeat(3000),
      'assets/react-b.js': 'y'.repeat(2000),
      'assets/LoginPage-c.js': 'z'.repeat(1000),
    },
    {
      'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_react-b.js'] },
      '_react-b.js': { file: 'assets/react-b.js' },
      [login]: { file: 'assets/LoginPage-c.js', imports: ['_react-b.js'] },
    },
  );
  const [first] = measureWebSize(dist);
  expect(first?.page).toBe('登录 (first page)');
  expect(first?.files).toBe(3);
  expect(first?.jsRaw).toBe(6000);
  expect(first?.jsGzip).toBeGreaterThan(0);
  expect(first?.jsGzip).toBeLessThan(6000);
});

it('refuses a development build', () => {
  const dist = build(
    { 'assets/index-a.js': 'x', 'assets/jsx-dev-runtime-d.js': 'y' },
    {
      'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_jsx-dev-runtime-d.js'] },
      '_jsx-dev-runtime-d.js': { file: 'assets/jsx-dev-runtime-d.js' },
    },
  );
  expect(() => measureWebSize(dist)).toThrow(/development build/);
});
