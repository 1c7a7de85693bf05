/**
 * The unit asks to change approved targets (目标调整申请), giving the changed targets and why.
 * Nothing changes until the reviewer approves it.
 */
import type { Actor } from '../domain.ts';
import { validDocument } from '../evaluations/persist.ts';
import { targetDifferences } from '../evaluations/targets.ts';
import { newId } from '../ids.ts';
import { nowIso } from '../store/dialect.ts';
import { type Adjustment, hasPendingAdjustment, insertAdjustment } from '../store/repos/adjustments.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { findVersion } from '../store/repos/versions.ts';
import type { Db } from '../store/schema.ts';
import { evaluationFor, inTransaction, requiredText } from './common.ts';
import { refuse } from './problem.ts';

export interface RequestAdjustmentInput {
  /** the approved targets, or a self-evaluation made from them */
  evaluationId: string;
  reason: string;
  /** the targets as they should be: a canonical document whose goals and indicators are used */
  document: unknown;
}

export async function requestAdjustment(
  db: Db,
  actor: Actor | null,
  input: RequestAdjustmentInput,
): Promise<Adjustment> {
  const reason = requiredText(input.reason, 'reason', '调整理由', 2000);
  const proposed = validDocument(input.document);
  return inTransaction(db, async (trx) => {
    const asked = await evaluationFor(trx, actor, input.evaluationId, 'read');
    let targetsId = asked.id;
    if (asked.stage === 'self-evaluation') {
      if (!asked.targetsId) {
        refuse('state', 'no-targets', '该自评表不是依据批复的绩效目标建立的，没有可调整的目标。');
      }
      targetsId = asked.targetsId;
    }
    const targets = await evaluationFor(trx, actor, targetsId, 'requestAdjustment');
    if (await hasPendingAdjustment(trx, targets.id)) {
      refuse('state', 'adjustment-pending', '已有一份目标调整申请在等待审核，请等审核后再提出新的申请。');
    }
    const approved = await findVersion(trx, targets.id, targets.approvedVersion ?? targets.version);
    if (!approved) throw new Error(`approved version of ${targets.id} is missing`);
    const differences = targetDifferences(approved.document, proposed);
    if (differences.length === 0) {
      refuse('invalid', 'no-change', '申请调整的绩效目标与已批复的完全相同，无需调整。', {
        path: 'document',
      });
    }
    const at = nowIso();
    const adjustment: Adjustment = {
      id: newId(),
      targetsId: targets.id,
      evaluationId: asked.stage === 'self-evaluation' ? asked.id : null,
      reason,
      document: proposed,
      status: 'pending',
      requestedBy: actor?.id ?? '',
      requestedAt: at,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
    };
    await insertAdjustment(trx, adjustment);
    await recordEvent(trx, {
      actor,
      action: 'adjustment.request',
      entityType: 'adjustment',
      entityId: adjustment.id,
      evaluationId: asked.id,
      before: null,
      after: {
        status: 'pending',
        targetsId: targets.id,
        reason,
        differences: differences.map((d) => ({ path: d.path, message: d.message })),
      },
      at,
    });
    return adjustment;
  });
}
