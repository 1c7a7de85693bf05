/**
 * The reviewer approves a target adjustment: the targets get a new approved version, and each
 * self-evaluation made from them takes the new targets (keeping what the unit filled in) and is
 * locked to them from then on. Every change is recorded.
 */
import type { Actor } from '../domain.ts';
import { changeMaps, diffDocuments } from '../evaluations/diff.ts';
import { writeVersion } from '../evaluations/persist.ts';
import { applyTargets } from '../evaluations/targets.ts';
import { decideAdjustment } from '../policies/adjustments.ts';
import { canSeeEvaluation } from '../policies/evaluations.ts';
import { nowIso } from '../store/dialect.ts';
import {
  type Adjustment,
  findAdjustment,
  decideAdjustment as recordDecision,
} from '../store/repos/adjustments.ts';
import { recordEvent } from '../store/repos/audit.ts';
import {
  advanceVersion,
  type EvaluationRecord,
  findEvaluation,
  listFromTargets,
  setApprovedVersion,
  setSummary,
  setTargetsVersion,
} from '../store/repos/evaluations.ts';
import { findVersion } from '../store/repos/versions.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction } from './common.ts';
import { enforce, refuse } from './problem.ts';

export interface DecideAdjustmentInput {
  id: string;
  note?: string | null;
}

/** The adjustment and its targets, if the actor may decide it. */
export async function adjustmentToDecide(
  db: Db,
  actor: Actor | null,
  id: string,
): Promise<{ adjustment: Adjustment; targets: EvaluationRecord }> {
  const adjustment = await findAdjustment(db, id);
  const targets = adjustment ? await findEvaluation(db, adjustment.targetsId) : undefined;
  if (!adjustment || !targets) {
    if (actor === null) refuse('unauthenticated', 'unauthenticated', '请先登录。');
    refuse('not-found', 'not-found', '目标调整申请不存在，或您无权查看。');
  }
  const d = decideAdjustment(actor, adjustment.status, canSeeEvaluation(actor, targets));
  if (!d.allowed) enforce(d);
  return { adjustment, targets };
}

export function decisionNote(note: unknown): string | null {
  if (typeof note !== 'string' || note.trim() === '') return null;
  if (note.length > 2000) refuse('invalid', 'too-long', '审核意见不能超过 2000 个字符。', { path: 'note' });
  return note.trim();
}

export async function approveAdjustment(
  db: Db,
  actor: Actor | null,
  input: DecideAdjustmentInput,
): Promise<Adjustment> {
  const note = decisionNote(input.note);
  return inTransaction(db, async (trx) => {
    const { adjustment, targets } = await adjustmentToDecide(trx, actor, input.id);
    const forms = await listFromTargets(trx, targets.id);
    const busy = forms.find((f) => f.status !== 'draft');
    if (busy) {
      refuse(
        'state',
        'evaluation-not-draft',
        `依据这些目标建立的自评表当前不是草稿状态，请先将其退回为草稿，再批准目标调整。`,
        { details: { evaluationId: busy.id, status: busy.status } },
      );
    }
    const at = nowIso();
    if (!(await recordDecision(trx, adjustment.id, { status: 'approved', by: actor?.id ?? '', at, note }))) {
      refuse('conflict', 'status-changed', '该目标调整申请刚刚已被审核，请刷新后查看。');
    }
    const approved = await findVersion(trx, targets.id, targets.approvedVersion ?? targets.version);
    if (!approved) throw new Error(`approved version of ${targets.id} is missing`);
    const newTargets = applyTargets(approved.document, adjustment.document);
    const targetsVersion = await saveAsNextVersion(trx, actor, targets, newTargets, null, at, adjustment.id);
    await setApprovedVersion(trx, targets.id, targetsVersion, at);

    for (const form of forms) {
      const current = await findVersion(trx, form.id, form.version);
      if (!current) throw new Error(`version ${form.version} of ${form.id} is missing`);
      await saveAsNextVersion(
        trx,
        actor,
        form,
        applyTargets(current.document, newTargets),
        newTargets,
        at,
        adjustment.id,
      );
      await setTargetsVersion(trx, form.id, targetsVersion, at);
    }

    await recordEvent(trx, {
      actor,
      action: 'adjustment.approve',
      entityType: 'adjustment',
      entityId: adjustment.id,
      evaluationId: adjustment.evaluationId ?? targets.id,
      before: { status: 'pending', approvedVersion: targets.approvedVersion },
      after: { status: 'approved', approvedVersion: targetsVersion, note },
      at,
    });
    const decided = await findAdjustment(trx, adjustment.id);
    if (!decided) throw new Error('adjustment vanished inside its own transaction');
    return decided;
  });
}

async function saveAsNextVersion(
  trx: Db,
  actor: Actor | null,
  e: EvaluationRecord,
  document: Parameters<typeof writeVersion>[2],
  targets: Parameters<typeof writeVersion>[4],
  at: string,
  adjustmentId: string,
): Promise<number> {
  const previous = await findVersion(trx, e.id, e.version);
  if (!(await advanceVersion(trx, e.id, e, at))) {
    refuse('conflict', 'stale-version', '自评表刚刚被他人修改，请刷新后重试。');
  }
  const next = e.version + 1;
  const written = await writeVersion(trx, e, document, next, targets, actor?.id ?? '', at);
  await setSummary(trx, e.id, written.summary);
  const changes = changeMaps(diffDocuments(previous?.document ?? null, document));
  await recordEvent(trx, {
    actor,
    action: 'evaluation.save',
    entityType: 'evaluation',
    entityId: e.id,
    evaluationId: e.id,
    before: { version: e.version, changes: changes.before },
    after: { version: next, changes: changes.after, adjustmentId },
    at,
  });
  return next;
}
