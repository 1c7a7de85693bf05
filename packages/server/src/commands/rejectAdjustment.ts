/** The reviewer turns down a target adjustment; the approved targets stay as they were. */
import type { Actor } from '../domain.ts';
import { nowIso } from '../store/dialect.ts';
import {
  type Adjustment,
  findAdjustment,
  decideAdjustment as recordDecision,
} from '../store/repos/adjustments.ts';
import { recordEvent } from '../store/repos/audit.ts';
import type { Db } from '../store/schema.ts';
import { adjustmentToDecide, type DecideAdjustmentInput, decisionNote } from './approveAdjustment.ts';
import { inTransaction } from './common.ts';
import { refuse } from './problem.ts';

export async function rejectAdjustment(
  db: Db,
  actor: Actor | null,
  input: DecideAdjustmentInput,
): Promise<Adjustment> {
  const note = decisionNote(input.note);
  if (note === null) refuse('invalid', 'required', '驳回目标调整时请写明理由。', { path: 'note' });
  return inTransaction(db, async (trx) => {
    const { adjustment, targets } = await adjustmentToDecide(trx, actor, input.id);
    const at = nowIso();
    if (!(await recordDecision(trx, adjustment.id, { status: 'rejected', by: actor?.id ?? '', at, note }))) {
      refuse('conflict', 'status-changed', '该目标调整申请刚刚已被审核，请刷新后查看。');
    }
    await recordEvent(trx, {
      actor,
      action: 'adjustment.reject',
      entityType: 'adjustment',
      entityId: adjustment.id,
      evaluationId: adjustment.evaluationId ?? targets.id,
      before: { status: 'pending' },
      after: { status: 'rejected', note },
      at,
    });
    const decided = await findAdjustment(trx, adjustment.id);
    if (!decided) throw new Error('adjustment vanished inside its own transaction');
    return decided;
  });
}
