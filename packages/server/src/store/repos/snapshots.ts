import type { Evaluation, Finding, ScoreResult } from '@jixiao/core';
import { readJson, readJsonOrNull, writeJson } from '../dialect.ts';
import type { Db, SnapshotsTable } from '../schema.ts';

/** What the public sees: a frozen copy of an evaluation as it was published. */
export interface Snapshot {
  id: string;
  evaluationId: string;
  version: number;
  document: Evaluation;
  score: ScoreResult | null;
  findings: Finding[];
  unitName: string;
  kind: 'department' | 'project';
  year: number | null;
  project: string | null;
  /** computed, else reported (as on the evaluation row when it was published) */
  total: string | null;
  /** the total printed on the published form */
  totalReported: string | null;
  totalComputed: string | null;
  grade: string | null;
  publishedBy: string;
  publishedAt: string;
}

export type SnapshotSummary = Omit<Snapshot, 'document' | 'score' | 'findings'>;

function toSummary(r: Omit<SnapshotsTable, 'document' | 'score' | 'findings'>): SnapshotSummary {
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    version: r.version,
    unitName: r.unit_name,
    kind: r.kind,
    year: r.year,
    project: r.project,
    total: r.total,
    totalReported: r.total_reported,
    totalComputed: r.total_computed,
    grade: r.grade,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
  };
}

export async function insertSnapshot(db: Db, s: Snapshot): Promise<void> {
  await db
    .insertInto('snapshots')
    .values({
      id: s.id,
      evaluation_id: s.evaluationId,
      version: s.version,
      document: writeJson(s.document),
      score: s.score === null ? null : writeJson(s.score),
      findings: writeJson(s.findings),
      unit_name: s.unitName,
      kind: s.kind,
      year: s.year,
      project: s.project,
      total: s.total,
      total_reported: s.totalReported,
      total_computed: s.totalComputed,
      grade: s.grade,
      published_by: s.publishedBy,
      published_at: s.publishedAt,
    })
    .execute();
}

const SUMMARY = [
  's.id',
  's.evaluation_id',
  's.version',
  's.unit_name',
  's.kind',
  's.year',
  's.project',
  's.total',
  's.total_reported',
  's.total_computed',
  's.grade',
  's.published_by',
  's.published_at',
] as const;

/** Only the latest snapshot of each evaluation is current; older ones stay for the record. */
function latestOnly(db: Db) {
  return db.selectFrom('snapshots as s').where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom('snapshots as later')
          .select('later.id')
          .whereRef('later.evaluation_id', '=', 's.evaluation_id')
          .where((eb) =>
            eb.or([
              eb('later.published_at', '>', eb.ref('s.published_at')),
              eb.and([
                eb('later.published_at', '=', eb.ref('s.published_at')),
                eb('later.id', '>', eb.ref('s.id')),
              ]),
            ]),
          ),
      ),
    ),
  );
}

export async function latestSnapshot(db: Db, evaluationId: string): Promise<Snapshot | undefined> {
  const row = await latestOnly(db)
    .selectAll('s')
    .where('s.evaluation_id', '=', evaluationId)
    .executeTakeFirst();
  return (
    row && {
      ...toSummary(row),
      document: readJson<Evaluation>(row.document),
      score: readJsonOrNull<ScoreResult>(row.score),
      findings: readJson<Finding[]>(row.findings),
    }
  );
}

export async function listSnapshots(db: Db, evaluationId: string): Promise<SnapshotSummary[]> {
  const rows = await db
    .selectFrom('snapshots as s')
    .select(SUMMARY)
    .where('s.evaluation_id', '=', evaluationId)
    .orderBy('s.published_at')
    .execute();
  return rows.map(toSummary);
}

export async function listPublished(
  db: Db,
  filter: { year?: number; unitName?: string; kind?: 'department' | 'project' },
  page: { limit: number; offset: number },
): Promise<{ items: SnapshotSummary[]; total: number }> {
  let q = latestOnly(db);
  if (filter.year !== undefined) q = q.where('s.year', '=', filter.year);
  if (filter.unitName) q = q.where('s.unit_name', '=', filter.unitName);
  if (filter.kind) q = q.where('s.kind', '=', filter.kind);
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(SUMMARY)
    .orderBy('s.year', 'desc')
    .orderBy('s.unit_name')
    .orderBy('s.project')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { items: rows.map(toSummary), total: Number(count.n) };
}
