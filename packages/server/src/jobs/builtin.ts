/**
 * The jobs every server runs: the housekeeping nothing else does. Sessions and login counters
 * are checked for expiry when read, so these purges only keep the tables from growing.
 */
import { deleteFinishedJobs } from '../store/repos/jobs.ts';
import { deleteExpiredCounters } from '../store/repos/rateLimits.ts';
import { deleteDeadServers } from '../store/repos/servers.ts';
import { deleteExpiredSessions } from '../store/repos/sessions.ts';
import type { JobSet } from './runner.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

export const BUILT_IN_JOBS = {
  sessions: 'purge-expired-sessions',
  loginCounters: 'purge-login-counters',
  housekeeping: 'purge-dead-servers-and-old-jobs',
} as const;

export function builtInJobs(options: { loginWindowMs: number }): JobSet {
  return {
    handlers: {
      [BUILT_IN_JOBS.sessions]: async ({ db, now }) => ({
        deleted: await deleteExpiredSessions(db, now.toISOString()),
      }),
      [BUILT_IN_JOBS.loginCounters]: async ({ db, now }) => ({
        deleted: await deleteExpiredCounters(
          db,
          new Date(now.getTime() - options.loginWindowMs).toISOString(),
        ),
      }),
      [BUILT_IN_JOBS.housekeeping]: async ({ db, now }) => ({
        servers: await deleteDeadServers(db, new Date(now.getTime() - DAY).toISOString()),
        jobs: await deleteFinishedJobs(db, new Date(now.getTime() - 30 * DAY).toISOString()),
      }),
    },
    recurring: [
      { kind: BUILT_IN_JOBS.sessions, everyMs: HOUR },
      { kind: BUILT_IN_JOBS.loginCounters, everyMs: HOUR },
      { kind: BUILT_IN_JOBS.housekeeping, everyMs: DAY },
    ],
  };
}
