/**
 * The shared PDF renderer with real Chromium: started on first use and only once, reused,
 * restarted when the browser dies, closed with the server; and the export endpoint printing
 * through it.
 */
import { formTable, openPdfRenderer, type PdfRenderer } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { isRefusal } from '../commands/problem.ts';
import { apiClient } from '../testing/client.ts';
import { createTestStore, type TestStore } from '../testing/databases.ts';
import { seedDocument, seedPeople, TEST_PASSWORD } from '../testing/fixtures.ts';
import { sharedPdfRenderer } from './pdf.ts';
import { buildServer } from './server.ts';

const TABLE = formTable(seedDocument()).table;

function isPdf(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-';
}

/** formats' real openPdfRenderer, keeping what it started. */
function counting() {
  const started: PdfRenderer[] = [];
  return {
    started,
    open: async () => {
      const r = await openPdfRenderer();
      started.push(r);
      return r;
    },
  };
}

describe('the shared PDF renderer', () => {
  it('starts Chromium on the first PDF only, once for concurrent requests, and reuses it', async () => {
    const c = counting();
    const shared = sharedPdfRenderer(c.open);
    try {
      expect(shared.running()).toBe(false);
      const [a, b] = await Promise.all([shared.render(TABLE), shared.render(TABLE)]);
      expect(isPdf(a) && isPdf(b)).toBe(true);
      expect(isPdf(await shared.render(TABLE))).toBe(true);
      expect(c.started).toHaveLength(1);
      expect(shared.running()).toBe(true);
    } finally {
      await shared.close();
    }
    expect(shared.running()).toBe(false);
    const late = await shared.render(TABLE).catch((e: unknown) => e);
    expect(isRefusal(late) && late.problem.code).toBe('shutting-down');
  }, 60_000);

  it('starts a new browser when the one it had is gone', async () => {
    const c = counting();
    const shared = sharedPdfRenderer(c.open);
    try {
      await shared.render(TABLE);
      await c.started[0]?.close();
      expect(isPdf(await shared.render(TABLE))).toBe(true);
      expect(c.started).toHaveLength(2);
    } finally {
      await shared.close();
    }
  }, 60_000);

  it('says Chromium is unavailable, and tries again on the next request', async () => {
    const before = process.env.JIXIAO_CHROMIUM;
    process.env.JIXIAO_CHROMIUM = '/nonexistent/chromium';
    const shared = sharedPdfRenderer(openPdfRenderer);
    try {
      const e = await shared.render(TABLE).catch((x: unknown) => x);
      expect(isRefusal(e) && e.problem).toMatchObject({ kind: 'unavailable', code: 'pdf-unavailable' });
      expect(isRefusal(e) && e.problem.message).toContain('Chromium');
      expect(shared.running()).toBe(false);
    } finally {
      if (before === undefined) delete process.env.JIXIAO_CHROMIUM;
      else process.env.JIXIAO_CHROMIUM = before;
    }
    try {
      expect(isPdf(await shared.render(TABLE))).toBe(true);
    } finally {
      await shared.close();
    }
  }, 60_000);
});

describe('PDF export over HTTP', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let url: string;
  let id: string;
  let username: string;

  beforeAll(async () => {
    t = await createTestStore('sqlite');
    const people = await seedPeople(t.store.db);
    username = people.fillerA.username;
    id = (await createEvaluation(t.store.db, people.fillerA, { document: seedDocument() })).evaluation.id;
    app = await buildServer({ db: t.store.db, dialect: 'sqlite', webRoot: false });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
  }, 60_000);

  it('prints every request through the one browser, started by the first', async () => {
    const c = apiClient(url);
    expect((await c.login(username, TEST_PASSWORD)).status).toBe(200);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const r = await fetch(`${url}/api/evaluations/${id}/export?format=pdf`, {
        headers: { cookie: c.cookie ?? '' },
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('pdf');
      expect(isPdf(new Uint8Array(await r.arrayBuffer()))).toBe(true);
      times.push(performance.now() - start);
    }
    // the first pays for starting Chromium; the others only print
    console.info(`PDF export over HTTP, ms: ${times.map((x) => Math.round(x)).join(', ')}`);
    expect(Math.min(times[1] ?? 0, times[2] ?? 0)).toBeLessThan(times[0] ?? 0);
  }, 60_000);
});
