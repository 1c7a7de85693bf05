/**
 * The typed database: one interface per table. Column types are what both backends give back
 * after dialect.ts has evened them out: JSON as text, timestamps as ISO text, ids as text.
 */
import type { Generated } from 'kysely';
import type { AdjustmentStatus, Role, Stage, Status, UnitKind } from '../domain.ts';

/** JSON text, decoded with readJson (dialect.ts). */
export type JsonText = string;
/** ISO 8601 text, `2024-06-10T08:00:00.000Z`. */
export type Timestamp = string;

export interface RegionsTable {
  id: string;
  name: string;
  /** the scoring profile this region's forms are scored by, unless a form names its own */
  profile_id: string;
  created_at: Timestamp;
}

/** Profiles a region adds as data; the built-in ones live in core. */
export interface ProfilesTable {
  id: string;
  name: string;
  data: JsonText;
  created_at: Timestamp;
}

export interface UnitsTable {
  id: string;
  name: string;
  kind: UnitKind;
  parent_id: string | null;
  region_id: string | null;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  /** `scrypt$N$r$p$salt$hash`, salt per user (auth/password.ts) */
  password_hash: string;
  role: Role;
  unit_id: string | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
}

export interface EvaluationsTable {
  id: string;
  stage: Stage;
  kind: 'department' | 'project';
  status: Status;
  unit_id: string;
  /**
   * the unit's name as it was when the form was made (migration 0008): lists sort by it from
   * their index, without joining the units. Units are never renamed; a command that renames
   * one must set this too.
   */
  unit_name: string;
  year: number | null;
  project: string | null;
  profile: string;
  current_version: number;
  /** self-evaluations: the approved targets they were created from (null when imported without) */
  targets_id: string | null;
  /** the version of those targets that is locked in */
  targets_version: number | null;
  /** targets stage: the version the reviewer approved */
  approved_version: number | null;
  /** denormalised from the current version, for lists, filters and the dashboard */
  total: string | null;
  /** the total the form reports, and the one computed by the formulas (migration 0003) */
  total_reported: string | null;
  total_computed: string | null;
  grade: string | null;
  rate: string | null;
  error_count: number;
  warning_count: number;
  /** the current version's findings by rule, JSON `{"code|severity": n}` (migration 0006) */
  finding_counts: JsonText | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EvaluationVersionsTable {
  id: string;
  evaluation_id: string;
  version: number;
  /** the canonical evaluation JSON as saved (after validation and normalisation) */
  document: JsonText;
  /** core's ScoreResult, null for targets */
  score: JsonText | null;
  total: string | null;
  grade: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface FindingsTable {
  id: string;
  evaluation_id: string;
  version: number;
  position: number;
  code: string;
  severity: 'error' | 'warning' | 'info';
  class: string;
  path: string;
  place: string;
  message: string;
  basis: string;
}

export interface CommentsTable {
  id: string;
  evaluation_id: string;
  /** the version the comment was written on */
  version: number;
  /** where in the document: `indicators[3].target`; '' for the whole form */
  path: string;
  body: string;
  author_id: string;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  evaluation_id: string;
  filename: string;
  media_type: string;
  size: number;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  /** kept beside the id so the trail reads well even if the account is later renamed */
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  /** the evaluation an event concerns, so its trail includes comments, attachments, adjustments */
  evaluation_id: string | null;
  before: JsonText | null;
  after: JsonText | null;
}

export interface SnapshotsTable {
  id: string;
  evaluation_id: string;
  version: number;
  document: JsonText;
  score: JsonText | null;
  findings: JsonText;
  unit_name: string;
  kind: 'department' | 'project';
  year: number | null;
  project: string | null;
  total: string | null;
  total_reported: string | null;
  total_computed: string | null;
  grade: string | null;
  published_by: string;
  published_at: Timestamp;
}

export interface TargetAdjustmentsTable {
  id: string;
  /** the targets (stage = targets) being adjusted */
  targets_id: string;
  /** the self-evaluation that asked, if any */
  evaluation_id: string | null;
  reason: string;
  /** the proposed targets: a canonical evaluation JSON */
  document: JsonText;
  status: AdjustmentStatus;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface SessionsTable {
  /** sha-256 of the cookie's token: a copy of the table does not give anyone a session */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export const JOB_STATUSES = ['pending', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A background job: recurring (every_ms set, id = its kind) or once (done or failed after). */
export interface JobsTable {
  id: string;
  kind: string;
  payload: JsonText | null;
  /** due from this time */
  run_at: Timestamp;
  every_ms: number | null;
  status: JobStatus;
  /** runs started since the last success */
  attempts: number;
  /** the server holding the lease, until locked_until; another may take it after */
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_error: string | null;
  last_result: JsonText | null;
  created_at: Timestamp;
}

/** A running server process; it renews alive_until while it runs and removes its row when it stops. */
export interface ServersTable {
  id: string;
  host: string;
  pid: number;
  started_at: Timestamp;
  seen_at: Timestamp;
  alive_until: Timestamp;
}

/** When a year's forms of a stage are due; primary key (year, stage). */
/** One row (id 1): how many audited writes there have been (store/repos/changes.ts). */
export interface ChangeCounterTable {
  id: number;
  n: number;
}

export interface DeadlinesTable {
  /** `${year}/${stage}` */
  id: string;
  year: number;
  stage: Stage;
  /** a calendar day, YYYY-MM-DD */
  due: string;
  note: string | null;
  updated_by: string;
  updated_at: Timestamp;
}

export interface DB {
  regions: RegionsTable;
  profiles: ProfilesTable;
  units: UnitsTable;
  users: UsersTable;
  evaluations: EvaluationsTable;
  evaluation_versions: EvaluationVersionsTable;
  findings: FindingsTable;
  comments: CommentsTable;
  attachments: AttachmentsTable;
  audit_events: AuditEventsTable;
  snapshots: SnapshotsTable;
  target_adjustments: TargetAdjustmentsTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  jobs: JobsTable;
  servers: ServersTable;
  deadlines: DeadlinesTable;
  change_counter: ChangeCounterTable;
}

/** A database or a transaction on it: repositories take either. */
export type Db = import('kysely').Kysely<DB>;
