/** Units: the admin keeps the list; reviewers see every unit; a unit's people see their own. */
import type { Actor, Role } from '../domain.ts';
import { ALLOW, type Decision, roleList } from './decision.ts';

export const UNIT_POLICY = {
  create: ['admin'] as readonly Role[],
  listAll: ['admin', 'reviewer'] as readonly Role[],
};

export function decideCreateUnit(actor: Actor | null): Decision {
  if (actor === null) return { allowed: false, kind: 'unauthenticated', message: '请先登录。' };
  if (UNIT_POLICY.create.includes(actor.role)) return ALLOW;
  return { allowed: false, kind: 'forbidden', message: `只有${roleList(UNIT_POLICY.create)}可以新建单位。` };
}

/** The units the actor may list: all (undefined), or only these ids. */
export function unitScope(actor: Actor | null): { unitIds?: string[] } {
  if (actor === null) return { unitIds: [] };
  if (UNIT_POLICY.listAll.includes(actor.role)) return {};
  return { unitIds: actor.unitId ? [actor.unitId] : [] };
}
