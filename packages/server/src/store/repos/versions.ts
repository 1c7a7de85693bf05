import type { Evaluation, Finding, ScoreResult } from '@jixiao/core';
import { isPostgres, readJson, readJsonOrNull } from '../dialect.ts';
import type { Db } from '../schema.ts';
import { findingRow, insertFindings } from './findings.ts';

export interface VersionMeta {
  version: number;
  total: string | null;
  grade: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: string;
}

export interface StoredVersion extends VersionMeta {
  document: Evaluation;
  score: ScoreResult | null;
}

/**
 * A version row's key: where it stands, not a random UUID, so a form's versions sit together
 * in the key's index and a save writes one page of it (see findingRow). Older rows keep UUIDs.
 */
export function versionRowId(evaluationId: string, version: number): string {
  return `${evaluationId}/${version}`;
}

/** A version to write, its document and score already serialised (a save answers with the same text). */
export interface NewVersion {
  id: string;
  evaluationId: string;
  version: number;
  documentJson: string;
  scoreJson: string | null;
  total: string | null;
  grade: string | null;
  createdBy: string;
  createdAt: string;
}

// well under PostgreSQL's 65,535 bound parameters per statement (11 per finding)
const FINDINGS_IN_ONE_STATEMENT = 2000;

/**
 * A version and its findings. On PostgreSQL one statement writes both (the findings' insert as a
 * CTE of the version's): each statement is a round trip, and a save makes several.
 */
export async function insertVersionWithFindings(
  db: Db,
  v: NewVersion,
  findings: readonly Finding[],
): Promise<void> {
  if (isPostgres(db) && findings.length > 0 && findings.length <= FINDINGS_IN_ONE_STATEMENT) {
    const rows = findings.map((f, position) => findingRow(v.evaluationId, v.version, position, f));
    await db
      .with('found', (d) => d.insertInto('findings').values(rows))
      .insertInto('evaluation_versions')
      .values(versionValues(v))
      .execute();
    return;
  }
  await db.insertInto('evaluation_versions').values(versionValues(v)).execute();
  await insertFindings(db, v.evaluationId, v.version, findings);
}

function versionValues(v: NewVersion) {
  return {
    id: v.id,
    evaluation_id: v.evaluationId,
    version: v.version,
    document: v.documentJson,
    score: v.scoreJson,
    total: v.total,
    grade: v.grade,
    created_by: v.createdBy,
    created_at: v.createdAt,
  };
}

export async function findVersion(
  db: Db,
  evaluationId: string,
  version: number,
): Promise<StoredVersion | undefined> {
  const row = await db
    .selectFrom('evaluation_versions as v')
    .innerJoin('users as u', 'u.id', 'v.created_by')
    .selectAll('v')
    .select('u.display_name as author')
    .where('v.evaluation_id', '=', evaluationId)
    .where('v.version', '=', version)
    .executeTakeFirst();
  return (
    row && {
      version: row.version,
      total: row.total,
      grade: row.grade,
      createdBy: row.created_by,
      createdByName: row.author,
      createdAt: row.created_at,
      document: readJson<Evaluation>(row.document),
      score: readJsonOrNull<ScoreResult>(row.score),
    }
  );
}

/**
 * A version's document alone, for the writes that compare with it or hold a form to it (the
 * audit diff of a save, approved targets): without the score and the author, which they do not
 * use and findVersion reads and parses.
 */
export async function findVersionDocument(
  db: Db,
  evaluationId: string,
  version: number,
): Promise<Evaluation | undefined> {
  const row = await db
    .selectFrom('evaluation_versions')
    .select('document')
    .where('evaluation_id', '=', evaluationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && readJson<Evaluation>(row.document);
}

/**
 * A version's document and score as stored (JSON text), for answers that pass them on without
 * looking inside: parsing and serialising 25 KB again was a fifth of reading a form.
 */
export async function findVersionJson(
  db: Db,
  evaluationId: string,
  version: number,
): Promise<{ document: string; score: string | null } | undefined> {
  return db
    .selectFrom('evaluation_versions')
    .select(['document', 'score'])
    .where('evaluation_id', '=', evaluationId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(db: Db, evaluationId: string): Promise<VersionMeta[]> {
  const rows = await db
    .selectFrom('evaluation_versions as v')
    .innerJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.total', 'v.grade', 'v.created_by', 'v.created_at', 'u.display_name as author'])
    .where('v.evaluation_id', '=', evaluationId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    total: r.total,
    grade: r.grade,
    createdBy: r.created_by,
    createdByName: r.author,
    createdAt: r.created_at,
  }));
}

/**
 * The current documents of the same unit's (and project's) self-evaluations of earlier years,
 * most recent first: the history the checks compare against.
 */
export async function historyDocuments(
  db: Db,
  q: { unitId: string; kind: string; project: string | null; year: number; excludeId: string },
): Promise<Evaluation[]> {
  let query = db
    .selectFrom('evaluations as e')
    .innerJoin('evaluation_versions as v', (j) =>
      j.onRef('v.evaluation_id', '=', 'e.id').onRef('v.version', '=', 'e.current_version'),
    )
    .select(['v.document', 'e.year'])
    .where('e.unit_id', '=', q.unitId)
    .where('e.stage', '=', 'self-evaluation')
    .where('e.kind', '=', q.kind as 'department' | 'project')
    .where('e.year', '<', q.year)
    .where('e.id', '!=', q.excludeId);
  query =
    q.project === null ? query.where('e.project', 'is', null) : query.where('e.project', '=', q.project);
  const rows = await query.orderBy('e.year', 'desc').limit(5).execute();
  return rows.map((r) => readJson<Evaluation>(r.document));
}
