/**
 * Regions and scoring profiles over HTTP, and the totals the lists show, against a real server
 * process on SQLite and on PostgreSQL.
 */
import { getProfile } from '@jixiao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient, type Json } from '../testing/client.ts';
import { createTestDatabase, describeEachBackend, type TestDatabase } from '../testing/databases.ts';
import {
  type People,
  projectDocument,
  seedDocument,
  seedPeople,
  TEST_PASSWORD,
} from '../testing/fixtures.ts';
import { type ServerProcess, STARTUP_TIMEOUT, startServerProcess } from '../testing/server-process.ts';

type Who = Exclude<keyof People, 'unitA' | 'unitB'>;

/** A region's own profile: the national one under another id, with a stricter top grade. */
function regionProfile(id: string): Json {
  const { checks: _checks, ...national } = getProfile('national-2020') as Json;
  return {
    ...national,
    id,
    name: '测试省项目支出绩效自评',
    region: '测试省',
    gradeBands: [
      { grade: '优', min: 95 },
      { grade: '良', min: 80 },
      { grade: '中', min: 60 },
      { grade: '差', min: 0 },
    ],
  };
}

describeEachBackend('regions, profiles and totals', (dialect) => {
  let database: TestDatabase;
  let server: ServerProcess;
  let people: People;
  const clients = new Map<Who, ApiClient>();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const store = await database.open();
    try {
      [people, server] = await Promise.all([seedPeople(store.db), startServerProcess(database)]);
    } finally {
      await store.close();
    }
  }, STARTUP_TIMEOUT);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  }, STARTUP_TIMEOUT);

  async function as(who: Who): Promise<ApiClient> {
    const known = clients.get(who);
    if (known) return known;
    const c = apiClient(server.url);
    expect((await c.login(people[who].username, TEST_PASSWORD)).status).toBe(200);
    clients.set(who, c);
    return c;
  }

  /** Takes a form of unit A through the workflow to published. */
  async function publish(id: string): Promise<void> {
    const steps: [Who, string][] = [
      ['fillerA', 'submit'],
      ['approverA', 'approve'],
      ['reviewer', 'accept'],
      ['reviewer', 'publish'],
    ];
    for (const [who, action] of steps) {
      expect((await (await as(who)).post(`/api/evaluations/${id}/${action}`)).status).toBe(200);
    }
  }

  describe('totals', () => {
    it('shows the public the total the published form reports, with the computed one beside it', async () => {
      const created = await (await as('fillerA')).post('/api/evaluations', seedDocument());
      expect(created.status, created.text).toBe(201);
      const id = created.body.id;
      expect(created.body).toMatchObject({ total: 92, totalReported: 95, totalComputed: 92 });
      await publish(id);
      const pub = apiClient(server.url);
      const list = await pub.get('/api/public/evaluations?pageSize=200');
      expect(list.body.items.find((e: Json) => e.id === id)).toMatchObject({
        total: 95,
        totalReported: 95,
        totalComputed: 92,
      });
      const detail = await pub.get(`/api/public/evaluations/${id}`);
      expect(detail.body).toMatchObject({ total: 95, totalReported: 95, totalComputed: 92 });
      expect(detail.body.score.totals).toMatchObject({ reported: 95, computed: 92 });

      const internal = await (await as('reviewer')).get('/api/evaluations?pageSize=200');
      expect(internal.body.items.find((e: Json) => e.id === id)).toMatchObject({
        total: 92,
        totalReported: 95,
        totalComputed: 92,
      });
    });

    it('falls back to the computed total when a published form reports none', async () => {
      const created = await (await as('fillerA')).post(
        '/api/evaluations',
        projectDocument({ project: '未填总分的项目', totalReported: null }),
      );
      expect(created.status, created.text).toBe(201);
      const id = created.body.id;
      expect(created.body.totalReported).toBeNull();
      await publish(id);
      const detail = await apiClient(server.url).get(`/api/public/evaluations/${id}`);
      expect(detail.body.totalReported).toBeNull();
      expect(detail.body.total).toBe(detail.body.totalComputed);
      expect(detail.body.total).toEqual(expect.any(Number));
    });
  });

  describe('profiles', () => {
    it('lists the built-in profiles to anyone, and uploads a region profile for the admin only', async () => {
      const pub = apiClient(server.url);
      const before = await pub.get('/api/profiles');
      expect(before.status).toBe(200);
      expect(before.body.items.filter((p: Json) => p.builtIn).map((p: Json) => p.id)).toEqual(
        expect.arrayContaining(['hubei-2020', 'national-2020']),
      );

      const profile = regionProfile(`test-province-${dialect}`);
      expect((await pub.post('/api/profiles', profile)).status).toBe(401);
      const byReviewer = await (await as('reviewer')).post('/api/profiles', profile);
      expect(byReviewer.status).toBe(403);
      expect(byReviewer.body.error.message).toContain('系统管理员');

      const admin = await as('admin');
      const broken = await admin.post('/api/profiles', { ...profile, gradeBands: [] });
      expect(broken.status).toBe(422);
      expect(broken.body.error).toMatchObject({ code: 'invalid-profile' });
      expect(broken.body.error.message).toContain('gradeBands');

      const made = await admin.post('/api/profiles', profile);
      expect(made.status, made.text).toBe(201);
      expect(made.body).toMatchObject({ id: profile.id, builtIn: false, region: '测试省' });
      // loaded over the shared check defaults, like a built-in
      expect(Object.keys(made.body.checks.thresholds).length).toBeGreaterThan(0);

      const again = await admin.post('/api/profiles', profile);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('profile-exists');
      const overBuiltIn = await admin.post('/api/profiles', { ...profile, id: 'hubei-2020' });
      expect(overBuiltIn.status).toBe(409);

      const one = await pub.get(`/api/profiles/${profile.id}`);
      expect(one.status).toBe(200);
      expect(one.body.gradeBands[0]).toEqual({ grade: '优', min: 95 });
      expect((await pub.get('/api/profiles/hubei-2020')).body).toMatchObject({
        id: 'hubei-2020',
        builtIn: true,
      });
      expect((await pub.get('/api/profiles/no-such-profile')).status).toBe(404);
      const after = await pub.get('/api/profiles');
      expect(after.body.items.find((p: Json) => p.id === profile.id)).toMatchObject({ builtIn: false });

      const audit = await admin.get(`/api/audit?entityType=profile&entityId=${profile.id}`);
      expect(audit.body.items).toMatchObject([{ action: 'profile.create', actor: { id: people.admin.id } }]);
    });
  });

  describe('regions', () => {
    it('lets the admin add regions and put a unit in one, whose new forms its profile then scores', async () => {
      const admin = await as('admin');
      const profileId = `region-scored-${dialect}`;
      expect((await admin.post('/api/profiles', regionProfile(profileId))).status).toBe(201);

      expect((await apiClient(server.url).get('/api/regions')).status).toBe(401);
      expect((await (await as('fillerB')).post('/api/regions', { name: '测试省', profileId })).status).toBe(
        403,
      );
      const unknown = await admin.post('/api/regions', { name: '测试省', profileId: 'no-such-profile' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error).toMatchObject({ code: 'unknown-profile', path: 'profileId' });
      const empty = await admin.post('/api/regions', { name: '  ', profileId });
      expect(empty.body.error).toMatchObject({ code: 'required', path: 'name' });

      const region = await admin.post('/api/regions', { name: '测试省', profileId });
      expect(region.status, region.text).toBe(201);
      expect(region.body).toMatchObject({ name: '测试省', profileId });
      expect((await admin.post('/api/regions', { name: '测试省', profileId })).status).toBe(409);
      const seen = await (await as('fillerB')).get('/api/regions');
      expect(seen.status).toBe(200);
      expect(seen.body.items).toEqual([expect.objectContaining({ id: region.body.id, name: '测试省' })]);

      const path = `/api/units/${people.unitB}/region`;
      expect((await (await as('reviewer')).put(path, { regionId: region.body.id })).status).toBe(403);
      const wrong = await admin.put(path, { regionId: 'no-such-region' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.code).toBe('unknown-region');
      expect((await admin.put('/api/units/no-such-unit/region', { regionId: null })).status).toBe(404);
      const assigned = await admin.put(path, { regionId: region.body.id });
      expect(assigned.status, assigned.text).toBe(200);
      expect(assigned.body).toMatchObject({ id: people.unitB, regionId: region.body.id });

      const form = await (await as('fillerB')).post('/api/evaluations', projectDocument({ profile: null }));
      expect(form.status, form.text).toBe(201);
      expect(form.body.profile).toBe(profileId);
      expect(form.body.score.profile).toBe(profileId);

      const cleared = await admin.put(path, { regionId: null });
      expect(cleared.body.regionId).toBeNull();
      const audit = await admin.get(`/api/audit?entityType=unit&entityId=${people.unitB}`);
      const moves = audit.body.items.filter((e: Json) => e.action === 'unit.region');
      expect(moves.map((e: Json) => [e.before.regionId, e.after.regionId])).toEqual([
        [null, region.body.id],
        [region.body.id, null],
      ]);
    });
  });

  it('documents the new endpoints in OpenAPI, from the route table', async () => {
    const doc = (await apiClient(server.url).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/regions'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/profiles'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/profiles/{id}'].get).toBeDefined();
    expect(doc.paths['/api/units/{id}/region'].put).toBeDefined();
  });
});
