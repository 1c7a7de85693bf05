/**
 * The audit trail: a form's own trail is readable by whoever may read the form (see
 * evaluations.ts); the whole trail (logins, accounts, units) only by the admin.
 */
import type { Actor, Role } from '../domain.ts';
import { ALLOW, type Decision, roleList } from './decision.ts';

export const AUDIT_POLICY = { readAll: ['admin'] as readonly Role[] };

export function decideReadAllAudit(actor: Actor | null): Decision {
  if (actor === null) return { allowed: false, kind: 'unauthenticated', message: '请先登录。' };
  if (AUDIT_POLICY.readAll.includes(actor.role)) return ALLOW;
  return {
    allowed: false,
    kind: 'forbidden',
    message: `只有${roleList(AUDIT_POLICY.readAll)}可以查看全部审计记录。`,
  };
}
