/**
 * Deadlines per year and stage, set by the finance bureau (reviewer or admin) as data rather
 * than written into the code: the dates change every year and differ between regions.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was, not the current DB type
export async function up(db: Kysely<any>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('deadlines')
    // "2024/self-evaluation": one key column, so backups page through the table like any other
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    // a calendar day (YYYY-MM-DD), not a moment: "due 31 March" means the whole day
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('deadlines_year_stage', ['year', 'stage'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('deadlines').execute();
}
