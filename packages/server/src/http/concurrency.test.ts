/**
 * Fifty clients saving the same form at once, over HTTP against a real server process, on
 * SQLite and PostgreSQL. Each client adds its own goal to the form: it reads the form, adds
 * its goal and saves with If-Match, and on 409 reads again and retries (a few times at most).
 * Every save must land as a version of its own or be answered 409; no accepted change may be
 * overwritten (each version holds every goal of the versions before it plus its own); and the
 * audit trail must hold exactly one evaluation.save per accepted save.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { createUserUnchecked } from '../commands/createUser.ts';
import type { Actor } from '../domain.ts';
import { listEvents } from '../store/repos/audit.ts';
import type { Db } from '../store/schema.ts';
import { type ApiClient, apiClient } from '../testing/client.ts';
import { createTestDatabase, describeEachBackend, type TestDatabase } from '../testing/databases.ts';
import { projectDocument, seedPeople, TEST_PASSWORD } from '../testing/fixtures.ts';
import { type ServerProcess, STARTUP_TIMEOUT, startServerProcess } from '../testing/server-process.ts';

const CLIENTS = 50;
/** accounts the clients sign in with (several clients share one, as tabs of one browser do) */
const ACCOUNTS = 5;
const ATTEMPTS = 4;

interface Save {
  client: number;
  status: number;
  /** the version an accepted save made */
  version?: number;
}

async function versionsOf(db: Db, id: string): Promise<Map<number, Set<string>>> {
  // biome-ignore lint/suspicious/noExplicitAny: a plain read of the stored rows
  const rows: { version: number; document: any }[] = await (db as any)
    .selectFrom('evaluation_versions')
    .select(['version', 'document'])
    .where('evaluation_id', '=', id)
    .execute();
  const out = new Map<number, Set<string>>();
  for (const r of rows) {
    const doc = typeof r.document === 'string' ? JSON.parse(r.document) : r.document;
    const marks = (doc.goals as { text: string }[])
      .map((g) => g.text)
      .filter((t) => t.startsWith('并发客户端'));
    out.set(Number(r.version), new Set(marks));
  }
  return out;
}

describeEachBackend('50 clients saving one form at once', (dialect) => {
  let database: TestDatabase;
  let server: ServerProcess;
  let db: Db;
  let close: () => Promise<void>;
  let evaluationId: string;
  const clients: ApiClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const store = await database.open();
    db = store.db;
    close = store.close;
    const people = await seedPeople(db);
    const accounts: Actor[] = [people.fillerA, people.approverA];
    for (let i = accounts.length; i < ACCOUNTS; i++) {
      const u = await createUserUnchecked(db, null, {
        username: `concurrent-${i}`,
        password: TEST_PASSWORD,
        displayName: `并发填报人${i}`,
        role: 'filler',
        unitId: people.unitA,
      });
      accounts.push({ ...u });
    }
    server = await startServerProcess(database);
    const created = await createEvaluation(db, people.fillerA, { document: projectDocument() });
    evaluationId = created.evaluation.id;
    const sessions = await Promise.all(
      accounts.map(async (a) => {
        const c = apiClient(server.url);
        expect((await c.login(a.username, TEST_PASSWORD)).status).toBe(200);
        return c;
      }),
    );
    for (let i = 0; i < CLIENTS; i++) {
      const s = sessions[i % ACCOUNTS] as ApiClient;
      const c = apiClient(server.url);
      c.cookie = s.cookie;
      c.csrf = s.csrf;
      clients.push(c);
    }
  }, STARTUP_TIMEOUT);

  afterAll(async () => {
    await server?.stop();
    await close?.();
    await database?.drop();
  }, STARTUP_TIMEOUT);

  it('lands every save as its own version or answers 409, and loses none', async () => {
    const url = `/api/evaluations/${evaluationId}`;
    // Everyone reads version 1 first, so that the first round of saves really races.
    const first = await Promise.all(clients.map((c) => c.get(url)));
    for (const r of first) expect(r.headers.get('etag')).toBe('"v1"');

    const saves: Save[] = [];
    await Promise.all(
      clients.map(async (c, i) => {
        let read = first[i];
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          if (!read || attempt > 0) read = await c.get(url);
          const doc = read.body.evaluation;
          const mine = `并发客户端-${i}`;
          const body = { ...doc, goals: [...doc.goals, { text: mine }] };
          const r = await c.put(url, body, { headers: { 'if-match': read.headers.get('etag') ?? '' } });
          if (r.status === 200) {
            saves.push({ client: i, status: 200, version: r.body.version });
            return;
          }
          saves.push({ client: i, status: r.status });
          if (r.status !== 409) return;
          expect(r.body.error.code).toBe('stale-version');
          expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
    );

    const accepted = saves.filter((s) => s.status === 200);
    const statuses = new Set(saves.map((s) => s.status));
    const conflicts = saves.filter((s) => s.status === 409).length;
    console.log(
      `${dialect}: ${CLIENTS} clients, ${saves.length} saves: ${accepted.length} accepted (versions 2–${accepted.length + 1}), ${conflicts} answered 409, others ${saves.length - accepted.length - conflicts}`,
    );
    expect([...statuses].every((s) => s === 200 || s === 409)).toBe(true);
    expect(accepted.length).toBeGreaterThan(1);

    // Each accepted save made a version of its own: versions 2…n+1, none twice.
    const versions = accepted.map((s) => s.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(accepted.map((_, k) => k + 2));

    // Nothing accepted was overwritten: each version holds all goals before it and its own.
    const stored = await versionsOf(db, evaluationId);
    expect(stored.size).toBe(accepted.length + 1);
    const byVersion = new Map(accepted.map((s) => [s.version as number, `并发客户端-${s.client}`]));
    for (let v = 2; v <= accepted.length + 1; v++) {
      const before = stored.get(v - 1) as Set<string>;
      const now = stored.get(v) as Set<string>;
      expect([...now].sort()).toEqual([...before, byVersion.get(v)].sort());
    }
    const last = stored.get(accepted.length + 1) as Set<string>;
    expect(last.size).toBe(accepted.length);

    // The form's current version is the last one, and the audit trail has one save per version.
    const now = await clients[0]?.get(`/api/evaluations/${evaluationId}`);
    expect(now?.headers.get('etag')).toBe(`"v${accepted.length + 1}"`);
    const events = await listEvents(db, { evaluationId, action: 'evaluation.save' });
    expect(events.length).toBe(accepted.length);
    const auditVersions = events.map((e) => (e.after as { version: number }).version).sort((a, b) => a - b);
    expect(auditVersions).toEqual(versions);
  }, 120_000);
});
