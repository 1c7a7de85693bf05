/**
 * For reading at scale (bench/profiling.md):
 * - a one-row counter that every audited write moves on (store/repos/changes.ts), so the server
 *   can keep expensive read results (the dashboard) until something changes, across processes;
 * - an index that answers the list's usual filters (year, status, kind, stage) and holds the
 *   columns its page is sorted by, so counting and choosing a page read the index alone;
 * - each evaluation's current findings counted by rule on its row (`finding_counts`, JSON
 *   `{"code|severity": n}`), filled in here from the findings table, so the dashboard need not
 *   join a year's forms into the findings.
 */
import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../dialect.ts';

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema as it was, not the current DB type
export async function up(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
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

  await db.schema.alterTable('evaluations').addColumn('finding_counts', 'text').execute();
  // the same text assess() writes: a JSON object, '{}' for a version without findings
  const counts =
    dialect === 'postgres'
      ? sql`select coalesce(json_object_agg(c.k, c.n)::text, '{}') from (select f.code || '|' || f.severity as k, count(*) as n from findings f where f.evaluation_id = evaluations.id and f.version = evaluations.current_version group by f.code, f.severity) c`
      : sql`select coalesce(json_group_object(c.k, c.n), '{}') from (select f.code || '|' || f.severity as k, count(*) as n from findings f where f.evaluation_id = evaluations.id and f.version = evaluations.current_version group by f.code, f.severity) c`;
  await sql`update evaluations set finding_counts = (${counts})`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('evaluations').dropColumn('finding_counts').execute();
  await db.schema
    .createIndex('evaluations_year_status')
    .on('evaluations')
    .columns(['year', 'status'])
    .execute();
  await db.schema.dropIndex('evaluations_list').execute();
  await db.schema.dropTable('change_counter').execute();
}
