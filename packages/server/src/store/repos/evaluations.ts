import type { Stage, Status } from '../../domain.ts';
import type { Db, EvaluationsTable } from '../schema.ts';

export interface EvaluationRecord {
  id: string;
  stage: Stage;
  kind: 'department' | 'project';
  status: Status;
  unitId: string;
  unitName: string;
  year: number | null;
  project: string | null;
  profile: string;
  version: number;
  targetsId: string | null;
  targetsVersion: number | null;
  approvedVersion: number | null;
  total: string | null;
  grade: string | null;
  rate: string | null;
  errorCount: number;
  warningCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The summary of the current version kept on the evaluation row. */
export interface VersionSummary {
  total: string | null;
  grade: string | null;
  rate: string | null;
  errorCount: number;
  warningCount: number;
}

/** The fields of the document the evaluation row repeats, for lists and filters. */
export interface DocumentHeader {
  kind: 'department' | 'project';
  year: number | null;
  project: string | null;
}

type Row = EvaluationsTable & { unit_name: string };

function toRecord(row: Row): EvaluationRecord {
  return {
    id: row.id,
    stage: row.stage,
    kind: row.kind,
    status: row.status,
    unitId: row.unit_id,
    unitName: row.unit_name,
    year: row.year,
    project: row.project,
    profile: row.profile,
    version: row.current_version,
    targetsId: row.targets_id,
    targetsVersion: row.targets_version,
    approvedVersion: row.approved_version,
    total: row.total,
    grade: row.grade,
    rate: row.rate,
    errorCount: row.error_count,
    warningCount: row.warning_count,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectEvaluations(db: Db) {
  return db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .selectAll('evaluations')
    .select('units.name as unit_name');
}

export async function insertEvaluation(db: Db, e: Omit<EvaluationRecord, 'unitName'>): Promise<void> {
  await db
    .insertInto('evaluations')
    .values({
      id: e.id,
      stage: e.stage,
      kind: e.kind,
      status: e.status,
      unit_id: e.unitId,
      year: e.year,
      project: e.project,
      profile: e.profile,
      current_version: e.version,
      targets_id: e.targetsId,
      targets_version: e.targetsVersion,
      approved_version: e.approvedVersion,
      total: e.total,
      grade: e.grade,
      rate: e.rate,
      error_count: e.errorCount,
      warning_count: e.warningCount,
      created_by: e.createdBy,
      created_at: e.createdAt,
      updated_at: e.updatedAt,
    })
    .execute();
}

export async function findEvaluation(db: Db, id: string): Promise<EvaluationRecord | undefined> {
  const row = await selectEvaluations(db).where('evaluations.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

export interface EvaluationFilter {
  /** only these units (a unit's people); undefined = all */
  unitIds?: readonly string[];
  unitId?: string;
  year?: number;
  kind?: 'department' | 'project';
  stage?: Stage;
  status?: Status;
  grade?: string;
  hasErrors?: boolean;
  /** matches the project or unit name */
  text?: string;
}

export async function listEvaluations(
  db: Db,
  filter: EvaluationFilter,
  page: { limit: number; offset: number },
): Promise<{ items: EvaluationRecord[]; total: number }> {
  if (filter.unitIds && filter.unitIds.length === 0) return { items: [], total: 0 };
  let q = selectEvaluations(db);
  if (filter.unitIds) q = q.where('evaluations.unit_id', 'in', filter.unitIds);
  if (filter.unitId) q = q.where('evaluations.unit_id', '=', filter.unitId);
  if (filter.year !== undefined) q = q.where('evaluations.year', '=', filter.year);
  if (filter.kind) q = q.where('evaluations.kind', '=', filter.kind);
  if (filter.stage) q = q.where('evaluations.stage', '=', filter.stage);
  if (filter.status) q = q.where('evaluations.status', '=', filter.status);
  if (filter.grade) q = q.where('evaluations.grade', '=', filter.grade);
  if (filter.hasErrors === true) q = q.where('evaluations.error_count', '>', 0);
  if (filter.hasErrors === false) q = q.where('evaluations.error_count', '=', 0);
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('evaluations.project', 'like', eb.val(like)), eb('units.name', 'like', eb.val(like))]),
    );
  }
  const count = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy('evaluations.year', 'desc')
    .orderBy('units.name')
    .orderBy('evaluations.project')
    .orderBy('evaluations.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: rows.map(toRecord), total: Number(count.n) };
}

/**
 * Moves the evaluation to the next version only if it is still at `expected`: the guard that
 * makes concurrent saves safe (the loser updates no row and is told of the conflict). The
 * summary follows with setSummary once the new version is assessed.
 */
export async function advanceVersion(
  db: Db,
  id: string,
  expected: number,
  at: string,
  header?: DocumentHeader,
): Promise<boolean> {
  const r = await db
    .updateTable('evaluations')
    .set({
      ...(header ? { kind: header.kind, year: header.year, project: header.project } : {}),
      current_version: expected + 1,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('current_version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records the summary of the version the row points at. */
export async function setSummary(db: Db, id: string, summary: VersionSummary): Promise<void> {
  await db
    .updateTable('evaluations')
    .set({
      total: summary.total,
      grade: summary.grade,
      rate: summary.rate,
      error_count: summary.errorCount,
      warning_count: summary.warningCount,
    })
    .where('id', '=', id)
    .execute();
}

/** Changes the status only if it is still `from`; false when someone else moved it first. */
export async function changeStatus(
  db: Db,
  id: string,
  from: Status,
  to: Status,
  at: string,
  extra: { approvedVersion?: number } = {},
): Promise<boolean> {
  const r = await db
    .updateTable('evaluations')
    .set({
      status: to,
      updated_at: at,
      ...(extra.approvedVersion !== undefined ? { approved_version: extra.approvedVersion } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setApprovedVersion(db: Db, id: string, version: number, at: string): Promise<void> {
  await db
    .updateTable('evaluations')
    .set({ approved_version: version, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function setTargetsVersion(db: Db, id: string, version: number, at: string): Promise<void> {
  await db
    .updateTable('evaluations')
    .set({ targets_version: version, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Self-evaluations locked to the given targets. */
export async function listFromTargets(db: Db, targetsId: string): Promise<EvaluationRecord[]> {
  const rows = await selectEvaluations(db).where('evaluations.targets_id', '=', targetsId).execute();
  return rows.map(toRecord);
}

/** Current-version summaries for the dashboard, scoped like listEvaluations. */
export async function listForDashboard(
  db: Db,
  filter: { unitIds?: readonly string[]; year?: number },
): Promise<EvaluationRecord[]> {
  if (filter.unitIds && filter.unitIds.length === 0) return [];
  let q = selectEvaluations(db).where('evaluations.stage', '=', 'self-evaluation');
  if (filter.unitIds) q = q.where('evaluations.unit_id', 'in', filter.unitIds);
  if (filter.year !== undefined) q = q.where('evaluations.year', '=', filter.year);
  return (await q.orderBy('units.name').execute()).map(toRecord);
}
