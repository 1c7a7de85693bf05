/**
 * Loading many evaluations at once (benchmarks, migrations from another system): the rows
 * each one needs (the evaluation, its current version, that version's findings) written with
 * multi-row inserts in one transaction per call. The caller has scored and checked every
 * document already; nothing here decides anything, so it is no way around the commands for
 * user input.
 */
import type { Finding } from '@jixiao/core';
import type { InsertObject } from 'kysely';
import type { DB, Db, EvaluationVersionsTable, FindingsTable } from '../schema.ts';
import { type EvaluationRecord, evaluationRow } from './evaluations.ts';
import { findingCounts, findingRow } from './findings.ts';
import type { Unit } from './units.ts';
import { versionRowId } from './versions.ts';

export interface BulkEvaluation {
  evaluation: Omit<EvaluationRecord, 'unitName'>;
  /** the current version's canonical document and ScoreResult, already as stored (writeJson) */
  documentJson: string;
  scoreJson: string | null;
  findings: readonly Finding[];
}

// Rows per statement: SQLite binds at most 32,766 parameters, PostgreSQL 65,535; the widest
// table here has 20 columns.
const ROWS_PER_STATEMENT = 500;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await insert(rows.slice(i, i + ROWS_PER_STATEMENT));
}

/** Inserts the units; all or nothing. */
export async function insertUnitsBulk(db: Db, units: readonly Unit[]): Promise<void> {
  const rows = units.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    parent_id: u.parentId,
    region_id: u.regionId,
    created_at: u.createdAt,
  }));
  await db
    .transaction()
    .execute((trx) => insertChunked(rows, (chunk) => trx.insertInto('units').values(chunk).execute()));
}

/** Inserts the evaluations, their current versions and findings; all or nothing. */
export async function insertEvaluationsBulk(db: Db, items: readonly BulkEvaluation[]): Promise<void> {
  const evaluations: InsertObject<DB, 'evaluations'>[] = [];
  const versions: EvaluationVersionsTable[] = [];
  const findings: FindingsTable[] = [];
  for (const { evaluation: e, documentJson, scoreJson, findings: fs } of items) {
    // the counts by rule from the findings given, so the two cannot disagree
    evaluations.push({ ...evaluationRow(db, e), finding_counts: findingCounts(fs) });
    versions.push({
      id: versionRowId(e.id, e.version),
      evaluation_id: e.id,
      version: e.version,
      document: documentJson,
      score: scoreJson,
      total: e.total,
      grade: e.grade,
      created_by: e.createdBy,
      created_at: e.updatedAt,
    });
    fs.forEach((f, position) => {
      findings.push(findingRow(e.id, e.version, position, f));
    });
  }
  await db.transaction().execute(async (trx) => {
    await insertChunked(evaluations, (chunk) => trx.insertInto('evaluations').values(chunk).execute());
    await insertChunked(versions, (chunk) => trx.insertInto('evaluation_versions').values(chunk).execute());
    await insertChunked(findings, (chunk) => trx.insertInto('findings').values(chunk).execute());
  });
}
