import type { Evaluation } from '@jixiao/core';
import type { AdjustmentStatus } from '../../domain.ts';
import { readJson, writeJson } from '../dialect.ts';
import type { Db, TargetAdjustmentsTable } from '../schema.ts';

/** A request to change approved targets (目标调整), with its reason and the reviewer's decision. */
export interface Adjustment {
  id: string;
  targetsId: string;
  evaluationId: string | null;
  reason: string;
  document: Evaluation;
  status: AdjustmentStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

function toAdjustment(r: TargetAdjustmentsTable): Adjustment {
  return {
    id: r.id,
    targetsId: r.targets_id,
    evaluationId: r.evaluation_id,
    reason: r.reason,
    document: readJson<Evaluation>(r.document),
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
  };
}

export async function insertAdjustment(db: Db, a: Adjustment): Promise<void> {
  await db
    .insertInto('target_adjustments')
    .values({
      id: a.id,
      targets_id: a.targetsId,
      evaluation_id: a.evaluationId,
      reason: a.reason,
      document: writeJson(a.document),
      status: a.status,
      requested_by: a.requestedBy,
      requested_at: a.requestedAt,
      decided_by: a.decidedBy,
      decided_at: a.decidedAt,
      decision_note: a.decisionNote,
    })
    .execute();
}

export async function findAdjustment(db: Db, id: string): Promise<Adjustment | undefined> {
  const row = await db.selectFrom('target_adjustments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAdjustment(row);
}

/** Adjustments of the given targets, or asked for by the given self-evaluation. */
export async function listAdjustments(db: Db, evaluationId: string): Promise<Adjustment[]> {
  const rows = await db
    .selectFrom('target_adjustments')
    .selectAll()
    .where((eb) => eb.or([eb('targets_id', '=', evaluationId), eb('evaluation_id', '=', evaluationId)]))
    .orderBy('requested_at')
    .execute();
  return rows.map(toAdjustment);
}

export async function hasPendingAdjustment(db: Db, targetsId: string): Promise<boolean> {
  const row = await db
    .selectFrom('target_adjustments')
    .select('id')
    .where('targets_id', '=', targetsId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the decision only if the request is still pending. */
export async function decideAdjustment(
  db: Db,
  id: string,
  d: { status: 'approved' | 'rejected'; by: string; at: string; note: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('target_adjustments')
    .set({ status: d.status, decided_by: d.by, decided_at: d.at, decision_note: d.note })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
