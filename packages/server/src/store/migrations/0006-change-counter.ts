/**
 * A one-row counter that every audited write moves on (store/repos/changes.ts), so the server
 * can keep expensive read results (the dashboard) until something changes, across processes.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was, not the current DB type
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('change_counter').values({ id: 1, n: 0 }).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('change_counter').execute();
}
