/** The demo: a new database gets units, forms in every status, targets first, and one account per role. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningService, serve } from '../main.ts';
import { apiClient, type Json } from '../testing/client.ts';
import { createTestDatabase, describeEachBackend, type TestDatabase } from '../testing/databases.ts';
import { DEMO_PASSWORD, loadDemo, SEED_UNIT } from './load.ts';

describeEachBackend('demo data', (dialect) => {
  let database: TestDatabase;
  let service: RunningService;
  const where = () =>
    database.dialect === 'postgres' ? { databaseUrl: database.location } : { dbPath: database.location };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    service = await serve({ ...where(), demo: true, port: 0 });
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await database?.drop();
  }, 60_000);

  it('creates the five demo accounts with the demo password', async () => {
    expect(service.demoPassword).toBe(DEMO_PASSWORD);
    expect(service.demoAccounts?.map((a) => a.username)).toEqual([
      'admin',
      'reviewer',
      'approver',
      'filler',
      'filler2',
    ]);
    for (const username of ['admin', 'reviewer', 'approver', 'filler', 'filler2']) {
      const r = await apiClient(service.url).login(username, DEMO_PASSWORD);
      expect(r.status, username).toBe(200);
    }
  });

  it("gives the filler the seed unit's forms, targets first for the next year", async () => {
    const c = apiClient(service.url);
    await c.login('filler', DEMO_PASSWORD);
    const list = await c.get('/api/evaluations');
    const items: Json[] = list.body.items;
    expect(items.every((e) => e.unit.name === SEED_UNIT)).toBe(true);
    const seed = items.find((e) => e.year === 2023);
    expect(seed).toMatchObject({ status: 'published', kind: 'department', total: 92 });
    const targets = items.find((e) => e.stage === 'targets');
    expect(targets).toMatchObject({ year: 2024, status: 'approved' });
    const next = items.find((e) => e.stage === 'self-evaluation' && e.year === 2024);
    expect(next).toMatchObject({ status: 'draft', targets: { id: targets.id } });
  });

  it('shows the reviewer forms of several units in every status, and the public the published ones', async () => {
    const c = apiClient(service.url);
    await c.login('reviewer', DEMO_PASSWORD);
    const all = (await c.get('/api/evaluations?stage=self-evaluation&pageSize=200')).body.items as Json[];
    expect(new Set(all.map((e) => e.unit.name)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(all.map((e) => e.status))).toEqual(
      new Set(['draft', 'submitted', 'approved', 'accepted', 'published']),
    );
    const returned = all.find((e) => e.unit.name === '施甸县农业农村局');
    const comments = await c.get(`/api/evaluations/${returned.id}/comments`);
    expect(comments.body.items.length).toBe(2);
    const pub = await apiClient(service.url).get('/api/public/evaluations');
    expect(pub.body.items.map((e: Json) => e.unitName).sort()).toEqual(
      [SEED_UNIT, '青神县发展和改革局'].sort(),
    );
    const own = apiClient(service.url);
    await own.login('filler2', DEMO_PASSWORD);
    const theirs = (await own.get('/api/evaluations')).body.items as Json[];
    expect(theirs.map((e) => e.unit.name)).toEqual(['天长市水利局']);
  });

  it('never loads into a database that already has accounts', async () => {
    await expect(loadDemo(service.store.db)).rejects.toThrow('演示数据只能载入新数据库');
    const again = await serve({ ...where(), demo: true, port: 0 });
    try {
      expect(again.demoAccounts).toBeNull();
    } finally {
      await again.close();
    }
  });
});
