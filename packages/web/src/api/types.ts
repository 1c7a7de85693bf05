/**
 * The shapes the API answers with (docs/api.md). The evaluation document, scores and findings
 * are core's own types, so the pages and the server agree by construction.
 */
import type { Evaluation, EvaluationInput, Finding, ScoreResult } from '@jixiao/core';

export type Role = 'admin' | 'reviewer' | 'approver' | 'filler';
export type Stage = 'targets' | 'self-evaluation';
export type Status = 'draft' | 'declared' | 'submitted' | 'approved' | 'accepted' | 'published';

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  unitId: string | null;
}

export interface Unit {
  id: string;
  name: string;
  kind: 'department' | 'unit';
  parentId: string | null;
  regionId: string | null;
  createdAt: string;
}

export interface Me {
  user: User;
  unit: Unit | null;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface EvaluationSummary {
  id: string;
  stage: Stage;
  kind: 'department' | 'project';
  status: Status;
  statusName: string;
  unit: { id: string; name: string };
  year: number;
  project: string | null;
  profile: string;
  version: number;
  targets: { id: string; version: number | null } | null;
  approvedVersion: number | null;
  /** the computed total */
  total: number | null;
  /** what the form itself reports (may be absent on older servers) */
  totalReported?: number | null;
  /** Jixiao's total by the profile's formulas (may be absent on older servers) */
  totalComputed?: number | null;
  grade: string | null;
  executionRate: number | null;
  errorCount: number;
  warningCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface EvaluationDetail extends EvaluationSummary {
  targetsApproved: boolean;
  evaluation: EvaluationInput;
  score: ScoreResult;
  findings: Finding[];
  published: { snapshotId: string; version: number; publishedAt: string }[];
}

export interface VersionSummary {
  version: number;
  total: number | null;
  grade: string | null;
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
}

export interface Change {
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface Comment {
  id: string;
  path: string | null;
  body: string;
  version: number;
  author: { id: string; name: string };
  createdAt: string;
}

export interface Diff {
  from: number;
  to: number;
  changes: Change[];
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: { id: string; username: string | null } | null;
  action: string;
  entity: { type: string; id: string | null };
  evaluationId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface Attachment {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  href: string;
}

export interface Adjustment {
  id: string;
  targetsId: string;
  evaluationId: string | null;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  document: unknown;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** A published snapshot in the public list (`total` is what the form reports, else computed). */
export interface PublicSummary {
  id: string;
  snapshotId: string;
  version: number;
  unitName: string;
  kind: 'department' | 'project';
  year: number | null;
  project: string | null;
  total: number | null;
  totalReported: number | null;
  totalComputed: number | null;
  grade: string | null;
  publishedAt: string;
}

export interface PublicDetail extends PublicSummary {
  evaluation: EvaluationInput;
  score: ScoreResult | null;
  findings?: Finding[];
}

export interface ImportProblem {
  code: string;
  message: string;
  where?: string;
  path?: string;
}

export type ImportedForm =
  | {
      ok: true;
      id: string;
      status: Status;
      unit: { id: string; name: string };
      kind: 'department' | 'project';
      year: number | null;
      project: string | null;
      profile: string;
      total: number | null;
      grade: string | null;
      errorCount: number;
      warningCount: number;
      targetsApproved: boolean;
      import: {
        layout: string;
        repairs: { kind: string; where: string; before: string | null; after: string | null }[];
        warnings: { code?: string; where: string; message: string }[];
      };
      findings: Finding[];
    }
  | { ok: false; error: ImportProblem };

export interface ImportReport {
  created: number;
  files: { file: string; size: number; forms: ImportedForm[]; error?: ImportProblem }[];
}

/** A region and the scoring profile its units' forms are scored by (GET /api/regions). */
export interface Region {
  id: string;
  name: string;
  profileId: string;
  createdAt: string;
}

/** An account as the administrator sees it (GET /api/users); never the password. */
export interface UserAccount extends User {
  disabled: boolean;
  createdAt: string;
}

export interface DashboardBucket {
  label: string;
  min: number | null;
  max: number | null;
  count: number;
}

/** One unit's standing in a dashboard (GET /api/dashboard, `units`). */
export interface DashboardUnit {
  unitId: string;
  unitName: string;
  count: number;
  byStatus: Partial<Record<Status, number>>;
  averageTotal: number | null;
  errors: number;
  warnings: number;
}

/**
 * GET /api/dashboard?year=Y[&unitsPage=P&unitsPageSize=N&unitIds=a,b] (docs/api.md "Dashboard").
 * Every figure counts all forms in scope, except `units`: one page of the units with forms,
 * by name (code-point order), or only the units asked for by `unitIds`.
 */
export interface Dashboard {
  year: number | null;
  total: number;
  byStatus: Record<Status, number>;
  byGrade: Record<string, number>;
  scores: DashboardBucket[];
  executionRates: DashboardBucket[];
  findingsByRule: { code: string; severity: 'error' | 'warning' | 'info'; count: number }[];
  /** errors and warnings of every counted form */
  errors: number;
  warnings: number;
  /** how many units have counted forms (all pages) */
  unitsTotal: number;
  /** the page of `units`, from 1 */
  unitsPage: number;
  unitsPageSize: number;
  units: DashboardUnit[];
}

/**
 * One form of the stats scatter: id, unit name, project (null for a department form), total,
 * execution rate (a fraction, 1 = 100%) and grade, as the list reports them.
 */
export type DashboardPoint = [
  id: string,
  unitName: string,
  project: string | null,
  total: number,
  executionRate: number,
  grade: string | null,
];

/**
 * GET /api/dashboard/points?year=Y (docs/api.md "Dashboard"): the year's self-evaluations with
 * both a total and a rate, in the list's order; `unplaced` forms lack either, `count` is all.
 */
export interface DashboardPoints {
  year: number | null;
  count: number;
  unplaced: number;
  points: DashboardPoint[];
}

export type { Evaluation, EvaluationInput, Finding, ScoreResult };

/** A deadline the finance bureau set for a year's forms of a stage (GET /api/deadlines). */
export interface Deadline {
  year: number;
  stage: Stage;
  /** a calendar day, YYYY-MM-DD; forms may still be submitted on it */
  due: string;
  note: string | null;
  updatedBy: string;
  updatedAt: string;
}
