import { sql } from 'kysely';
import { readJsonOrNull, writeJson } from '../dialect.ts';
import type { Db, JobStatus, JobsTable } from '../schema.ts';

export interface Job {
  id: string;
  kind: string;
  payload: unknown;
  runAt: string;
  everyMs: number | null;
  status: JobStatus;
  attempts: number;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
  lastResult: unknown;
  createdAt: string;
}

function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: readJsonOrNull(row.payload),
    runAt: row.run_at,
    everyMs: row.every_ms === null ? null : Number(row.every_ms),
    status: row.status,
    attempts: Number(row.attempts),
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    lastStartedAt: row.last_started_at,
    lastFinishedAt: row.last_finished_at,
    lastError: row.last_error,
    lastResult: readJsonOrNull(row.last_result),
    createdAt: row.created_at,
  };
}

/**
 * A recurring job's row, created due now if it does not exist; an existing one keeps its
 * schedule and takes the interval given. Every server does this at start, in any order.
 */
export async function ensureRecurringJob(db: Db, kind: string, everyMs: number, now: string): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: kind,
      kind,
      payload: null,
      run_at: now,
      every_ms: everyMs,
      status: 'pending',
      attempts: 0,
      created_at: now,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ every_ms: everyMs }))
    .execute();
}

export async function insertJob(
  db: Db,
  job: { id: string; kind: string; payload: unknown; runAt: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: job.id,
      kind: job.kind,
      payload: job.payload === undefined ? null : writeJson(job.payload),
      run_at: job.runAt,
      every_ms: null,
      status: 'pending',
      attempts: 0,
      created_at: job.createdAt,
    })
    .execute();
}

export async function findJob(db: Db, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function listJobs(db: Db): Promise<Job[]> {
  const rows = await db.selectFrom('jobs').selectAll().orderBy('run_at').orderBy('id').execute();
  return rows.map(toJob);
}

/** Jobs of the given kinds due at `now` that nobody holds, oldest first. */
export async function dueJobIds(db: Db, now: string, kinds: string[], limit: number): Promise<string[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'pending')
    .where('kind', 'in', kinds)
    .where('run_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .orderBy('run_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes the lease on a due job. One guarded UPDATE: when two servers try at once, the second
 * finds the row already leased (PostgreSQL re-checks the condition after waiting for the first;
 * SQLite runs one writer at a time) and gets nothing.
 */
export async function claimJob(
  db: Db,
  id: string,
  worker: string,
  now: string,
  leaseUntil: string,
): Promise<Job | undefined> {
  const row = await db
    .updateTable('jobs')
    .set({
      locked_by: worker,
      locked_until: leaseUntil,
      attempts: sql<number>`attempts + 1`,
      last_started_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/** Keeps the lease of a long job; false when another server has taken it meanwhile. */
export async function extendLease(db: Db, id: string, worker: string, until: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ locked_until: until })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Releases the lease with the run's outcome; false when the lease was lost. */
export async function finishJob(
  db: Db,
  id: string,
  worker: string,
  outcome: {
    status: JobStatus;
    runAt: string;
    attempts: number;
    finishedAt: string;
    error: string | null;
    result: unknown;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      run_at: outcome.runAt,
      attempts: outcome.attempts,
      locked_by: null,
      locked_until: null,
      last_finished_at: outcome.finishedAt,
      last_error: outcome.error,
      last_result: outcome.result === undefined ? null : writeJson(outcome.result),
    })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Makes a job due now (an administrator's "run it now", and tests). */
export async function makeDue(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('jobs').set({ run_at: now }).where('id', '=', id).execute();
}

export async function deleteFinishedJobs(db: Db, finishedBefore: string): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'failed'])
    .where('last_finished_at', '<=', finishedBefore)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
