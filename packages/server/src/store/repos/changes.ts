/**
 * A counter every audited write moves on (recordEvent, inside the writer's transaction), so a
 * reader can tell in one indexed lookup whether anything changed since it last computed
 * something expensive (queries/cache.ts). A counter row, not max(audit id): PostgreSQL hands
 * out sequence values before commit, so a later id can become visible before an earlier one,
 * while this row is updated under its lock and becomes visible only with its transaction.
 */
import type { Db } from '../schema.ts';

export async function bumpChanges(db: Db): Promise<void> {
  await db
    .updateTable('change_counter')
    .set((eb) => ({ n: eb('n', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

export async function currentChanges(db: Db): Promise<number> {
  const r = await db.selectFrom('change_counter').select('n').where('id', '=', 1).executeTakeFirst();
  return Number(r?.n ?? 0);
}
