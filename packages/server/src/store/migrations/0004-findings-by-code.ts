/**
 * The dashboard counts the findings of a year's current versions by rule (countFindingsByCode):
 * with the code and severity in the index, that count reads the index alone instead of every
 * finding row with its message and basis texts (docs/benchmarks.md, "Profiling"). The old
 * (evaluation_id, version) index is a prefix of the new one and goes.
 */
import type { Kysely } from 'kysely';
import type { MigrationContext } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was, not the current DB type
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createIndex('findings_version_code')
    .on('findings')
    .columns(['evaluation_id', 'version', 'code', 'severity'])
    .execute();
  await db.schema.dropIndex('findings_evaluation_version').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createIndex('findings_evaluation_version')
    .on('findings')
    .columns(['evaluation_id', 'version'])
    .execute();
  await db.schema.dropIndex('findings_version_code').execute();
}
