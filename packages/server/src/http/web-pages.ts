/**
 * Serves the web application's production build (packages/web/dist, made by
 * `npm run build:web`) from the same origin as the API, so the session cookie, the CSRF
 * token and the Content-Security-Policy (`script-src 'self'`) need nothing special.
 *
 * Files under /assets/ carry a content hash in their names and are cached for a year; every
 * other path that is not an API path gets index.html, and the client-side router shows the
 * page (or its own "not found"). Without a build, `/` says how to make one.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:web` writes the pages. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NO_BUILD_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Jixiao（绩效）</title></head>
<body>
<h1>Jixiao（绩效）预算绩效自评服务</h1>
<p>网页界面尚未构建：请在项目目录运行 <code>npm run build:web</code> 后刷新本页（<code>npm start</code> 会自动构建）。</p>
<ul>
<li>接口说明（OpenAPI）：<a href="/api/openapi.json">/api/openapi.json</a></li>
<li>已公开的自评表：<a href="/api/public/evaluations">/api/public/evaluations</a></li>
</ul>
</body></html>
`;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Registers GET / and the catch-all page route; `root: false` serves only the fallback page. */
export function registerWebPages(app: FastifyInstance, root: string | false): void {
  const dir = root === false ? null : normalize(root.endsWith(sep) ? root : root + sep);
  const built = dir !== null && existsSync(join(dir, 'index.html'));

  const sendIndex = async (reply: FastifyReply) => {
    if (!built || dir === null) return reply.type('text/html; charset=utf-8').send(NO_BUILD_PAGE);
    // index.html names the current hashed assets: never cache it
    reply.header('Cache-Control', 'no-cache');
    return reply.type('text/html; charset=utf-8').send(await readFile(join(dir, 'index.html')));
  };

  app.get('/', async (_request, reply) => sendIndex(reply));
  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (path.startsWith('/api/')) {
      return reply.callNotFound();
    }
    if (built && dir !== null && extname(path) !== '') {
      const file = normalize(join(dir, path));
      // a path that climbs out of the build folder is simply not one of our files
      if (file.startsWith(dir) && isFile(file)) {
        const immutable = path.startsWith('/assets/');
        reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').send(await readFile(file));
      }
      if (path.startsWith('/assets/')) return reply.callNotFound();
    }
    return sendIndex(reply);
  });
}
