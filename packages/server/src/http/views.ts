/**
 * How records look in the API: camelCase, numbers as JSON numbers, no internals (password
 * hashes, session ids, attachment bytes).
 */
import { statusName } from '../domain.ts';
import type { EvaluationDetail, EvaluationDetailJson } from '../queries/evaluations.ts';
import type { Adjustment } from '../store/repos/adjustments.ts';
import type { AttachmentMeta } from '../store/repos/attachments.ts';
import type { AuditEvent } from '../store/repos/audit.ts';
import type { Comment } from '../store/repos/comments.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import type { Snapshot, SnapshotSummary } from '../store/repos/snapshots.ts';
import type { Unit } from '../store/repos/units.ts';
import type { User } from '../store/repos/users.ts';

function num(text: string | null): number | null {
  return text === null ? null : Number(text);
}

export function etagOf(version: number): string {
  return `"v${version}"`;
}

export function evaluationSummaryView(e: EvaluationRecord) {
  return {
    id: e.id,
    stage: e.stage,
    kind: e.kind,
    status: e.status,
    statusName: statusName(e.stage, e.status),
    unit: { id: e.unitId, name: e.unitName },
    year: e.year,
    project: e.project,
    profile: e.profile,
    version: e.version,
    targets: e.targetsId === null ? null : { id: e.targetsId, version: e.targetsVersion },
    approvedVersion: e.approvedVersion,
    // Inside the service the total is the verified one (computed, else reported): grades,
    // filters and the dashboard go by it; the form's own figure is beside it.
    total: num(e.total),
    totalReported: num(e.totalReported),
    totalComputed: num(e.totalComputed),
    grade: e.grade,
    executionRate: num(e.rate),
    errorCount: e.errorCount,
    warningCount: e.warningCount,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function detailHead(record: EvaluationRecord) {
  return {
    ...evaluationSummaryView(record),
    /** the self-evaluation was not made from approved targets (an import, for instance) */
    targetsApproved: record.stage === 'targets' ? record.status === 'approved' : record.targetsId !== null,
  };
}

function publishedView(snapshots: EvaluationDetail['snapshots']) {
  return snapshots.map((s) => ({ snapshotId: s.id, version: s.version, publishedAt: s.publishedAt }));
}

export function evaluationDetailView(d: EvaluationDetail) {
  return {
    ...detailHead(d.record),
    evaluation: d.document,
    score: d.score,
    findings: d.findings,
    published: publishedView(d.snapshots),
  };
}

/**
 * evaluationDetailView as JSON text, with the stored document and score spliced in as they are
 * (they are JSON already); the same fields in the same order.
 */
export function evaluationDetailJson(d: EvaluationDetailJson): string {
  const head = JSON.stringify(detailHead(d.record));
  return `${head.slice(0, -1)},"evaluation":${d.documentJson},"score":${d.scoreJson ?? 'null'},"findings":${JSON.stringify(d.findings)},"published":${JSON.stringify(publishedView(d.snapshots))}}`;
}

export function userView(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
  };
}

export function unitView(u: Unit) {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    parentId: u.parentId,
    regionId: u.regionId,
    createdAt: u.createdAt,
  };
}

export function commentView(c: Comment) {
  return {
    id: c.id,
    path: c.path,
    body: c.body,
    version: c.version,
    author: { id: c.authorId, name: c.authorName },
    createdAt: c.createdAt,
  };
}

export function attachmentView(a: AttachmentMeta) {
  return {
    id: a.id,
    filename: a.filename,
    mediaType: a.mediaType,
    size: a.size,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.uploadedAt,
    href: `/api/attachments/${a.id}`,
  };
}

export function auditView(e: AuditEvent) {
  return {
    id: e.id,
    at: e.at,
    actor: e.actorId === null ? null : { id: e.actorId, username: e.actorName },
    action: e.action,
    entity: { type: e.entityType, id: e.entityId },
    evaluationId: e.evaluationId,
    before: e.before,
    after: e.after,
  };
}

export function adjustmentView(a: Adjustment) {
  return {
    id: a.id,
    targetsId: a.targetsId,
    evaluationId: a.evaluationId,
    reason: a.reason,
    status: a.status,
    document: a.document,
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt,
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt,
    decisionNote: a.decisionNote,
  };
}

export function snapshotSummaryView(s: SnapshotSummary) {
  return {
    id: s.evaluationId,
    snapshotId: s.id,
    version: s.version,
    unitName: s.unitName,
    kind: s.kind,
    year: s.year,
    project: s.project,
    // The public reads what the unit published: the total its form reports, else the computed
    // one; Jixiao's computed total is beside it.
    total: num(s.totalReported ?? s.total),
    totalReported: num(s.totalReported),
    totalComputed: num(s.totalComputed),
    grade: s.grade,
    publishedAt: s.publishedAt,
  };
}

export function snapshotView(s: Snapshot) {
  return { ...snapshotSummaryView(s), evaluation: s.document, score: s.score, findings: s.findings };
}
