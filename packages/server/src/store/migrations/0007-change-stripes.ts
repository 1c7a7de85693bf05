/**
 * For many writers (bench/profiling.md): the change counter (store/repos/changes.ts) becomes 16
 * rows; a write moves one of them on, a reader sums them. With one row, every audited write in
 * PostgreSQL held that row's lock from its audit event to its commit, so concurrent saves
 * committed one after another.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from '../dialect.ts';

export const CHANGE_STRIPES = 16;

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was, not the current DB type
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db
    .insertInto('change_counter')
    .values(Array.from({ length: CHANGE_STRIPES - 1 }, (_, i) => ({ id: i + 2, n: 0 })))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  // the sum stays what readers last saw: fold the stripes back into the one row
  const rows = (await db.selectFrom('change_counter').select(['id', 'n']).execute()) as {
    id: number;
    n: number | string;
  }[];
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  await db.deleteFrom('change_counter').where('id', '>', 1).execute();
  await db.updateTable('change_counter').set({ n: total }).where('id', '=', 1).execute();
}
