/**
 * Background jobs in the database: each due job runs on exactly one of the servers sharing it,
 * comes round again when its interval has passed, is taken over when its server dies mid-run,
 * and a failing one is retried and finally marked failed. The built-in jobs remove expired
 * sessions and login counters, which nothing else removes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import type { Store } from '../store/database.ts';
import { claimJob, findJob, finishJob } from '../store/repos/jobs.ts';
import { reserve } from '../store/repos/rateLimits.ts';
import { heartbeat, liveServers } from '../store/repos/servers.ts';
import { insertSession } from '../store/repos/sessions.ts';
import { insertUser } from '../store/repos/users.ts';
import { BACKENDS, useTestStore } from '../testing/databases.ts';
import { BUILT_IN_JOBS, builtInJobs } from './builtin.ts';
import { enqueueJob, type JobSet, runDueJobs, scheduleRecurring } from './runner.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(BACKENDS)('background jobs on %s', (dialect) => {
  const testStore = useTestStore(dialect);
  const db = () => testStore().store.db;
  let second: Store;
  const userId = newId();

  beforeAll(async () => {
    // A second connection (pool) to the same database, as a second server would have.
    second = await testStore().database.open();
    await insertUser(db(), {
      id: userId,
      username: `u-${userId.slice(0, 8)}`,
      displayName: 'u',
      role: 'reviewer',
      unitId: null,
      disabledAt: null,
      createdAt: new Date().toISOString(),
      passwordHash: 'scrypt$not-used',
    });
  }, 60_000);
  // Runs before useTestStore's own afterAll closes and drops the database.
  afterAll(async () => {
    await second?.close();
  });

  async function session(expiresAt: Date): Promise<string> {
    const id = newId();
    const at = new Date(expiresAt.getTime() - HOUR).toISOString();
    await insertSession(db(), {
      id,
      userId,
      csrfToken: 'x',
      createdAt: at,
      lastSeenAt: at,
      expiresAt: expiresAt.toISOString(),
    });
    return id;
  }

  it('runs each due job on exactly one of two servers, removes what has expired, and runs it again when due', async () => {
    const now = new Date();
    const jobs = builtInJobs({ loginWindowMs: 15 * MINUTE });
    const expired = await session(new Date(now.getTime() - MINUTE));
    const live = await session(new Date(now.getTime() + HOUR));
    await reserve(db(), 'login:user:old', new Date(now.getTime() - 20 * MINUTE), 15 * MINUTE, 5);
    await reserve(db(), 'login:user:new', new Date(now.getTime() - 5 * MINUTE), 15 * MINUTE, 5);
    // Both servers start and register the schedule; both look for due jobs at the same moment.
    await Promise.all([scheduleRecurring(db(), jobs, now), scheduleRecurring(second.db, jobs, now)]);
    const [a, b] = await Promise.all([
      runDueJobs(db(), jobs, 'server-a', { now }),
      runDueJobs(second.db, jobs, 'server-b', { now }),
    ]);
    const ran = [...a, ...b].map((o) => o.kind).sort();
    expect(ran).toEqual(Object.values(BUILT_IN_JOBS).sort());
    expect([...a, ...b].every((o) => o.ok)).toBe(true);

    const sessions = await db().selectFrom('sessions').select('id').execute();
    expect(sessions.map((s) => s.id)).toEqual([live]);
    expect(sessions.map((s) => s.id)).not.toContain(expired);
    const counters = await db().selectFrom('rate_limits').select('key').execute();
    expect(counters.map((c) => c.key)).toEqual(['login:user:new']);

    const job = await findJob(db(), BUILT_IN_JOBS.sessions);
    expect(job).toMatchObject({ status: 'pending', attempts: 0, lockedBy: null, lastResult: { deleted: 1 } });
    expect(new Date(job?.runAt ?? 0).getTime()).toBeGreaterThanOrEqual(now.getTime() + HOUR);

    // Not due again until its hour has passed.
    expect(await runDueJobs(db(), jobs, 'server-a', { now: new Date(now.getTime() + 5 * MINUTE) })).toEqual(
      [],
    );
    const later = await runDueJobs(db(), jobs, 'server-a', {
      now: new Date(Date.now() + HOUR + MINUTE),
    });
    expect(later.map((o) => o.kind).sort()).toEqual(
      [BUILT_IN_JOBS.loginCounters, BUILT_IN_JOBS.sessions].sort(),
    );
  });

  it('lets another server take over a job whose server died mid-run, once the lease has run out', async () => {
    const calls: string[] = [];
    const jobs: JobSet = {
      handlers: {
        'test.once': async ({ payload }) => {
          calls.push(String((payload as { n: number }).n));
          return { done: true };
        },
      },
      recurring: [],
    };
    const id = await enqueueJob(db(), { kind: 'test.once', payload: { n: 7 } });
    const now = new Date(Date.now() + 1000);
    // Server A takes the job and dies before finishing it.
    const taken = await claimJob(
      db(),
      id,
      'server-a',
      now.toISOString(),
      new Date(now.getTime() + MINUTE).toISOString(),
    );
    expect(taken?.lockedBy).toBe('server-a');
    expect(await runDueJobs(second.db, jobs, 'server-b', { now })).toEqual([]);
    const afterLease = new Date(now.getTime() + MINUTE + 1000);
    const outcomes = await runDueJobs(second.db, jobs, 'server-b', { now: afterLease });
    expect(outcomes).toEqual([{ id, kind: 'test.once', ok: true, result: { done: true } }]);
    expect(calls).toEqual(['7']);
    expect(await findJob(db(), id)).toMatchObject({ status: 'done', lockedBy: null, attempts: 0 });
    // A's late word changes nothing.
    expect(
      await finishJob(db(), id, 'server-a', {
        status: 'pending',
        runAt: afterLease.toISOString(),
        attempts: 1,
        finishedAt: afterLease.toISOString(),
        error: null,
        result: null,
      }),
    ).toBe(false);
    expect(
      await runDueJobs(second.db, jobs, 'server-b', { now: new Date(afterLease.getTime() + HOUR) }),
    ).toEqual([]);
  });

  it('retries a failing job later and marks it failed after the last attempt; jobs it does not know it leaves alone', async () => {
    const jobs: JobSet = {
      handlers: {
        'test.fails': async () => {
          throw new Error('外部系统无响应');
        },
      },
      recurring: [],
    };
    const id = await enqueueJob(db(), { kind: 'test.fails' });
    const unknown = await enqueueJob(db(), { kind: 'test.from-a-newer-version' });
    const start = new Date(Date.now() + 1000);
    const first = await runDueJobs(db(), jobs, 'server-a', { now: start, maxAttempts: 2 });
    expect(first).toEqual([{ id, kind: 'test.fails', ok: false, error: '外部系统无响应' }]);
    const waiting = await findJob(db(), id);
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: '外部系统无响应',
      lockedBy: null,
    });
    expect(new Date(waiting?.runAt ?? 0).getTime()).toBeGreaterThan(start.getTime() + 25_000);
    expect(
      await runDueJobs(db(), jobs, 'server-a', {
        now: new Date(start.getTime() + 1000),
        maxAttempts: 2,
      }),
    ).toEqual([]);
    const retryAt = new Date(new Date(waiting?.runAt ?? 0).getTime() + 1000 + 60_000);
    await runDueJobs(db(), jobs, 'server-a', { now: retryAt, maxAttempts: 2 });
    expect(await findJob(db(), id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await findJob(db(), unknown)).toMatchObject({
      status: 'pending',
      attempts: 0,
      lockedBy: null,
    });
  });

  it('knows which servers are alive', async () => {
    const now = new Date();
    await heartbeat(db(), {
      id: 'gone',
      host: 'h1',
      pid: 1,
      startedAt: now.toISOString(),
      seenAt: now.toISOString(),
      aliveUntil: new Date(now.getTime() - 1000).toISOString(),
    });
    await heartbeat(db(), {
      id: 'here',
      host: 'h2',
      pid: 2,
      startedAt: now.toISOString(),
      seenAt: now.toISOString(),
      aliveUntil: new Date(now.getTime() + MINUTE).toISOString(),
    });
    expect((await liveServers(db(), now.toISOString())).map((s) => s.id)).toEqual(['here']);
  });
});
