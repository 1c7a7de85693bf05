/**
 * Deadlines are set by the finance bureau (reviewer) or the admin; everyone signed in reads
 * them, since the workbench of every role counts the days left.
 */
import type { Actor, Role } from '../domain.ts';
import { ALLOW, type Decision, roleList } from './decision.ts';

export const DEADLINE_POLICY = {
  set: ['admin', 'reviewer'] as readonly Role[],
  read: ['admin', 'reviewer', 'approver', 'filler'] as readonly Role[],
};

export type DeadlineAction = keyof typeof DEADLINE_POLICY;

const VERBS: Record<DeadlineAction, string> = { set: '设置截止日期', read: '查看截止日期' };

export function decideDeadlineAction(action: DeadlineAction, actor: Actor | null): Decision {
  if (actor === null) return { allowed: false, kind: 'unauthenticated', message: '请先登录。' };
  if (DEADLINE_POLICY[action].includes(actor.role)) return ALLOW;
  return {
    allowed: false,
    kind: 'forbidden',
    message: `只有${roleList(DEADLINE_POLICY[action])}可以${VERBS[action]}。`,
  };
}
