/** Target adjustments (目标调整): the unit asks (see evaluations.ts), the finance reviewer decides. */
import type { Actor, AdjustmentStatus, Role } from '../domain.ts';
import { ALLOW, type Decision, roleList } from './decision.ts';

export const ADJUSTMENT_POLICY = {
  decide: { roles: ['reviewer'] as readonly Role[], from: ['pending'] as readonly AdjustmentStatus[] },
};

const STATUS_NAMES: Record<AdjustmentStatus, string> = {
  pending: '待审核',
  approved: '已批准',
  rejected: '已驳回',
};

/** Whether the actor may approve or reject; `visible` says whether they may see the targets at all. */
export function decideAdjustment(actor: Actor | null, status: AdjustmentStatus, visible: boolean): Decision {
  if (actor === null) return { allowed: false, kind: 'unauthenticated', message: '请先登录。' };
  if (!visible) return { allowed: false, kind: 'not-found', message: '目标调整申请不存在，或您无权查看。' };
  if (!ADJUSTMENT_POLICY.decide.roles.includes(actor.role)) {
    return {
      allowed: false,
      kind: 'forbidden',
      message: `只有${roleList(ADJUSTMENT_POLICY.decide.roles)}可以审核目标调整。`,
    };
  }
  if (!ADJUSTMENT_POLICY.decide.from.includes(status)) {
    return {
      allowed: false,
      kind: 'state',
      message: `该目标调整申请${STATUS_NAMES[status]}，不能再次审核。`,
    };
  }
  return ALLOW;
}
