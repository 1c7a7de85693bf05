/**
 * For reading at scale (bench/profiling.md):
 * - a one-row counter that every audited write moves on (store/repos/changes.ts), so the server
 *   can keep expensive read results (the dashboard) until something changes, across processes;
 * - an index that answers the list's usual filters (year, status, kind, stage) and holds the
 *   columns its page is sorted by, so counting and choosing a page read the index alone.
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
  await db.schema
    .createIndex('evaluations_list')
    .on('evaluations')
    .columns(['year', 'status', 'kind', 'stage', 'unit_id', 'project', 'id'])
    .execute();
  // its first two columns: the new index serves every query the old one did
  await db.schema.dropIndex('evaluations_year_status').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createIndex('evaluations_year_status')
    .on('evaluations')
    .columns(['year', 'status'])
    .execute();
  await db.schema.dropIndex('evaluations_list').execute();
  await db.schema.dropTable('change_counter').execute();
}
