/**
 * A counter every audited write moves on (recordEvent, inside the writer's transaction), so a
 * reader can tell in one indexed read whether anything changed since it last computed
 * something expensive (queries/cache.ts). Counter rows, not max(audit id): PostgreSQL hands
 * out sequence values before commit, so a later id can become visible before an earlier one,
 * while these rows are updated under their locks and become visible only with their
 * transaction.
 *
 * The counter is the sum of CHANGE_STRIPES rows and a write moves one of them, chosen at
 * random: a write holds its row's lock until it commits, and with one row concurrent writers
 * in PostgreSQL committed one at a time (migration 0007). Each committed write adds one to the
 * sum, so the same sum read twice means nothing was committed in between.
 */

import type { QueryCreator } from 'kysely';
import { CHANGE_STRIPES } from '../migrations/0007-change-stripes.ts';
import type { DB, Db } from '../schema.ts';

export async function bumpChanges(db: Db): Promise<void> {
  await bumpQuery(db).execute();
}

/**
 * The update bumpChanges runs, for a writer on PostgreSQL to send as a CTE of its own statement
 * (one round trip instead of two; SQLite has no updates inside WITH).
 */
export function bumpQuery(db: QueryCreator<DB>) {
  return db
    .updateTable('change_counter')
    .set((eb) => ({ n: eb('n', '+', 1) }))
    .where('id', '=', 1 + Math.floor(Math.random() * CHANGE_STRIPES));
}

export async function currentChanges(db: Db): Promise<number> {
  const r = await db
    .selectFrom('change_counter')
    .select((eb) => eb.fn.sum<number | string>('n').as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
