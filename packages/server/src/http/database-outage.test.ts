/**
 * The database going away under a running server (PostgreSQL): the server's connections are
 * cut (pg_terminate_backend) and, for a while, no new ones are let in (ALLOW_CONNECTIONS
 * false on the test's own database; the PostgreSQL server itself keeps running for the other
 * suites). Requests meanwhile get 503 `database-unavailable` with a Chinese message, the
 * process survives, nothing half-written remains, and service resumes when the database
 * takes connections again, with the same session.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { type ApiClient, apiClient } from '../testing/client.ts';
import { ADMIN_POSTGRES_URL, BACKENDS, createTestDatabase, type TestDatabase } from '../testing/databases.ts';
import { projectDocument, seedPeople, TEST_PASSWORD } from '../testing/fixtures.ts';
import { type ServerProcess, STARTUP_TIMEOUT, startServerProcess } from '../testing/server-process.ts';

describe.runIf(BACKENDS.includes('postgres'))('the database going away (PostgreSQL)', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let admin: pg.Client;
  let name: string;
  let client: ApiClient;
  let evaluationId: string;

  /** As the database's own owner sees it, from outside the server. */
  async function inDatabase<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const c = new pg.Client({ connectionString: database.location });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  async function cutConnections(): Promise<number> {
    const r = await admin.query(
      'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    return r.rows[0].n;
  }

  async function allowConnections(allow: boolean): Promise<void> {
    await admin.query(`alter database ${name} allow_connections ${allow}`);
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    name = new URL(database.location).pathname.slice(1);
    admin = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
    await admin.connect();
    const store = await database.open();
    try {
      const people = await seedPeople(store.db);
      evaluationId = (await createEvaluation(store.db, people.fillerA, { document: projectDocument() }))
        .evaluation.id;
      server = await startServerProcess(database, { jobs: { pollMs: 200 } });
      client = apiClient(server.url);
      expect((await client.login(people.fillerA.username, TEST_PASSWORD)).status).toBe(200);
    } finally {
      await store.close();
    }
  }, STARTUP_TIMEOUT);

  afterAll(async () => {
    await allowConnections(true).catch(() => {});
    await server?.stop();
    await admin?.end();
    await database?.drop();
  }, STARTUP_TIMEOUT);

  async function save(note: string) {
    const read = await client.get(`/api/evaluations/${evaluationId}`);
    // a read caught by the cut is answered 503 like the save would be: that is the answer
    if (read.status === 503) return read;
    expect(read.status).toBe(200);
    return client.put(
      `/api/evaluations/${evaluationId}`,
      { ...read.body.evaluation, project: note },
      { headers: { 'if-match': read.headers.get('etag') ?? '' } },
    );
  }

  it('answers 503 with a clear message while the database is gone, and resumes after', async () => {
    expect((await save('断开前')).status).toBe(200);
    const before = await inDatabase<{ version: number }>(
      'select current_version as version from evaluations where id = $1',
      [evaluationId],
    );

    await allowConnections(false);
    expect(await cutConnections()).toBeGreaterThan(0);
    const read = await client.get(`/api/evaluations/${evaluationId}`);
    const write = await client.put(`/api/evaluations/${evaluationId}`, projectDocument(), {
      headers: { 'if-match': `"v${before[0]?.version}"` },
    });
    const pub = await apiClient(server.url).get('/api/public/evaluations');
    for (const r of [read, write, pub]) {
      expect(r.status, r.text).toBe(503);
      expect(r.body.error.code).toBe('database-unavailable');
      expect(r.body.error.message).toContain('数据库');
      expect(r.headers.get('retry-after')).not.toBeNull();
    }
    // Still alive while the database is away (a background job polls it too).
    await new Promise((r) => setTimeout(r, 600));
    expect((await apiClient(server.url).get('/api/health')).status).toBe(200);

    await allowConnections(true);
    const after = await save('恢复后');
    expect(after.status).toBe(200);
    expect(after.body.version).toBe((before[0]?.version ?? 0) + 1);
    const events = await inDatabase<{ n: number }>(
      "select count(*)::int as n from audit_events where evaluation_id = $1 and action = 'evaluation.save'",
      [evaluationId],
    );
    expect(events[0]?.n).toBe(after.body.version - 1);
  }, 60_000);

  it('leaves nothing half-written when connections are cut in the middle of saves', async () => {
    let accepted = 0;
    let unavailable = 0;
    const others: string[] = [];
    for (let round = 0; round < 5; round++) {
      const saves = Array.from({ length: 6 }, (_, i) => save(`第${round}轮-${i}`));
      await new Promise((r) => setTimeout(r, 20 + round * 15));
      await cutConnections();
      for (const r of await Promise.allSettled(saves)) {
        if (r.status === 'rejected') {
          // the GET before the save met the cut
          unavailable++;
          continue;
        }
        if (r.value.status === 200) accepted++;
        else if (r.value.status === 503) unavailable++;
        else if (r.value.status !== 409) others.push(`${r.value.status} ${r.value.text.slice(0, 200)}`);
      }
    }
    console.log(
      `cut mid-save: ${accepted} saves accepted, ${unavailable} met the cut (503), ${others.length} other`,
    );
    expect(others).toEqual([]);
    // Every version is whole: the form points at its last version, each version has its one
    // audit event, and there are no gaps.
    const [head] = await inDatabase<{ version: number }>(
      'select current_version as version from evaluations where id = $1',
      [evaluationId],
    );
    const versions = await inDatabase<{ version: number }>(
      'select version from evaluation_versions where evaluation_id = $1 order by version',
      [evaluationId],
    );
    expect(versions.map((v) => v.version)).toEqual(
      Array.from({ length: head?.version ?? 0 }, (_, i) => i + 1),
    );
    const saved = await inDatabase<{ n: number }>(
      "select count(*)::int as n from audit_events where evaluation_id = $1 and action = 'evaluation.save'",
      [evaluationId],
    );
    expect(saved[0]?.n).toBe((head?.version ?? 0) - 1);
    expect((await save('最后')).status).toBe(200);
  }, 60_000);
});
