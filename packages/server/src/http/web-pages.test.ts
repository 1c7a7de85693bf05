/**
 * The web pages as a browser gets them: compressed when it accepts it (brotli before gzip),
 * byte for byte the built file once decompressed, cached as before, and plain for a client that
 * accepts no compression. Real files in a folder laid out as `npm run build:web` lays it out.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, registerWebPages } from './web-pages.ts';

let dir: string;
let app: FastifyInstance;
// about the size and kind of text of a built chunk: compressible, far above the threshold
const script = Array.from(
  { length: 4000 },
  (_, i) => `export const 指标${i} = { name: "产出指标${i}", weight: ${i % 20} };`,
).join('\n');
const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>绩效</title><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="app"></div>${'<!-- 预算绩效自评 -->'.repeat(60)}</body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(dir, 'assets', 'tiny-1.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'assets', 'logo-2.png'), Buffer.alloc(4096, 7));
  app = Fastify();
  registerWebPages(app, dir);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('web pages, compressed', () => {
  it('sends a built script as brotli to a browser that accepts it, the same bytes once decompressed', async () => {
    const r = await get('/assets/index-abc123.js', 'gzip, deflate, br, zstd');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(brotliDecompressSync(r.rawPayload).toString()).toBe(script);
    // kept: the second answer is the same bytes
    const again = await get('/assets/index-abc123.js', 'br');
    expect(again.rawPayload.equals(r.rawPayload)).toBe(true);
  });

  it('sends gzip where brotli is not accepted, and the file as it is where nothing is', async () => {
    const gz = await get('/assets/index-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const refusedBr = await get('/assets/index-abc123.js', 'br;q=0, gzip;q=0.8');
    expect(refusedBr.headers['content-encoding']).toBe('gzip');
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/assets/index-abc123.js', accept);
      expect(plain.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(plain.body).toBe(script);
      expect(plain.headers.vary).toBe('Accept-Encoding');
    }
  });

  it('compresses index.html for every page path, still never cached', async () => {
    for (const path of ['/', '/evaluations/abc', '/dashboard']) {
      const r = await get(path, 'gzip, br');
      expect(r.statusCode, path).toBe(200);
      expect(r.headers['content-encoding']).toBe('br');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(r.rawPayload).toString()).toBe(html);
    }
  });

  it('compresses index.html again once the pages are built again', async () => {
    const before = await get('/', 'br');
    expect(brotliDecompressSync(before.rawPayload).toString()).toBe(html);
    const rebuilt = html.replace('index-abc123.js', 'index-def4567.js');
    writeFileSync(join(dir, 'index.html'), rebuilt);
    try {
      const after = await get('/', 'br');
      expect(brotliDecompressSync(after.rawPayload).toString()).toBe(rebuilt);
    } finally {
      writeFileSync(join(dir, 'index.html'), html);
    }
  });

  it('sends small files and images as they are', async () => {
    const css = await get('/assets/tiny-1.css', 'br, gzip');
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body).toBe('body{margin:0}');
    const png = await get('/assets/logo-2.png', 'br, gzip');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.rawPayload.equals(Buffer.alloc(4096, 7))).toBe(true);
  });

  it('still refuses paths outside the build and unknown assets', async () => {
    expect((await get('/assets/missing-9.js', 'br')).statusCode).toBe(404);
    const climb = await get('/assets/..%2F..%2Fpackage.json', 'br');
    expect(climb.statusCode).toBe(404);
  });
});

describe('chooseEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['gzip', 'gzip'],
    ['GZIP, BR', 'br'],
    ['deflate', null],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['br;q=0.0, gzip; q=1', 'gzip'],
    ['gzip;q=0, *;q=0.5', 'br'],
  ] as const)('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});
