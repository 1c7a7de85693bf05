/**
 * Background jobs kept in the database. Any server process may run any due job: it takes a
 * lease on the row first (one guarded UPDATE), so of several servers polling the same database
 * exactly one runs each job, and if that server dies mid-job the lease runs out and another
 * takes the job up. Each server also says in the database that it is alive (`servers`), which is
 * how `jixiao db restore` knows not to replace the data under a running service.
 */
import { hostname } from 'node:os';
import { newId } from '../ids.ts';
import {
  claimJob,
  dueJobIds,
  ensureRecurringJob,
  extendLease,
  finishJob,
  insertJob,
  type Job,
} from '../store/repos/jobs.ts';
import { heartbeat, removeServer } from '../store/repos/servers.ts';
import type { Db } from '../store/schema.ts';

export interface JobContext {
  db: Db;
  /** the time the run started */
  now: Date;
  payload: unknown;
}

/** Does the work; what it returns is kept as the job's last result (counts, for instance). */
export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown> | undefined>;

export interface JobSet {
  handlers: Record<string, JobHandler>;
  /** jobs that run every `everyMs` (their row's id is their kind) */
  recurring: { kind: string; everyMs: number }[];
}

export interface RunOptions {
  now?: Date;
  /** how long a server holds a job before another may take it (default 5 minutes) */
  leaseMs?: number;
  /** runs of a one-off job before it is marked failed (default 5) */
  maxAttempts?: number;
  /** at most this many jobs per round (default 10) */
  limit?: number;
  log?: JobLog;
}

export type JobLog = (level: 'info' | 'error', message: string, data?: Record<string, unknown>) => void;

export interface JobOutcome {
  id: string;
  kind: string;
  ok: boolean;
  result?: Record<string, unknown>;
  error?: string;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 30_000;

/** Adds a job to run once, at `runAt` (now by default); returns its id. */
export async function enqueueJob(
  db: Db,
  job: { kind: string; payload?: unknown; runAt?: Date },
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await insertJob(db, {
    id,
    kind: job.kind,
    payload: job.payload ?? null,
    runAt: job.runAt?.toISOString() ?? now,
    createdAt: now,
  });
  return id;
}

/** Creates the rows of the recurring jobs that do not have one yet (due at once). */
export async function scheduleRecurring(db: Db, jobs: JobSet, now: Date = new Date()): Promise<void> {
  for (const r of jobs.recurring) await ensureRecurringJob(db, r.kind, r.everyMs, now.toISOString());
}

function retryDelay(attempts: number, everyMs: number | null): number {
  const backoff = RETRY_BASE_MS * 2 ** Math.min(Math.max(attempts - 1, 0), 10);
  return everyMs === null ? backoff : Math.min(backoff, everyMs);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs one job whose lease this worker holds, keeping the lease while it runs. */
async function runClaimed(
  db: Db,
  job: Job,
  handler: JobHandler | undefined,
  worker: string,
  options: Required<Pick<RunOptions, 'leaseMs' | 'maxAttempts'>> & { now: Date; log?: JobLog },
): Promise<JobOutcome> {
  const keep = setInterval(
    () => {
      extendLease(db, job.id, worker, new Date(Date.now() + options.leaseMs).toISOString()).catch(() => {});
    },
    Math.max(1000, Math.floor(options.leaseMs / 3)),
  );
  keep.unref();
  let outcome: JobOutcome;
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    const result = await handler({ db, now: options.now, payload: job.payload });
    outcome = { id: job.id, kind: job.kind, ok: true, ...(result ? { result } : {}) };
  } catch (e) {
    outcome = { id: job.id, kind: job.kind, ok: false, error: messageOf(e) };
  } finally {
    clearInterval(keep);
  }
  const finishedAt = new Date();
  const recurring = job.everyMs !== null;
  let status: Job['status'] = 'pending';
  let runAt: Date;
  if (outcome.ok) {
    if (!recurring) status = 'done';
    runAt = new Date(finishedAt.getTime() + (job.everyMs ?? 0));
  } else {
    if (!recurring && job.attempts >= options.maxAttempts) status = 'failed';
    runAt = new Date(finishedAt.getTime() + retryDelay(job.attempts, job.everyMs));
  }
  const kept = await finishJob(db, job.id, worker, {
    status,
    runAt: runAt.toISOString(),
    attempts: outcome.ok ? 0 : job.attempts,
    finishedAt: finishedAt.toISOString(),
    error: outcome.error ?? null,
    result: outcome.result ?? null,
  });
  if (!kept) options.log?.('error', 'job lease lost before it finished', { job: job.id, kind: job.kind });
  if (!outcome.ok)
    options.log?.('error', 'job failed', { job: job.id, kind: job.kind, error: outcome.error });
  return outcome;
}

/** Takes and runs the jobs due now that no other server holds; returns what happened to each. */
export async function runDueJobs(
  db: Db,
  jobs: JobSet,
  worker: string,
  options: RunOptions = {},
): Promise<JobOutcome[]> {
  const now = options.now ?? new Date();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const outcomes: JobOutcome[] = [];
  // Only jobs this server knows how to run: a job added by a newer version waits for a server
  // of that version rather than failing here.
  const kinds = Object.keys(jobs.handlers);
  for (const id of await dueJobIds(db, now.toISOString(), kinds, options.limit ?? 10)) {
    const job = await claimJob(
      db,
      id,
      worker,
      now.toISOString(),
      new Date(now.getTime() + leaseMs).toISOString(),
    );
    if (!job) continue; // another server took it first
    outcomes.push(
      await runClaimed(db, job, jobs.handlers[job.kind], worker, {
        now,
        leaseMs,
        maxAttempts,
        ...(options.log ? { log: options.log } : {}),
      }),
    );
  }
  return outcomes;
}

export interface JobRunnerOptions {
  db: Db;
  jobs: JobSet;
  /** how often to look for due jobs and say the server is alive (default 30 s) */
  pollMs?: number;
  /** false: only say the server is alive, run no jobs (for servers that should only serve) */
  runJobs?: boolean;
  leaseMs?: number;
  maxAttempts?: number;
  log?: JobLog;
}

export interface JobRunner {
  /** this server's id in `servers` and in the jobs' `locked_by` */
  serverId: string;
  /** one round now: heartbeat, then the due jobs */
  tick(): Promise<JobOutcome[]>;
  /** stops polling, waits for the running round, and removes the server's row */
  stop(): Promise<void>;
}

export const DEFAULT_POLL_MS = 30_000;

/** A server counts as alive for three polls after it last said so, and at least a minute. */
export function aliveForMs(pollMs: number): number {
  return Math.max(3 * pollMs, 60_000);
}

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { db, jobs } = options;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const serverId = `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;
  const startedAt = new Date().toISOString();
  const log = options.log;

  async function beat(now: Date): Promise<void> {
    await heartbeat(db, {
      id: serverId,
      host: hostname(),
      pid: process.pid,
      startedAt,
      seenAt: now.toISOString(),
      aliveUntil: new Date(now.getTime() + aliveForMs(pollMs)).toISOString(),
    });
  }

  async function tick(): Promise<JobOutcome[]> {
    const now = new Date();
    await beat(now);
    if (options.runJobs === false) return [];
    return runDueJobs(db, jobs, serverId, {
      now,
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
      ...(log ? { log } : {}),
    });
  }

  await beat(new Date());
  if (options.runJobs !== false) await scheduleRecurring(db, jobs);

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((e) => log?.('error', 'background jobs round failed', { error: messageOf(e) }))
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(loop, pollMs);
          timer.unref();
        }
      });
  };
  loop();

  return {
    serverId,
    tick,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await removeServer(db, serverId).catch(() => {});
    },
  };
}
