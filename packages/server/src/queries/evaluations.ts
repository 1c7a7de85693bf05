/**
 * Reading forms: what each actor may see, as the API shows it. Writes are commands; these only
 * read, through the same policies.
 */
import type { Evaluation, Finding, ScoreResult } from '@jixiao/core';
import { evaluationFor } from '../commands/common.ts';
import { refuse } from '../commands/problem.ts';
import type { Actor } from '../domain.ts';
import { type Change, diffDocuments } from '../evaluations/diff.ts';
import { evaluationScope } from '../policies/evaluations.ts';
import { readJson, readJsonOrNull } from '../store/dialect.ts';
import { type Adjustment, listAdjustments } from '../store/repos/adjustments.ts';
import { type AttachmentMeta, findAttachment, listAttachments } from '../store/repos/attachments.ts';
import { type AuditEvent, listEvents } from '../store/repos/audit.ts';
import { type Comment, listComments } from '../store/repos/comments.ts';
import { type EvaluationFilter, type EvaluationRecord, listEvaluations } from '../store/repos/evaluations.ts';
import { listFindings } from '../store/repos/findings.ts';
import { listSnapshots, type SnapshotSummary } from '../store/repos/snapshots.ts';
import {
  findVersion,
  findVersionJson,
  listVersions,
  type StoredVersion,
  type VersionMeta,
} from '../store/repos/versions.ts';
import type { Db } from '../store/schema.ts';

export interface EvaluationDetail {
  record: EvaluationRecord;
  document: Evaluation;
  score: ScoreResult | null;
  findings: Finding[];
  snapshots: SnapshotSummary[];
}

export async function evaluationDetail(db: Db, actor: Actor | null, id: string): Promise<EvaluationDetail> {
  return detailOf(db, await evaluationFor(db, actor, id, 'read'));
}

/** The detail with the document and score as stored JSON text (see findVersionJson). */
export interface EvaluationDetailJson {
  record: EvaluationRecord;
  documentJson: string;
  scoreJson: string | null;
  findings: Finding[];
  snapshots: SnapshotSummary[];
}

/** The detail of a record the caller may read (checked by the caller), its JSON left as stored. */
export async function detailJsonOf(db: Db, record: EvaluationRecord): Promise<EvaluationDetailJson> {
  const v = await findVersionJson(db, record.id, record.version);
  if (!v) throw new Error(`version ${record.version} of ${record.id} is missing`);
  return {
    record,
    documentJson: v.document,
    scoreJson: v.score,
    findings: await listFindings(db, record.id, record.version),
    snapshots: await listSnapshots(db, record.id),
  };
}

/** The detail of a record the caller may read (checked by the caller). */
export async function detailOf(db: Db, record: EvaluationRecord): Promise<EvaluationDetail> {
  const d = await detailJsonOf(db, record);
  return {
    record,
    document: readJson<Evaluation>(d.documentJson),
    score: readJsonOrNull<ScoreResult>(d.scoreJson),
    findings: d.findings,
    snapshots: d.snapshots,
  };
}

export async function evaluationList(
  db: Db,
  actor: Actor | null,
  filter: Omit<EvaluationFilter, 'unitIds'>,
  page: { limit: number; offset: number },
): Promise<{ items: EvaluationRecord[]; total: number }> {
  return listEvaluations(db, { ...filter, ...evaluationScope(actor) }, page);
}

export async function versionList(db: Db, actor: Actor | null, id: string): Promise<VersionMeta[]> {
  await evaluationFor(db, actor, id, 'read');
  return listVersions(db, id);
}

export async function versionDetail(
  db: Db,
  actor: Actor | null,
  id: string,
  version: number,
): Promise<StoredVersion & { findings: Finding[] }> {
  await evaluationFor(db, actor, id, 'read');
  const v = await findVersion(db, id, version);
  if (!v) refuse('not-found', 'version-not-found', `该自评表没有第 ${version} 版。`);
  return { ...v, findings: await listFindings(db, id, version) };
}

export async function versionDiff(
  db: Db,
  actor: Actor | null,
  id: string,
  from: number,
  to: number,
): Promise<{ from: number; to: number; changes: Change[] }> {
  await evaluationFor(db, actor, id, 'read');
  const [a, b] = await Promise.all([findVersion(db, id, from), findVersion(db, id, to)]);
  if (!a) refuse('not-found', 'version-not-found', `该自评表没有第 ${from} 版。`, { path: 'from' });
  if (!b) refuse('not-found', 'version-not-found', `该自评表没有第 ${to} 版。`, { path: 'to' });
  return { from, to, changes: diffDocuments(a.document, b.document) };
}

export async function evaluationAudit(db: Db, actor: Actor | null, id: string): Promise<AuditEvent[]> {
  await evaluationFor(db, actor, id, 'read');
  return listEvents(db, { evaluationId: id });
}

export async function evaluationComments(db: Db, actor: Actor | null, id: string): Promise<Comment[]> {
  await evaluationFor(db, actor, id, 'read');
  return listComments(db, id);
}

export async function evaluationAttachments(
  db: Db,
  actor: Actor | null,
  id: string,
): Promise<AttachmentMeta[]> {
  await evaluationFor(db, actor, id, 'read');
  return listAttachments(db, id);
}

export async function attachmentContent(
  db: Db,
  actor: Actor | null,
  attachmentId: string,
): Promise<AttachmentMeta & { content: Buffer }> {
  const a = await findAttachment(db, attachmentId);
  if (!a) {
    if (actor === null) refuse('unauthenticated', 'unauthenticated', '请先登录。');
    refuse('not-found', 'not-found', '附件不存在，或您无权查看。');
  }
  await evaluationFor(db, actor, a.evaluationId, 'read');
  return a;
}

export async function evaluationAdjustments(db: Db, actor: Actor | null, id: string): Promise<Adjustment[]> {
  await evaluationFor(db, actor, id, 'read');
  return listAdjustments(db, id);
}
