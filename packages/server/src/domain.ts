/**
 * The service's own vocabulary: roles, workflow stages and statuses, with their Chinese names.
 * The evaluation document itself is core's canonical model.
 */

export const ROLES = ['admin', 'reviewer', 'approver', 'filler'] as const;
/** admin: 系统管理员; reviewer: 财政复核人; approver: 单位负责人; filler: 单位填报人 */
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  admin: '系统管理员',
  reviewer: '财政复核人',
  approver: '单位负责人',
  filler: '单位填报人',
};

/** Roles that belong to a unit and act only on its forms. */
export const UNIT_ROLES: readonly Role[] = ['approver', 'filler'];

export const UNIT_KINDS = ['department', 'unit'] as const;
/** department: 主管部门; unit: 单位 (a budget unit under a department) */
export type UnitKind = (typeof UNIT_KINDS)[number];

export const STAGES = ['targets', 'self-evaluation'] as const;
/** targets: 绩效目标申报 at budget time; self-evaluation: 绩效自评 at year end */
export type Stage = (typeof STAGES)[number];

export const STAGE_NAMES: Record<Stage, string> = {
  targets: '绩效目标申报表',
  'self-evaluation': '绩效自评表',
};

export const STATUSES = ['draft', 'declared', 'submitted', 'approved', 'accepted', 'published'] as const;
/**
 * targets stage: draft → declared (unit) → approved (reviewer).
 * self-evaluation stage: draft → submitted (filler) → approved (unit approver) → accepted (reviewer)
 * → published (reviewer); a return sends it back to draft.
 */
export type Status = (typeof STATUSES)[number];

export const STATUS_NAMES: Record<Status, string> = {
  draft: '草稿',
  declared: '已申报',
  submitted: '已提交',
  approved: '已审核',
  accepted: '已复核通过',
  published: '已公开',
};

/** The statuses each stage goes through, in order. */
export const STAGE_STATUSES: Record<Stage, readonly Status[]> = {
  targets: ['draft', 'declared', 'approved'],
  'self-evaluation': ['draft', 'submitted', 'approved', 'accepted', 'published'],
};

export function statusName(stage: Stage, status: Status): string {
  if (stage === 'targets' && status === 'approved') return '目标已批复';
  return STATUS_NAMES[status];
}

export const ADJUSTMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

/** Who acts: a signed-in user. The public acts as `null`. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
}
