import type { Finding } from '@jixiao/core';
import { newId } from '../../ids.ts';
import type { Db } from '../schema.ts';

export async function insertFindings(
  db: Db,
  evaluationId: string,
  version: number,
  findings: readonly Finding[],
): Promise<void> {
  if (findings.length === 0) return;
  const rows = findings.map((f, position) => ({
    id: newId(),
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
  }));
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

/** How often each rule fired on the current versions of the given evaluations. */
export async function countFindingsByCode(
  db: Db,
  evaluationIds: readonly string[],
): Promise<{ code: string; severity: string; count: number }[]> {
  if (evaluationIds.length === 0) return [];
  const rows = await db
    .selectFrom('findings as f')
    .innerJoin('evaluations as e', (j) =>
      j.onRef('e.id', '=', 'f.evaluation_id').onRef('e.current_version', '=', 'f.version'),
    )
    .select(['f.code', 'f.severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('f.evaluation_id', 'in', evaluationIds)
    .groupBy(['f.code', 'f.severity'])
    .execute();
  return rows
    .map((r) => ({ code: r.code, severity: r.severity, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
