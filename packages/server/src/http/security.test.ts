/**
 * Protection a browser user relies on, over HTTP against real server processes: CSRF and
 * cross-site writes, security headers, login rate limiting (also for a burst at once), fresh
 * session ids; and two servers on one database: sessions, counters and background jobs shared
 * (no server keeps state of its own), a consistent backup while both save, no restore under them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isRefusal } from '../commands/problem.ts';
import { BUILT_IN_JOBS } from '../jobs/builtin.ts';
import { backupDatabase, restoreDatabase } from '../store/backup.ts';
import { findJob, makeDue } from '../store/repos/jobs.ts';
import { reserve } from '../store/repos/rateLimits.ts';
import { liveServers } from '../store/repos/servers.ts';
import { insertSession } from '../store/repos/sessions.ts';
import { type ApiClient, apiClient } from '../testing/client.ts';
import { createTestDatabase, describeEachBackend, type TestDatabase } from '../testing/databases.ts';
import { fingerprint } from '../testing/fingerprint.ts';
import { type People, projectDocument, seedPeople, TEST_PASSWORD } from '../testing/fixtures.ts';
import { type ServerProcess, STARTUP_TIMEOUT, startServerProcess } from '../testing/server-process.ts';

describeEachBackend('security', (dialect) => {
  let database: TestDatabase;
  let one: ServerProcess;
  let two: ServerProcess;
  let people: People;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const store = await database.open();
    try {
      // They look for due background jobs every fifth of a second, to be seen doing it here.
      const jobs = { pollMs: 200 };
      [people, one, two] = await Promise.all([
        seedPeople(store.db),
        startServerProcess(database, { jobs }),
        startServerProcess(database, { jobs }),
      ]);
    } finally {
      await store.close();
    }
  }, STARTUP_TIMEOUT);
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await database?.drop();
  }, STARTUP_TIMEOUT);

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

  it('gives a burst of wrong passwords at once, on both servers, no more tries than the limit', async () => {
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        apiClient(i % 2 === 0 ? one.url : two.url).login(people.fillerB.username, `wrong-${i}`),
      ),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect((await apiClient(one.url).login(people.fillerB.username, TEST_PASSWORD)).status).toBe(429);
    const store = await database.open();
    try {
      const failures = await store.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'auth.login-failed')
        .where('entity_id', '=', people.fillerB.id)
        .execute();
      expect(failures).toHaveLength(5);
    } finally {
      await store.close();
    }
  });

  it('runs background jobs on the servers: expired sessions and counters go, and each server says it is alive', async () => {
    const store = await database.open();
    try {
      const now = Date.now();
      const at = (ms: number) => new Date(now + ms).toISOString();
      await insertSession(store.db, {
        id: 'expired-session',
        userId: people.fillerA.id,
        csrfToken: 'x',
        createdAt: at(-9 * 3600_000),
        lastSeenAt: at(-9 * 3600_000),
        expiresAt: at(-3600_000),
      });
      await reserve(store.db, 'login:addr:203.0.113.9', new Date(now - 3600_000), 15 * 60_000, 50);
      const before = await findJob(store.db, BUILT_IN_JOBS.sessions);
      expect(before?.lastFinishedAt).not.toBeNull();
      // Make both purges due now, as if their hour had passed; one of the servers takes each.
      await makeDue(store.db, BUILT_IN_JOBS.sessions, at(0));
      await makeDue(store.db, BUILT_IN_JOBS.loginCounters, at(0));
      const deadline = Date.now() + 20_000;
      let sessionsJob = before;
      while (Date.now() < deadline) {
        sessionsJob = await findJob(store.db, BUILT_IN_JOBS.sessions);
        const counters = await findJob(store.db, BUILT_IN_JOBS.loginCounters);
        if (
          sessionsJob?.lastFinishedAt !== before?.lastFinishedAt &&
          counters?.lastFinishedAt !== null &&
          new Date(counters?.runAt ?? 0).getTime() > now
        )
          break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(sessionsJob).toMatchObject({ status: 'pending', lockedBy: null, lastResult: { deleted: 1 } });
      expect(
        await store.db.selectFrom('sessions').select('id').where('id', '=', 'expired-session').execute(),
      ).toEqual([]);
      expect(
        await store.db
          .selectFrom('rate_limits')
          .select('key')
          .where('key', '=', 'login:addr:203.0.113.9')
          .execute(),
      ).toEqual([]);
      const live = await liveServers(store.db, new Date().toISOString());
      expect(live.map((s) => s.pid).sort()).toEqual([one.pid, two.pid].sort());
    } finally {
      await store.close();
    }
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

  it('backs up the database while both servers save forms: one consistent moment, and no restore under them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-live-backup-'));
    const file = join(dir, 'live.backup');
    const copy = await createTestDatabase(dialect);
    const store = await database.open();
    try {
      // The same person on both servers (the others' names are locked by the tests above).
      const a = await signedIn(one, 'fillerA');
      const b = await signedIn(two, 'fillerA');
      let writes = 0;
      let backedUp = false;
      const writer = (async () => {
        for (let i = 0; i < 8 || !backedUp; i++) {
          const doc = projectDocument({ year: 2040, project: `备份期间新建的项目 ${i}` });
          const created = await (i % 2 === 0 ? a : b).post('/api/evaluations', doc);
          expect(created.status, created.text).toBe(201);
          const saved = await (i % 2 === 0 ? b : a).put(
            `/api/evaluations/${created.body.id}`,
            { ...doc, improvementPlan: `第 ${i} 次修改` },
            { headers: { 'if-match': created.headers.get('etag') ?? '' } },
          );
          expect(saved.status, saved.text).toBe(200);
          writes += 2;
        }
      })();
      while (writes < 4) await new Promise((r) => setTimeout(r, 20));
      const before = await fingerprint(store.db);
      await backupDatabase(store, file);
      backedUp = true;
      await writer;

      // In use: SQLite sees the servers' open file, PostgreSQL the servers' word that they are alive.
      let inUse: unknown = null;
      await restoreDatabase(database.config, file, { replace: true }).catch((e) => {
        inUse = e;
      });
      expect(isRefusal(inUse) && inUse.problem.code).toBe('database-in-use');

      const live = await fingerprint(store.db);
      await restoreDatabase(copy.config, file);
      const c = await copy.open();
      try {
        const restored = await fingerprint(c.db);
        // Taken mid-stream: some of the new versions, none torn, each exactly as saved.
        const keys = Object.keys(restored.versions);
        expect(keys.length).toBeGreaterThanOrEqual(Object.keys(before.versions).length);
        expect(keys.length).toBeLessThan(Object.keys(live.versions).length);
        for (const key of keys) expect(restored.versions[key], key).toBe(live.versions[key]);
        const evaluations = await c.db.selectFrom('evaluations').select(['id', 'current_version']).execute();
        const versions = await c.db
          .selectFrom('evaluation_versions')
          .select(['evaluation_id', 'version'])
          .execute();
        for (const e of evaluations) {
          const own = versions
            .filter((v) => v.evaluation_id === e.id)
            .map((v) => Number(v.version))
            .sort((x, y) => x - y);
          expect(own, e.id).toEqual(Array.from({ length: Number(e.current_version) }, (_, i) => i + 1));
        }
      } finally {
        await c.close();
      }
    } finally {
      await store.close();
      await copy.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
