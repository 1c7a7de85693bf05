/**
 * Who may do what to an evaluation (a target declaration or a self-evaluation), as data:
 * each action lists the roles allowed, whether only on their own unit's forms, and in which
 * stage and statuses. A unit's people never learn that another unit's form exists.
 */
import {
  type Actor,
  type Role,
  STAGE_NAMES,
  STAGE_STATUSES,
  type Stage,
  type Status,
  statusName,
} from '../domain.ts';
import { ALLOW, type Decision, roleList } from './decision.ts';

export interface EvaluationRule {
  roles: readonly Role[];
  /** own-unit: only on forms of the unit the user belongs to */
  scope: 'any' | 'own-unit';
  stage?: Stage;
  /** the statuses the action starts from; any status when absent */
  from?: readonly Status[];
}

export const EVALUATION_ACTIONS = [
  'read',
  'create',
  'save',
  'submit',
  'approve',
  'return',
  'accept',
  'publish',
  'comment',
  'attach',
  'declareTargets',
  'approveTargets',
  'requestAdjustment',
  'createFromTargets',
  'delete',
] as const;
export type EvaluationAction = (typeof EVALUATION_ACTIONS)[number];

export const EVALUATION_ACTION_NAMES: Record<EvaluationAction, string> = {
  read: '查看',
  create: '新建',
  save: '修改',
  submit: '提交',
  approve: '审核',
  return: '退回',
  accept: '复核通过',
  publish: '公开',
  comment: '批注',
  attach: '上传附件到',
  declareTargets: '申报',
  approveTargets: '批复',
  requestAdjustment: '申请调整',
  // "只有……可以引用绩效目标申报表": using approved targets as the basis of a self-evaluation
  createFromTargets: '引用',
  delete: '删除',
};

const UNIT_PEOPLE: readonly Role[] = ['filler', 'approver'];

export const EVALUATION_POLICY: Record<EvaluationAction, readonly EvaluationRule[]> = {
  read: [
    { roles: ['admin', 'reviewer'], scope: 'any' },
    { roles: UNIT_PEOPLE, scope: 'own-unit' },
  ],
  // Reviewers create forms too: they import the forms units published elsewhere, to check them.
  create: [
    { roles: UNIT_PEOPLE, scope: 'own-unit' },
    { roles: ['reviewer'], scope: 'any' },
  ],
  save: [{ roles: UNIT_PEOPLE, scope: 'own-unit', from: ['draft'] }],
  submit: [{ roles: ['filler'], scope: 'own-unit', stage: 'self-evaluation', from: ['draft'] }],
  approve: [{ roles: ['approver'], scope: 'own-unit', stage: 'self-evaluation', from: ['submitted'] }],
  return: [
    // The unit head sends a form back to the filler before it leaves the unit …
    { roles: ['approver'], scope: 'own-unit', stage: 'self-evaluation', from: ['submitted'] },
    // … and the finance reviewer sends it back after, even once published (to correct it).
    {
      roles: ['reviewer'],
      scope: 'any',
      stage: 'self-evaluation',
      from: ['approved', 'accepted', 'published'],
    },
    { roles: ['reviewer'], scope: 'any', stage: 'targets', from: ['declared'] },
  ],
  accept: [{ roles: ['reviewer'], scope: 'any', stage: 'self-evaluation', from: ['approved'] }],
  publish: [{ roles: ['reviewer'], scope: 'any', stage: 'self-evaluation', from: ['accepted'] }],
  comment: [
    { roles: ['reviewer'], scope: 'any' },
    { roles: UNIT_PEOPLE, scope: 'own-unit' },
  ],
  attach: [
    { roles: ['reviewer'], scope: 'any' },
    { roles: UNIT_PEOPLE, scope: 'own-unit' },
  ],
  declareTargets: [{ roles: UNIT_PEOPLE, scope: 'own-unit', stage: 'targets', from: ['draft'] }],
  approveTargets: [{ roles: ['reviewer'], scope: 'any', stage: 'targets', from: ['declared'] }],
  requestAdjustment: [{ roles: UNIT_PEOPLE, scope: 'own-unit', stage: 'targets', from: ['approved'] }],
  createFromTargets: [{ roles: UNIT_PEOPLE, scope: 'own-unit', stage: 'targets', from: ['approved'] }],
  // Only a draft nobody outside the unit has acted on yet; anything further along is a record.
  delete: [{ roles: UNIT_PEOPLE, scope: 'own-unit', from: ['draft'] }],
};

export const NOT_FOUND_MESSAGE = '自评表不存在，或您无权查看。';

/** The facts about a form a decision needs. */
export interface EvaluationFacts {
  unitId: string;
  stage: Stage;
  status: Status;
}

function inScope(rule: EvaluationRule, actor: Actor, unitId: string): boolean {
  return rule.scope === 'any' || (actor.unitId !== null && actor.unitId === unitId);
}

/** Whether the actor may know the form exists at all. The public sees only snapshots. */
export function canSeeEvaluation(actor: Actor | null, facts: { unitId: string }): boolean {
  if (actor === null) return false;
  return EVALUATION_POLICY.read.some((r) => r.roles.includes(actor.role) && inScope(r, actor, facts.unitId));
}

export function decideEvaluation(
  action: EvaluationAction,
  actor: Actor | null,
  facts: EvaluationFacts,
): Decision {
  const noun = STAGE_NAMES[facts.stage];
  if (actor === null) {
    return { allowed: false, kind: 'unauthenticated', message: '请先登录。' };
  }
  if (!canSeeEvaluation(actor, facts)) {
    // The same words as for a form that does not exist, whatever its stage: nothing to learn here.
    return { allowed: false, kind: 'not-found', message: NOT_FOUND_MESSAGE };
  }
  const rules = EVALUATION_POLICY[action];
  const mine = rules.filter(
    (r) =>
      r.roles.includes(actor.role) &&
      inScope(r, actor, facts.unitId) &&
      (!r.stage || r.stage === facts.stage),
  );
  const verb = EVALUATION_ACTION_NAMES[action];
  if (mine.length === 0) {
    const forStage = rules.filter((r) => !r.stage || r.stage === facts.stage);
    if (forStage.length === 0) {
      return { allowed: false, kind: 'state', message: `${noun}不能${verb}。` };
    }
    const roles = [...new Set(forStage.flatMap((r) => r.roles))];
    const own = forStage.every((r) => r.scope === 'own-unit') ? '本单位的' : '';
    return { allowed: false, kind: 'forbidden', message: `只有${own}${roleList(roles)}可以${verb}${noun}。` };
  }
  if (mine.some((r) => !r.from || r.from.includes(facts.status))) return ALLOW;
  const allowed = STAGE_STATUSES[facts.stage].filter((s) => mine.some((r) => r.from?.includes(s)));
  return {
    allowed: false,
    kind: 'state',
    message: `该${noun}当前为“${statusName(facts.stage, facts.status)}”，只有“${allowed
      .map((s) => statusName(facts.stage, s))
      .join('”或“')}”时才能${verb}。`,
  };
}

/** Which units' forms the actor may list: all (undefined), or only these. */
export function evaluationScope(actor: Actor | null): { unitIds?: string[] } {
  if (actor === null) return { unitIds: [] };
  const any = EVALUATION_POLICY.read.some((r) => r.scope === 'any' && r.roles.includes(actor.role));
  if (any) return {};
  const own = EVALUATION_POLICY.read.some((r) => r.scope === 'own-unit' && r.roles.includes(actor.role));
  return { unitIds: own && actor.unitId ? [actor.unitId] : [] };
}

/** Whether the actor may create a form for the unit (before any form exists). */
export function decideCreate(actor: Actor | null, unitId: string): Decision {
  if (actor === null) return { allowed: false, kind: 'unauthenticated', message: '请先登录。' };
  const rules = EVALUATION_POLICY.create;
  if (rules.some((r) => r.roles.includes(actor.role) && inScope(r, actor, unitId))) return ALLOW;
  const roles = [...new Set(rules.flatMap((r) => r.roles))];
  if (rules.some((r) => r.roles.includes(actor.role))) {
    return { allowed: false, kind: 'forbidden', message: '只能为本单位新建自评表或绩效目标申报表。' };
  }
  return {
    allowed: false,
    kind: 'forbidden',
    message: `只有${roleList(roles)}可以新建自评表或绩效目标申报表。`,
  };
}
