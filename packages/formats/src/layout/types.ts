/**
 * What a layout is, as data: how to recognise it from its header words, what it implies about
 * the form (kind, scoring profile) and the column order to fall back on when a header row cannot
 * be read. The columns actually used come from the header row found in the document.
 */

export const LAYOUT_IDS = [
  'hubei-department',
  'hubei-project',
  'national-project',
  'sichuan-2023',
  'chongqing-department',
] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];

/** Roles of the indicator table's columns. */
export type IndicatorRole =
  /** the leading merged column ('年度绩效指标', '绩效指标(90分)') */
  | 'group'
  | 'level1'
  | 'level2'
  | 'name'
  | 'target'
  /** Chongqing's 调整指标值, kept apart from the initial target */
  | 'adjustedTarget'
  | 'actual'
  | 'weight'
  | 'score'
  | 'deviation'
  /** Sichuan's 指标性质 (=, ≥ …) or Chongqing's (定量/定性): told apart by content */
  | 'op'
  | 'unit'
  | 'coefficient'
  | 'core';

/** Roles of the budget block's columns. */
export type BudgetRole = 'initial' | 'planned' | 'executed' | 'rate' | 'weight' | 'score' | 'reason';

/** Value roles: the indicator columns that follow the name. */
export const INDICATOR_VALUE_ROLES: readonly IndicatorRole[] = [
  'target',
  'adjustedTarget',
  'actual',
  'weight',
  'score',
  'deviation',
  'op',
  'unit',
  'coefficient',
  'core',
];

export interface Signature {
  /** matched against each cell's compact text (no spaces, NFKC) */
  pattern: RegExp;
  weight: number;
}

export interface Layout {
  id: LayoutId;
  /** the layout's name for people */
  title: string;
  kind: 'department' | 'project';
  profile: 'hubei-2020' | 'national-2020' | 'sichuan-2023';
  signatures: readonly Signature[];
  /** indicator columns in their usual order, used when no header row is found */
  indicatorColumns: readonly IndicatorRole[];
  budgetColumns: readonly BudgetRole[];
}
