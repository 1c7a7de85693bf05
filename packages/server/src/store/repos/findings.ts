import type { Finding } from '@jixiao/core';
import type { Db, FindingsTable } from '../schema.ts';
import type { DashboardFilter } from './dashboard.ts';

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
  return rows.map((r) => ({
    code: r.code,
    severity: r.severity,
    class: r.class as Finding['class'],
    message: r.message,
    path: r.path,
    place: r.place,
    basis: r.basis,
  }));
}

/**
 * How often each rule fired on the current versions of the self-evaluations the dashboard
 * counts. The filter goes into the query (not a list of ids): a year of a province is tens of
 * thousands of evaluations, more than either backend binds as parameters.
 */
export async function countFindingsByCode(
  db: Db,
  filter: DashboardFilter,
): Promise<{ code: string; severity: string; count: number }[]> {
  if (filter.unitIds && filter.unitIds.length === 0) return [];
  let q = db
    .selectFrom('evaluations as e')
    .innerJoin('findings as f', (j) =>
      j.onRef('f.evaluation_id', '=', 'e.id').onRef('f.version', '=', 'e.current_version'),
    )
    .select(['f.code', 'f.severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('e.stage', '=', 'self-evaluation');
  if (filter.unitIds) q = q.where('e.unit_id', 'in', filter.unitIds);
  if (filter.year !== undefined) q = q.where('e.year', '=', filter.year);
  const rows = await q.groupBy(['f.code', 'f.severity']).execute();
  return rows
    .map((r) => ({ code: r.code, severity: r.severity, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
