import { isPostgres, nowIso, readJsonOrNull, writeJson } from '../dialect.ts';
import type { Db } from '../schema.ts';
import { bumpChanges, bumpQuery } from './changes.ts';

export interface AuditEvent {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  evaluationId: string | null;
  before: unknown;
  after: unknown;
}

export interface NewAuditEvent {
  actor: { id: string; username: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  evaluationId?: string | null;
  before?: unknown;
  after?: unknown;
  at?: string;
}

export async function recordEvent(db: Db, e: NewAuditEvent): Promise<void> {
  const row = {
    at: e.at ?? nowIso(),
    actor_id: e.actor?.id ?? null,
    actor_name: e.actor?.username ?? null,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    evaluation_id: e.evaluationId ?? null,
    before: e.before === undefined || e.before === null ? null : writeJson(e.before),
    after: e.after === undefined || e.after === null ? null : writeJson(e.after),
  };
  // In the same transaction as the change the event records: readers see both or neither. On
  // PostgreSQL the counter's update rides in the insert's statement, a round trip fewer.
  if (isPostgres(db)) {
    await db
      .with('bumped', (d) => bumpQuery(d))
      .insertInto('audit_events')
      .values(row)
      .execute();
    return;
  }
  await db.insertInto('audit_events').values(row).execute();
  await bumpChanges(db);
}

export interface AuditFilter {
  evaluationId?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** newest first when 'desc' (what an administrator looks at first); default in order */
  order?: 'asc' | 'desc';
}

/** Events in the order they happened. */
export async function listEvents(
  db: Db,
  filter: AuditFilter,
  page: { limit: number; offset: number } = { limit: 1000, offset: 0 },
): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (filter.evaluationId) q = q.where('evaluation_id', '=', filter.evaluationId);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.action) q = q.where('action', '=', filter.action);
  const rows = await q
    .orderBy('id', filter.order ?? 'asc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    evaluationId: r.evaluation_id,
    before: readJsonOrNull(r.before),
    after: readJsonOrNull(r.after),
  }));
}
