/**
 * Saving a version: validate, score and check it, and write the version with its findings.
 * Used by every command that changes a document, inside that command's transaction.
 */
import { type Evaluation, type Finding, type Profile, type ScoreResult, validate } from '@jixiao/core';
import { refuse } from '../commands/problem.ts';
import type { Stage } from '../domain.ts';
import { writeJson } from '../store/dialect.ts';
import type { EvaluationRecord, VersionSummary } from '../store/repos/evaluations.ts';
import {
  findVersionDocument,
  historyDocuments,
  insertVersionWithFindings,
  versionRowId,
} from '../store/repos/versions.ts';
import type { Db } from '../store/schema.ts';
import { type Assessment, assess, findProfile } from './assess.ts';

/** The canonical document, or a refusal listing what is wrong and where. */
export function validDocument(json: unknown): Evaluation {
  const r = validate(json);
  if (r.ok) return r.evaluation;
  const first = r.errors[0];
  const more = r.errors.length > 1 ? `（共 ${r.errors.length} 处错误）` : '';
  return refuse('invalid', 'invalid-document', `${first?.message ?? '自评表数据无效。'}${more}`, {
    path: first?.path ?? '',
    details: { errors: r.errors },
  });
}

export async function profileOrRefuse(db: Db, id: string): Promise<Profile> {
  const profile = await findProfile(db, id);
  if (!profile) {
    refuse('invalid', 'unknown-profile', `未知的评分规则“${id}”，请选择已有的评分规则。`, {
      path: 'profile',
    });
  }
  return profile;
}

/** The approved targets a self-evaluation is locked to, or null when it has none. */
export async function lockedTargets(
  db: Db,
  e: { targetsId: string | null; targetsVersion: number | null },
): Promise<Evaluation | null> {
  if (e.targetsId === null || e.targetsVersion === null) return null;
  return (await findVersionDocument(db, e.targetsId, e.targetsVersion)) ?? null;
}

export interface WrittenVersion {
  version: number;
  score: ScoreResult | null;
  findings: Finding[];
  summary: VersionSummary;
  /** the document and score as stored */
  documentJson: string;
  scoreJson: string | null;
}

interface VersionOwner {
  id: string;
  stage: Stage;
  unitId: string;
  kind: string;
  project: string | null;
  year: number | null;
  profile: string;
}

/** Scores and checks the document and writes it as `version` of the evaluation. */
export async function writeVersion(
  db: Db,
  e: VersionOwner,
  document: Evaluation,
  version: number,
  targets: Evaluation | null,
  by: string,
  at: string,
): Promise<WrittenVersion> {
  const a = await assessVersion(db, e, document, targets);
  return storeVersion(db, e.id, document, version, a, by, at);
}

/**
 * Scores and checks the document as a version of the evaluation (against its profile, its
 * earlier years and its approved targets), writing nothing.
 */
export async function assessVersion(
  db: Db,
  e: VersionOwner,
  document: Evaluation,
  targets: Evaluation | null,
): Promise<Assessment> {
  const profile = await profileOrRefuse(db, e.profile);
  const history =
    e.stage === 'self-evaluation' && document.year !== null
      ? await historyDocuments(db, {
          unitId: e.unitId,
          kind: document.kind,
          project: document.project,
          year: document.year,
          excludeId: e.id,
        })
      : [];
  return assess(document, profile, { stage: e.stage, history, targets });
}

/** Writes an assessed document as `version` of the evaluation, with its findings. */
export async function storeVersion(
  db: Db,
  evaluationId: string,
  document: Evaluation,
  version: number,
  a: Assessment,
  by: string,
  at: string,
): Promise<WrittenVersion> {
  const documentJson = writeJson(document);
  const scoreJson = a.score === null ? null : writeJson(a.score);
  await insertVersionWithFindings(
    db,
    {
      id: versionRowId(evaluationId, version),
      evaluationId,
      version,
      documentJson,
      scoreJson,
      total: a.summary.total,
      grade: a.summary.grade,
      createdBy: by,
      createdAt: at,
    },
    a.findings,
  );
  return { version, score: a.score, findings: a.findings, summary: a.summary, documentJson, scoreJson };
}

/** What an audit event records of an evaluation's state. */
export function auditState(e: Pick<EvaluationRecord, 'status' | 'version'>, summary?: VersionSummary) {
  return {
    status: e.status,
    version: e.version,
    ...(summary ? { total: summary.total, grade: summary.grade, errors: summary.errorCount } : {}),
  };
}
