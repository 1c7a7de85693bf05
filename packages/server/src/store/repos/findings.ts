import type { Finding } from '@jixiao/core';
import { sql } from 'kysely';
import { isPostgres } from '../dialect.ts';
import type { Db, FindingsTable } from '../schema.ts';
import type { DashboardFilter } from './dashboard.ts';

/**
 * The findings counted by rule and severity, JSON `{"code|severity": n}`: kept on the evaluation
 * row with its summary, so the dashboard sums short texts instead of joining a year's forms into
 * the findings table (bench/profiling.md).
 */
export function findingCounts(findings: readonly Finding[]): string {
  const counts: Record<string, number> = {};
  for (const f of findings) {
    const key = `${f.code}|${f.severity}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return JSON.stringify(counts);
}

/**
 * A finding's row. Its key is where it stands (evaluation/version/position), not a random
 * UUID: a version's findings then sit side by side in the key's index, and a save touches one
 * page of it instead of one random page per finding (inserting findings was half of a save at
 * 1.5 million findings; bench/profiling.md). Rows written before keep their UUIDs.
 */
export function findingRow(
  evaluationId: string,
  version: number,
  position: number,
  f: Finding,
): FindingsTable {
  return {
    id: `${evaluationId}/${version}/${position}`,
    evaluation_id: evaluationId,
    version,
    position,
    code: f.code,
    severity: f.severity,
    class: f.class,
    path: f.path,
    place: f.place,
    message: f.message,
    basis: f.basis,
  };
}

export async function insertFindings(
  db: Db,
  evaluationId: string,
  version: number,
  findings: readonly Finding[],
): Promise<void> {
  if (findings.length === 0) return;
  const rows = findings.map((f, position) => findingRow(evaluationId, version, position, f));
  // Chunks keep each statement under SQLite's limit on bound parameters.
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('findings')
      .values(rows.slice(i, i + 50))
      .execute();
  }
}

export async function listFindings(db: Db, evaluationId: string, version: number): Promise<Finding[]> {
  const rows = await db
    .selectFrom('findings')
    .selectAll()
    .where('evaluation_id', '=', evaluationId)
    .where('version', '=', version)
    .orderBy('position')
    .execute();
  return rows.map(storedFinding);
}

/**
 * A finding as it reads back from its row: these fields in this order, nothing else. A save
 * answers with the findings it has just written through this, so its answer is the one a
 * later read makes.
 */
export function storedFinding(r: Pick<FindingsTable, keyof Finding>): Finding {
  return {
    code: r.code,
    severity: r.severity,
    class: r.class as Finding['class'],
    message: r.message,
    path: r.path,
    place: r.place,
    basis: r.basis,
  };
}

/**
 * How often each rule fired on the current versions of the self-evaluations the dashboard
 * counts: the counts each evaluation row keeps (finding_counts, written with its summary),
 * summed. Joining a year of a province into the findings table cost 350 ms at 19,400 forms
 * (bench/profiling.md); the filter goes into the query, not a list of ids.
 */
export async function countFindingsByCode(
  db: Db,
  filter: DashboardFilter,
): Promise<{ code: string; severity: string; count: number }[]> {
  if (filter.unitIds && filter.unitIds.length === 0) return [];
  // Summed by the database, each row's JSON taken apart there: parsing 20,000 rows' counts in
  // JavaScript was 55 ms of a dashboard at 100,000 evaluations, 35 ms on PostgreSQL this way and
  // 48 ms on SQLite (bench/profiling.md, seventh pass).
  const pg = isPostgres(db);
  const each = pg ? sql`json_each_text(e.finding_counts::json)` : sql`json_each(e.finding_counts)`;
  let q = db
    .selectFrom(['evaluations as e', each.as('j')])
    .select([
      sql<string>`j.key`.as('key'),
      (pg ? sql<number | string>`sum(j.value::integer)` : sql<number | string>`sum(j.value)`).as('n'),
    ])
    .where('e.stage', '=', 'self-evaluation')
    .where('e.finding_counts', 'is not', null);
  if (filter.unitIds) q = q.where('e.unit_id', 'in', filter.unitIds);
  if (filter.year !== undefined) q = q.where('e.year', '=', filter.year);
  // one row a key, `code|severity`
  return (await q.groupBy(sql`j.key`).execute())
    .map((r) => {
      const cut = r.key.lastIndexOf('|');
      return { code: r.key.slice(0, cut), severity: r.key.slice(cut + 1), count: Number(r.n) };
    })
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
