import { sql } from 'kysely';
import type { Db } from '../schema.ts';

/**
 * Counts one attempt under `key` in a fixed window and returns the count so far. The
 * upsert is one statement, so servers sharing the database count together and never lose a hit.
 */
export async function hit(db: Db, key: string, now: Date, windowMs: number): Promise<number> {
  const at = now.toISOString();
  const windowOpenedAfter = new Date(now.getTime() - windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: at, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // A window that has run out starts again at this attempt.
        count: sql<number>`case when rate_limits.window_start <= ${windowOpenedAfter} then 1 else rate_limits.count + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start <= ${windowOpenedAfter} then ${at} else rate_limits.window_start end`,
      }),
    )
    .returning(['count'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
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
