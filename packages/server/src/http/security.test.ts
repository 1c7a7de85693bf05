/**
 * Protection a browser user relies on, over HTTP against real server processes: CSRF and
 * cross-site writes, security headers, login rate limiting, fresh session ids, and sessions
 * and counters shared by two servers on one database (no server keeps state of its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, apiClient } from '../testing/client.ts';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../testing/databases.ts';
import { type People, projectDocument, seedPeople, TEST_PASSWORD } from '../testing/fixtures.ts';
import { type ServerProcess, startServerProcess } from '../testing/server-process.ts';

describe.each(BACKENDS)('security on %s', (dialect) => {
  let database: TestDatabase;
  let one: ServerProcess;
  let two: ServerProcess;
  let people: People;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const store = await database.open();
    try {
      people = await seedPeople(store.db);
    } finally {
      await store.close();
    }
    [one, two] = await Promise.all([startServerProcess(database), startServerProcess(database)]);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await database?.drop();
  });

  async function signedIn(server: ServerProcess = one, who: keyof People = 'fillerA'): Promise<ApiClient> {
    const c = apiClient(server.url);
    const r = await c.login((people[who] as { username: string }).username, TEST_PASSWORD);
    expect(r.status).toBe(200);
    return c;
  }

  it('refuses a cookie-authenticated write without the CSRF token, and changes nothing', async () => {
    const c = await signedIn();
    const without = await c.post('/api/evaluations', projectDocument(), { csrf: false });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf-token');
    expect(without.body.error.message).toContain('X-CSRF-Token');
    const wrong = await c.post('/api/evaluations', projectDocument(), {
      csrf: false,
      headers: { 'x-csrf-token': 'forged-token-of-the-right-length-0000000000' },
    });
    expect(wrong.status).toBe(403);
    const list = await c.get('/api/evaluations');
    expect(list.body.total).toBe(0);
    const logout = await c.post('/api/auth/logout', undefined, { csrf: false });
    expect(logout.status).toBe(403);
    expect((await c.get('/api/me')).status).toBe(200);
  });

  it('refuses writes from another origin, even with the token, and accepts its own', async () => {
    const c = await signedIn();
    const foreign = await c.post('/api/evaluations', projectDocument(), {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('cross-origin');
    const crossSite = await c.post('/api/evaluations', projectDocument(), {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const own = await c.post('/api/evaluations', projectDocument(), {
      headers: { origin: new URL(one.url).origin },
    });
    expect(own.status).toBe(201);
    const loginFromElsewhere = await apiClient(one.url).post(
      '/api/auth/login',
      { username: people.fillerB.username, password: TEST_PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(loginFromElsewhere.status).toBe(403);
  });

  it('sends security headers on every response, errors and pages included', async () => {
    const pub = apiClient(one.url);
    for (const path of ['/api/public/evaluations', '/api/nothing', '/', '/api/me']) {
      const r = await pub.get(path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
    expect((await pub.get('/api/me')).headers.get('cache-control')).toBe('no-store');
  });

  it('issues a new session id at every login and ignores one planted before it', async () => {
    const planted = 'jixiao_session=attacker-chosen-value';
    const c = apiClient(one.url);
    c.cookie = planted;
    expect((await c.get('/api/me')).status).toBe(401);
    await c.login(people.approverA.username, TEST_PASSWORD);
    expect(c.cookie).not.toBe(planted);
    const first = c.cookie;
    await c.login(people.approverA.username, TEST_PASSWORD);
    expect(c.cookie).not.toBe(first);
  });

  it('locks a username after five failures, across both servers, even for the right password', async () => {
    const a = apiClient(one.url);
    const b = apiClient(two.url);
    for (let i = 0; i < 5; i++) {
      const r = await (i % 2 === 0 ? a : b).login(people.approverB.username, 'wrong-password');
      expect(r.status).toBe(401);
    }
    const locked = await b.login(people.approverB.username, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too-many-attempts');
    expect(locked.body.error.message).toContain('分钟后再试');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await a.login(people.approverB.username, TEST_PASSWORD)).status).toBe(429);
    // Others can still sign in.
    expect((await a.login(people.reviewer.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('moves a user between two servers mid-session: one database holds the session', async () => {
    const c = await signedIn(one, 'fillerA');
    const created = await c.post('/api/evaluations', projectDocument({ year: 2035 }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const onTwo = apiClient(two.url);
    onTwo.cookie = c.cookie;
    onTwo.csrf = c.csrf;
    expect((await onTwo.get('/api/me')).body.user.id).toBe(people.fillerA.id);
    const saved = await onTwo.put(
      `/api/evaluations/${id}`,
      projectDocument({ year: 2035, improvementPlan: '在二号服务器上修改' }),
      {
        headers: { 'if-match': created.headers.get('etag') ?? '' },
      },
    );
    expect(saved.status).toBe(200);
    const seenOnOne = await c.get(`/api/evaluations/${id}`);
    expect(seenOnOne.body.evaluation.improvementPlan).toBe('在二号服务器上修改');
    expect(seenOnOne.headers.get('etag')).toBe('"v2"');
    // A stale save on the first server after the save on the second is still caught.
    const stale = await c.put(`/api/evaluations/${id}`, projectDocument({ year: 2035 }), {
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(409);

    expect((await onTwo.logout()).status).toBe(204);
    expect((await c.get('/api/me')).status).toBe(401);
  });
});
