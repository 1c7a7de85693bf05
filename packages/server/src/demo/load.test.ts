/** The demo: a new database gets units, forms in every status, targets first, and one account per role. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningService, serve } from '../main.ts';
import { apiClient, type Json } from '../testing/client.ts';
import { createTestDatabase, describeEachBackend, type TestDatabase } from '../testing/databases.ts';
import { CORPUS_YEARS, corpusDemoForms, DEMO_PASSWORD, loadDemo, SEED_UNIT } from './load.ts';

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
    const pub = await apiClient(service.url).get('/api/public/evaluations?pageSize=200');
    const published = all.filter((e) => e.status === 'published').map((e) => e.id);
    expect(pub.body.items.map((e: Json) => e.id).sort()).toEqual(published.sort());
    expect(pub.body.items.map((e: Json) => e.unitName)).toEqual(
      expect.arrayContaining([SEED_UNIT, '青神县发展和改革局']),
    );
    const own = apiClient(service.url);
    await own.login('filler2', DEMO_PASSWORD);
    const theirs = (await own.get('/api/evaluations')).body.items as Json[];
    expect(theirs.map((e) => e.unit.name)).toEqual(['天长市水利局']);
  });

  it('adds the generated corpus: two years of several units, in every status, for the dashboard', async () => {
    const corpus = corpusDemoForms();
    expect(corpus).toHaveLength(30);
    const units = new Set(corpus.map((f) => f.unit));
    expect(units.size).toBeGreaterThanOrEqual(6);
    const c = apiClient(service.url);
    await c.login('reviewer', DEMO_PASSWORD);
    const all = (await c.get('/api/evaluations?stage=self-evaluation&pageSize=200')).body.items as Json[];
    const ofCorpus = all.filter((e) => units.has(e.unit.name));
    expect(ofCorpus).toHaveLength(30);
    for (const year of CORPUS_YEARS) {
      const inYear = ofCorpus.filter((e) => e.year === year);
      expect(inYear, String(year)).toHaveLength(15);
      const dashboard = await c.get(`/api/dashboard?year=${year}`);
      expect(dashboard.body.total).toBeGreaterThanOrEqual(15);
      expect(dashboard.body.units.length).toBeGreaterThanOrEqual(units.size);
    }
    expect(new Set(ofCorpus.filter((e) => e.year === 2024).map((e) => e.status))).toEqual(
      new Set(['draft', 'submitted', 'approved', 'accepted', 'published']),
    );
    // every 2024 form has its 2023 form to be compared with
    for (const e of ofCorpus.filter((x) => x.year === 2024)) {
      expect(
        ofCorpus.some((x) => x.year === 2023 && x.unit.id === e.unit.id && x.project === e.project),
      ).toBe(true);
    }
    // the first corpus unit's filler sees its forms of both years, nobody else's
    const unitName = corpus[0]?.unit as string;
    const own = all.filter((e) => e.unit.name === unitName).map((e) => e.id);
    const filler = apiClient(service.url);
    expect((await filler.login('corpus-filler-1', DEMO_PASSWORD)).status).toBe(200);
    const seen = (await filler.get('/api/evaluations?stage=self-evaluation&pageSize=200')).body
      .items as Json[];
    expect(seen.map((e) => e.id).sort()).toEqual(own.sort());
    expect(new Set(seen.map((e) => e.year))).toEqual(new Set([2023, 2024]));
  });

  it('generates the same corpus every time', () => {
    expect(JSON.stringify(corpusDemoForms())).toBe(JSON.stringify(corpusDemoForms()));
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
