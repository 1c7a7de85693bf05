/**
 * What each page of the web application makes the browser download, gzipped: the entry with
 * everything it imports statically, plus the page's own chunk and its static imports (the
 * pages are loaded lazily, so another page's code is not counted). Read from Vite's manifest
 * of the production build (packages/web/dist/.vite/manifest.json; `npm run build:web`).
 *
 *   npx tsx bench/web-size.ts        prints a table; measureWebSize() is used by bench/run.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { emit, figure, type Section } from './stats.ts';

interface ManifestEntry {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

export interface PageSize {
  page: string;
  files: number;
  /** JavaScript, gzipped (level 9), in bytes */
  jsGzip: number;
  /** style sheets, gzipped */
  cssGzip: number;
  /** JavaScript before compression */
  jsRaw: number;
  /** the entry alone (React, antd's core, the app shell, the router), gzipped: what every page shares */
  entryGzip: number;
}

export const DIST = fileURLToPath(new URL('../packages/web/dist/', import.meta.url));

const PAGES: Record<string, string> = {
  '登录 (first page)': 'src/pages/login/LoginPage.tsx',
  工作台: 'src/pages/workbench/WorkbenchPage.tsx',
  自评表列表: 'src/pages/list/EvaluationListPage.tsx',
  编辑器: 'src/pages/editor/EditorPage.tsx',
  复核: 'src/pages/review/ReviewPage.tsx',
  导入: 'src/pages/import/ImportPage.tsx',
  统计: 'src/pages/stats/StatsPage.tsx',
  公开: 'src/pages/public/PublicListPage.tsx',
  单位与用户: 'src/pages/admin/AdminPage.tsx',
};

export function measureWebSize(dist = DIST): PageSize[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestEntry
  >;
  const gz = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    let s = gz.get(file);
    if (!s) {
      const bytes = readFileSync(join(dist, file));
      s = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      gz.set(file, s);
    }
    return s;
  };
  const closure = (keys: string[]) => {
    const seen = new Set<string>();
    const walk = (key: string) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const k of manifest[key].imports ?? []) walk(k);
    };
    for (const k of keys) walk(k);
    return seen;
  };
  // A development build (Vite run with NODE_ENV other than production) carries React's
  // development runtime and is a quarter larger: measuring it would report the wrong pages.
  const dev = Object.values(manifest).find((m) => m.file.includes('jsx-dev-runtime'));
  if (dev)
    throw new Error(
      `the build in ${dist} is a development build (${dev.file}): build the pages again (npm run build:web)`,
    );
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error('no entry in the Vite manifest: build the pages first (npm run build:web)');
  let entryGzip = 0;
  for (const k of closure([entry])) entryGzip += sizeOf(manifest[k]!.file).gzip;
  return Object.entries(PAGES)
    .filter(([, key]) => manifest[key])
    .map(([page, key]) => {
      const keys = closure([entry, key]);
      let jsGzip = 0;
      let jsRaw = 0;
      const css = new Set<string>();
      for (const k of keys) {
        const m = manifest[k]!;
        const s = sizeOf(m.file);
        jsGzip += s.gzip;
        jsRaw += s.raw;
        for (const c of m.css ?? []) css.add(c);
      }
      const cssGzip = [...css].reduce((n, c) => n + sizeOf(c).gzip, 0);
      return { page, files: keys.size + css.size, jsGzip, cssGzip, jsRaw, entryGzip };
    });
}

/** The section bench/run.ts reports: sizes are exact, so one measurement each. */
export function webSizeSection(): Section {
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../scripts/ensure-web-build.mjs', import.meta.url))],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const sizes = measureWebSize();
  return {
    id: 'web-size',
    title: 'Web pages: what each page downloads',
    method: [
      "From Vite's manifest of the production build: the entry chunk with its static imports, plus the page's own lazily loaded chunk and its static imports, each file gzipped at level 9. Another page's code is not counted; pages share most of antd, so after the first page the browser fetches only the difference. The server sends these files compressed (packages/server/src/http/web-pages.ts): brotli to a browser that accepts it, which is smaller than these figures, else gzip at level 9, these figures.",
    ],
    figures: sizes.map((p, i) =>
      figure({
        id: `web-${i}`,
        label: `${p.page}: JavaScript, gzipped (${p.files} files; ${(p.jsRaw / 1024).toFixed(0)} KB before compression)`,
        unit: 'KB',
        higherIsBetter: false,
        values: [Math.round((p.jsGzip / 1024) * 10) / 10],
        baseline: { label: 'the shared entry alone', values: [Math.round((p.entryGzip / 1024) * 10) / 10] },
        ...(i === 0 ? { goal: { text: '≤ 500 KB for the first page', met: p.jsGzip / 1024 <= 500 } } : {}),
      }),
    ),
    notes: [
      "Sizes are exact, so each is measured once (min = median = max). The baseline is the entry every page loads (React, antd's core, the app shell and router); the ratio shows how much a page adds to it.",
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.env.BENCH_CHILD === '1') emit(webSizeSection());
  else {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    for (const p of measureWebSize()) {
      console.log(
        `${p.page}\t${p.files} files\tJS ${kb(p.jsGzip)} gzipped (${kb(p.jsRaw)} raw)\tCSS ${kb(p.cssGzip)}`,
      );
    }
  }
}
