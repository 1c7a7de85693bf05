/**
 * Serves the web application's production build (packages/web/dist, made by
 * `npm run build:web`) from the same origin as the API, so the session cookie, the CSRF
 * token and the Content-Security-Policy (`script-src 'self'`) need nothing special.
 *
 * Files under /assets/ carry a content hash in their names and are cached for a year; every
 * other path that is not an API path gets index.html, and the client-side router shows the
 * page (or its own "not found"). Without a build, `/` says how to make one.
 *
 * Text files go compressed to a browser that accepts it (brotli, else gzip): the first page's
 * JavaScript is about 860 KB as built and under 300 KB compressed, and a finance bureau's users
 * are not all on fast networks. Each file is compressed once, off the event loop, and kept.
 */
import { existsSync, type Stats, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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

function fileStats(path: string): Stats | null {
  try {
    const st = statSync(path);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

/** Worth compressing: text, and more than a packet's worth of it. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);
const MIN_COMPRESS_BYTES = 1024;

export type ContentEncoding = 'br' | 'gzip';

/** The encoding to answer in, by the request's Accept-Encoding: brotli, else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): ContentEncoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return null;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

function compress(bytes: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 9,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      })
    : gzipped(bytes, { level: 9 });
}

/**
 * Compressed files, one per file and encoding, kept while the file's size and time of change are
 * the same (index.html changes when the pages are built again): the build's files are few.
 */
const compressed = new Map<string, { stamp: string; body: Promise<Buffer> }>();

/** The file as the request accepts it, with its Content-Encoding and Vary headers set. */
async function fileBody(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  st: Stats,
): Promise<Buffer> {
  if (!COMPRESSIBLE.has(extname(file)) || st.size < MIN_COMPRESS_BYTES) return readFile(file);
  reply.header('Vary', 'Accept-Encoding');
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding === null) return readFile(file);
  const key = `${file}\u0000${encoding}`;
  const stamp = `${st.size}\u0000${st.mtimeMs}`;
  let kept = compressed.get(key);
  if (kept?.stamp !== stamp) {
    const entry = { stamp, body: readFile(file).then((bytes) => compress(bytes, encoding)) };
    compressed.set(key, entry);
    // a failure is not kept: the next request tries again
    entry.body.catch(() => {
      if (compressed.get(key) === entry) compressed.delete(key);
    });
    kept = entry;
  }
  const bytes = await kept.body;
  reply.header('Content-Encoding', encoding);
  return bytes;
}

/** Registers GET / and the catch-all page route; `root: false` serves only the fallback page. */
export function registerWebPages(app: FastifyInstance, root: string | false): void {
  const dir = root === false ? null : normalize(root.endsWith(sep) ? root : root + sep);
  const built = dir !== null && existsSync(join(dir, 'index.html'));

  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const index = dir === null ? null : join(dir, 'index.html');
    const st = built && index !== null ? fileStats(index) : null;
    if (index === null || st === null) return reply.type('text/html; charset=utf-8').send(NO_BUILD_PAGE);
    // index.html names the current hashed assets: never cache it
    reply.header('Cache-Control', 'no-cache');
    return reply.type('text/html; charset=utf-8').send(await fileBody(request, reply, index, st));
  };

  app.get('/', async (request, reply) => sendIndex(request, reply));
  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (path.startsWith('/api/')) {
      return reply.callNotFound();
    }
    if (built && dir !== null && extname(path) !== '') {
      const file = normalize(join(dir, path));
      // a path that climbs out of the build folder is simply not one of our files
      const st = file.startsWith(dir) ? fileStats(file) : null;
      if (st !== null) {
        const immutable = path.startsWith('/assets/');
        reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return reply
          .type(TYPES[extname(file)] ?? 'application/octet-stream')
          .send(await fileBody(request, reply, file, st));
      }
      if (path.startsWith('/assets/')) return reply.callNotFound();
    }
    return sendIndex(request, reply);
  });
}
