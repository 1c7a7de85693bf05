/**
 * The list sorts by the unit's name (then project): with the name only in `units`, a page of a
 * year's forms joined every match to its unit to sort them, 2.1 of the list's 2.8 ms at 4,000
 * matches (bench/profiling.md), and SQLite would not read the name from an index without
 * statistics. The name now stands on the evaluation row, as it already does on a published
 * snapshot, and the list's index holds it in the sort's place, with the unit for the unit
 * filters.
 */
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was, not the current DB type
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('evaluations').addColumn('unit_name', 'text').execute();
  await sql`update evaluations set unit_name = (select u.name from units u where u.id = evaluations.unit_id)`.execute(
    db,
  );
  await db.schema.dropIndex('evaluations_list').execute();
  await db.schema
    .createIndex('evaluations_list')
    .on('evaluations')
    .columns(['year', 'status', 'kind', 'stage', 'unit_name', 'project', 'id', 'unit_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropIndex('evaluations_list').execute();
  await db.schema
    .createIndex('evaluations_list')
    .on('evaluations')
    .columns(['year', 'status', 'kind', 'stage', 'unit_id', 'project', 'id'])
    .execute();
  await db.schema.alterTable('evaluations').dropColumn('unit_name').execute();
}
