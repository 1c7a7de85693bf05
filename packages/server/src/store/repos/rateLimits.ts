import { sql } from 'kysely';
import type { Db } from '../schema.ts';

/**
 * Takes one of `max` attempts allowed under `key` in a fixed window and returns how many are
 * taken now, or null when none is left. It is one statement (an upsert whose update only
 * happens while the count is below `max`, or when the window has run out and starts again), so
 * any number of attempts at once, on any number of servers sharing the database, get at most
 * `max` between them: there is no moment between reading the count and raising it.
 */
export async function reserve(
  db: Db,
  key: string,
  now: Date,
  windowMs: number,
  max: number,
): Promise<number | null> {
  const at = now.toISOString();
  const openedBefore = new Date(now.getTime() - windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: at, count: 1 })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          count: sql<number>`case when rate_limits.window_start <= ${openedBefore} then 1 else rate_limits.count + 1 end`,
          window_start: sql<string>`case when rate_limits.window_start <= ${openedBefore} then ${at} else rate_limits.window_start end`,
        })
        .where((eb) =>
          eb.or([eb('rate_limits.window_start', '<=', openedBefore), eb('rate_limits.count', '<', max)]),
        ),
    )
    .returning(['count'])
    .executeTakeFirst();
  return row ? Number(row.count) : null;
}

/** Gives back an attempt taken with `reserve` that turned out not to count (a success). */
export async function release(db: Db, key: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ count: sql<number>`count - 1` })
    .where('key', '=', key)
    .where('count', '>', 0)
    .execute();
}

/** The count in the current window, and when that window ends; 0 when none is open. */
export async function peek(
  db: Db,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ count: number; resetsAt: Date | null }> {
  const row = await db.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return { count: 0, resetsAt: null };
  const ends = new Date(new Date(row.window_start).getTime() + windowMs);
  if (ends <= now) return { count: 0, resetsAt: null };
  return { count: Number(row.count), resetsAt: ends };
}

export async function clear(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Counters whose window opened at or before `openedBefore` (run out; a background job removes them). */
export async function deleteExpiredCounters(db: Db, openedBefore: string): Promise<number> {
  const r = await db.deleteFrom('rate_limits').where('window_start', '<=', openedBefore).executeTakeFirst();
  return Number(r.numDeletedRows);
}
