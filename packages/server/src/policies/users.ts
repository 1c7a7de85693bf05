/** Accounts: only the admin creates and lists them; everyone may see their own. */
import type { Actor, Role } from '../domain.ts';
import { ALLOW, type Decision, roleList } from './decision.ts';

export const USER_POLICY = {
  create: ['admin'] as readonly Role[],
  list: ['admin'] as readonly Role[],
};

export function decideUserAction(action: 'create' | 'list', actor: Actor | null): Decision {
  if (actor === null) return { allowed: false, kind: 'unauthenticated', message: '请先登录。' };
  if (USER_POLICY[action].includes(actor.role)) return ALLOW;
  const verb = action === 'create' ? '新建' : '查看';
  return {
    allowed: false,
    kind: 'forbidden',
    message: `只有${roleList(USER_POLICY[action])}可以${verb}用户。`,
  };
}

export function canSeeUser(actor: Actor | null, userId: string): boolean {
  return actor !== null && (actor.id === userId || USER_POLICY.list.includes(actor.role));
}
