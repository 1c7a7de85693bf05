import { type Expression, type ExpressionBuilder, type InsertObject, type SqlBool, sql } from 'kysely';
import type { Stage, Status } from '../../domain.ts';
import { type Batched, batchPerTurn } from '../batch.ts';
import { runCompiled } from '../compiled.ts';
import { isPostgres } from '../dialect.ts';
import type { DB, Db, EvaluationsTable } from '../schema.ts';
import { liveSessionOf, SESSION_USER_COLUMNS, type Session, type SessionUserRow } from './sessions.ts';
import type { User } from './users.ts';

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
  /** computed, else reported: what grades and the dashboard go by */
  total: string | null;
  /** the total printed on the form */
  totalReported: string | null;
  /** the total by core's formulas */
  totalComputed: string | null;
  grade: string | null;
  rate: string | null;
  errorCount: number;
  warningCount: number;
  /** the current version's findings counted by rule: JSON `{"code|severity": n}` (findingCounts) */
  findingCounts: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The summary of the current version kept on the evaluation row. */
export interface VersionSummary {
  total: string | null;
  totalReported: string | null;
  totalComputed: string | null;
  grade: string | null;
  rate: string | null;
  errorCount: number;
  warningCount: number;
  findingCounts: string | null;
}

/** The fields of the document the evaluation row repeats, for lists and filters. */
export interface DocumentHeader {
  kind: 'department' | 'project';
  year: number | null;
  project: string | null;
}

function toRecord(row: EvaluationsTable): EvaluationRecord {
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
    totalReported: row.total_reported,
    totalComputed: row.total_computed,
    grade: row.grade,
    rate: row.rate,
    errorCount: row.error_count,
    warningCount: row.warning_count,
    findingCounts: row.finding_counts,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectEvaluations(db: Db) {
  return db.selectFrom('evaluations').selectAll('evaluations');
}

/**
 * The row to insert for an evaluation record (one mapping, for single and bulk inserts); the
 * unit's name is read from the units by the insert itself.
 */
export function evaluationRow(
  db: Db,
  e: Omit<EvaluationRecord, 'unitName'>,
): InsertObject<DB, 'evaluations'> {
  return {
    id: e.id,
    stage: e.stage,
    kind: e.kind,
    status: e.status,
    unit_id: e.unitId,
    unit_name: db.selectFrom('units').select('units.name').where('units.id', '=', e.unitId),
    year: e.year,
    project: e.project,
    profile: e.profile,
    current_version: e.version,
    targets_id: e.targetsId,
    targets_version: e.targetsVersion,
    approved_version: e.approvedVersion,
    ...summaryColumns(e),
    created_by: e.createdBy,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

export async function insertEvaluation(db: Db, e: Omit<EvaluationRecord, 'unitName'>): Promise<void> {
  await db.insertInto('evaluations').values(evaluationRow(db, e)).execute();
}

export async function findEvaluation(db: Db, id: string): Promise<EvaluationRecord | undefined> {
  // every request that names a form asks this: compiled once (store/compiled.ts)
  const [row] = await runCompiled(
    db,
    'findEvaluation',
    (d, id) => selectEvaluations(d).where('evaluations.id', '=', id),
    [id],
  );
  return row && toRecord(row);
}

/**
 * The form with its current version's document as stored, in one query: a save compares the
 * new document with it (the audit's changes), and on PostgreSQL each query is a round trip.
 */
export async function findEvaluationWithDocument(
  db: Db,
  id: string,
): Promise<{ record: EvaluationRecord; documentJson: string | null } | undefined> {
  const [row] = await runCompiled(
    db,
    'findEvaluationWithDocument',
    (d, id) =>
      selectEvaluations(d)
        .leftJoin('evaluation_versions as v', (j) =>
          j
            .onRef('v.evaluation_id', '=', 'evaluations.id')
            .onRef('v.version', '=', 'evaluations.current_version'),
        )
        .select('v.document as current_document')
        .where('evaluations.id', '=', id),
    [id],
  );
  return row && { record: toRecord(row), documentJson: row.current_document };
}

type SessionAndEvaluation = { session: Session; user: User; evaluation: EvaluationRecord | null } | undefined;

/**
 * The session, its user and the form a request names, in one query: reading a form is the
 * request made most, and on PostgreSQL each query is a round trip; there the lookups of one turn
 * of the event loop also share one query (store/batch.ts). `evaluation` is null when there is no
 * such form; the whole answer is undefined when the session is not live.
 */
export async function findSessionAndEvaluation(
  db: Db,
  sessionId: string,
  now: string,
  evaluationId: string,
): Promise<SessionAndEvaluation> {
  // a transaction's queries must stay on its connection
  if (isPostgres(db) && !db.isTransaction) return lookupsOf(db)({ sessionId, now, evaluationId });
  const [row] = await runCompiled(
    db,
    'findSessionAndEvaluation',
    (d, evaluationId, sessionId, now) =>
      d
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .leftJoin('evaluations', (j) => j.on('evaluations.id', '=', evaluationId))
        .select(SESSION_USER_COLUMNS)
        .selectAll('evaluations')
        .where('sessions.id', '=', sessionId)
        .where('sessions.expires_at', '>', now),
    [evaluationId, sessionId, now],
  );
  return row && sessionAndEvaluationOf(row);
}

/** A row of the session lookups: the form's columns are null where the left join found none. */
type SessionEvaluationRow = SessionUserRow & { [C in keyof EvaluationsTable]: EvaluationsTable[C] | null };

function sessionAndEvaluationOf(row: SessionEvaluationRow): SessionAndEvaluation {
  const live = liveSessionOf(row);
  if (!live) return undefined;
  // the left join found the form when its id is there; then every column is as findEvaluation's
  return { ...live, evaluation: row.id === null ? null : toRecord(row as EvaluationsTable) };
}

interface Lookup {
  sessionId: string;
  now: string;
  evaluationId: string;
}

const BATCH_LOOKUPS = 200;
const lookups = new WeakMap<Db, Batched<Lookup, SessionAndEvaluation>>();

function lookupsOf(db: Db): Batched<Lookup, SessionAndEvaluation> {
  let batched = lookups.get(db);
  if (!batched) {
    batched = batchPerTurn((keys) => findSessionsAndEvaluations(db, keys), BATCH_LOOKUPS);
    lookups.set(db, batched);
  }
  return batched;
}

/**
 * Several lookups in one PostgreSQL query of a fixed shape (prepared once per connection): the
 * pairs go in as two arrays, and each row comes back with its pair's place. Expiry is judged by
 * the latest `now` of the batch, at most a turn of the event loop later than the earliest.
 */
async function findSessionsAndEvaluations(db: Db, keys: readonly Lookup[]): Promise<SessionAndEvaluation[]> {
  let now = '';
  for (const k of keys) if (k.now > now) now = k.now;
  const rows = await runCompiled(
    db,
    'findSessionsAndEvaluations',
    (d, sessionIds, evaluationIds, now) =>
      d
        .selectFrom(
          sql<{
            session_id: string;
            evaluation_id: string;
            place: number;
          }>`(select * from unnest(${sessionIds}::text[], ${evaluationIds}::text[]) with ordinality as u(session_id, evaluation_id, place))`.as(
            'asked',
          ),
        )
        .innerJoin('sessions', 'sessions.id', 'asked.session_id')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .leftJoin('evaluations', 'evaluations.id', 'asked.evaluation_id')
        .select(SESSION_USER_COLUMNS)
        .selectAll('evaluations')
        .select('asked.place')
        .where('sessions.expires_at', '>', now),
    [keys.map((k) => k.sessionId), keys.map((k) => k.evaluationId), now],
  );
  const out: SessionAndEvaluation[] = keys.map(() => undefined);
  for (const row of rows) out[Number(row.place) - 1] = sessionAndEvaluationOf(row);
  return out;
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
  /** only drafts sent back with comments (a return event exists) and not resubmitted yet */
  returned?: boolean;
  /** only targets with a target adjustment waiting for the reviewer */
  pendingAdjustment?: boolean;
}

/**
 * The filter as one condition on the evaluations table alone (the unit's name is on its row),
 * so counting and choosing a page need no join: at 100,000 forms the join tripled the count.
 */
function filterCondition(filter: EvaluationFilter) {
  return (eb: ExpressionBuilder<DB, 'evaluations'>) => {
    const all: Expression<SqlBool>[] = [];
    if (filter.unitIds) all.push(eb('evaluations.unit_id', 'in', filter.unitIds));
    if (filter.unitId) all.push(eb('evaluations.unit_id', '=', filter.unitId));
    if (filter.year !== undefined) all.push(eb('evaluations.year', '=', filter.year));
    if (filter.kind) all.push(eb('evaluations.kind', '=', filter.kind));
    if (filter.stage) all.push(eb('evaluations.stage', '=', filter.stage));
    if (filter.status) all.push(eb('evaluations.status', '=', filter.status));
    if (filter.grade) all.push(eb('evaluations.grade', '=', filter.grade));
    if (filter.hasErrors === true) all.push(eb('evaluations.error_count', '>', 0));
    if (filter.hasErrors === false) all.push(eb('evaluations.error_count', '=', 0));
    if (filter.text) {
      const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      all.push(
        eb.or([
          eb('evaluations.project', 'like', eb.val(like)),
          eb('evaluations.unit_name', 'like', eb.val(like)),
        ]),
      );
    }
    if (filter.returned === true) {
      all.push(eb('evaluations.status', '=', 'draft'));
      all.push(
        eb.exists(
          eb
            .selectFrom('audit_events')
            .select('audit_events.id')
            .whereRef('audit_events.evaluation_id', '=', 'evaluations.id')
            .where('audit_events.action', '=', 'evaluation.return'),
        ),
      );
    }
    if (filter.pendingAdjustment === true) {
      all.push(
        eb.exists(
          eb
            .selectFrom('target_adjustments')
            .select('target_adjustments.id')
            .whereRef('target_adjustments.targets_id', '=', 'evaluations.id')
            .where('target_adjustments.status', '=', 'pending'),
        ),
      );
    }
    return eb.and(all);
  };
}

export async function listEvaluations(
  db: Db,
  filter: EvaluationFilter,
  page: { limit: number; offset: number },
): Promise<{ items: EvaluationRecord[]; total: number }> {
  if (filter.unitIds && filter.unitIds.length === 0) return { items: [], total: 0 };
  const where = filterCondition(filter);
  const count = await db
    .selectFrom('evaluations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  // The page's ids first, sorting only the sort keys; then the whole rows of those 20. Sorting
  // whole rows cost twice as much with thousands of matches (bench/profiling.md).
  const ids = db
    .selectFrom('evaluations')
    .select('evaluations.id')
    .where(where)
    .orderBy('evaluations.year', 'desc')
    .orderBy('evaluations.unit_name')
    .orderBy('evaluations.project')
    .orderBy('evaluations.id')
    .limit(page.limit)
    .offset(page.offset);
  const rows = await selectEvaluations(db)
    .where('evaluations.id', 'in', ids)
    .orderBy('evaluations.year', 'desc')
    .orderBy('evaluations.unit_name')
    .orderBy('evaluations.project')
    .orderBy('evaluations.id')
    .execute();
  return { items: rows.map(toRecord), total: Number(count.n) };
}

/**
 * Moves the evaluation to the next version only if it is still at `expected`'s version and
 * status: the guard that makes concurrent writes safe (the loser updates no row and is told of
 * the conflict). The status is part of it because a transition (submitting, returning) leaves the
 * version as it is: on PostgreSQL a save that read a draft before a submission committed would
 * otherwise land on the submitted form. With
 * `summary` the row gets the new version's summary in the same statement; otherwise setSummary
 * follows once the new version is assessed. Of `header`, only what differs from `current` is
 * written: a column set, even to its own value, has its index entries rewritten in SQLite.
 */
export async function advanceVersion(
  db: Db,
  id: string,
  expected: Pick<EvaluationRecord, 'version' | 'status'>,
  at: string,
  changes: { header?: DocumentHeader; current?: DocumentHeader; summary?: VersionSummary } = {},
): Promise<boolean> {
  const { header, current, summary } = changes;
  const r = await db
    .updateTable('evaluations')
    .set({
      ...(header && header.kind !== current?.kind ? { kind: header.kind } : {}),
      ...(header && header.year !== current?.year ? { year: header.year } : {}),
      ...(header && header.project !== current?.project ? { project: header.project } : {}),
      ...(summary ? summaryColumns(summary) : {}),
      current_version: expected.version + 1,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('current_version', '=', expected.version)
    .where('status', '=', expected.status)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function summaryColumns(summary: VersionSummary) {
  return {
    total: summary.total,
    total_reported: summary.totalReported,
    total_computed: summary.totalComputed,
    grade: summary.grade,
    rate: summary.rate,
    error_count: summary.errorCount,
    warning_count: summary.warningCount,
    finding_counts: summary.findingCounts,
  };
}

/** Records the summary of the version the row points at. */
export async function setSummary(db: Db, id: string, summary: VersionSummary): Promise<void> {
  await db.updateTable('evaluations').set(summaryColumns(summary)).where('id', '=', id).execute();
}

/**
 * Changes the status only if the row is still at `from`'s status and version; false when someone
 * else moved it first. The version is part of the guard so that what is submitted (or approved,
 * returned, …) is the version the actor saw and the audit trail records: on PostgreSQL a save
 * could otherwise commit between the reading and the change.
 */
export async function changeStatus(
  db: Db,
  id: string,
  from: Pick<EvaluationRecord, 'status' | 'version'>,
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
    .where('status', '=', from.status)
    .where('current_version', '=', from.version)
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

/**
 * What still points at the evaluation from outside its own rows: a public snapshot, a target
 * adjustment, or a self-evaluation built on it (as targets). Such a form is part of the record.
 */
export async function evaluationReferences(
  db: Db,
  id: string,
): Promise<{ snapshots: number; adjustments: number; dependents: number }> {
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>): Promise<number> =>
    Number((await q)?.n ?? 0);
  return {
    snapshots: await count(
      db
        .selectFrom('snapshots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('evaluation_id', '=', id)
        .executeTakeFirst(),
    ),
    adjustments: await count(
      db
        .selectFrom('target_adjustments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => eb.or([eb('targets_id', '=', id), eb('evaluation_id', '=', id)]))
        .executeTakeFirst(),
    ),
    dependents: await count(
      db
        .selectFrom('evaluations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('targets_id', '=', id)
        .executeTakeFirst(),
    ),
  };
}

/**
 * Removes the evaluation and everything that belongs only to it (versions, findings, comments,
 * attachments), if it is still in `status` at `version`; false when someone changed it first.
 * The guard runs first so the row is locked before anything is removed. The audit trail keeps
 * its events: they name the form by id and outlive it.
 */
export async function deleteEvaluationRows(
  db: Db,
  id: string,
  expected: { status: Status; version: number },
): Promise<boolean> {
  const guard = await db
    .updateTable('evaluations')
    .set({ status: expected.status })
    .where('id', '=', id)
    .where('status', '=', expected.status)
    .where('current_version', '=', expected.version)
    .executeTakeFirst();
  if (Number(guard.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('findings').where('evaluation_id', '=', id).execute();
  await db.deleteFrom('comments').where('evaluation_id', '=', id).execute();
  await db.deleteFrom('attachments').where('evaluation_id', '=', id).execute();
  await db.deleteFrom('evaluation_versions').where('evaluation_id', '=', id).execute();
  await db.deleteFrom('evaluations').where('id', '=', id).execute();
  return true;
}
