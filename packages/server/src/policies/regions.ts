/**
 * Regions and their scoring profiles: reference data the admin keeps. Anyone signed in may
 * read regions (forms are scored by their region's profile); profiles are public like the
 * built-in ones, since the published scores are computed by them.
 */
import type { Actor, Role } from '../domain.ts';
import { ALLOW, type Decision, roleList } from './decision.ts';

export const REGION_POLICY = {
  /** add regions and profiles, and say which region a unit belongs to */
  manage: ['admin'] as readonly Role[],
  read: ['admin', 'reviewer', 'approver', 'filler'] as readonly Role[],
};

export type RegionAction = 'manage' | 'read';

const VERBS: Record<RegionAction, string> = {
  manage: '管理地区和评分规则',
  read: '查看地区',
};

export function decideRegionAction(action: RegionAction, actor: Actor | null): Decision {
  if (actor === null) return { allowed: false, kind: 'unauthenticated', message: '请先登录。' };
  if (REGION_POLICY[action].includes(actor.role)) return ALLOW;
  return {
    allowed: false,
    kind: 'forbidden',
    message: `只有${roleList(REGION_POLICY[action])}可以${VERBS[action]}。`,
  };
}
