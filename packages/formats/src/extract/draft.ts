/**
 * A form while it is being read: what the parser has found so far, cell by cell, before the
 * labels are resolved and the values parsed into the canonical Evaluation.
 */
import type { BudgetRole, IndicatorRole, Layout } from '../layout/types.ts';
import type { Report } from './report.ts';
import type { Tok } from './tokens.ts';

export interface Column<R extends string> {
  role: R;
  /** the header cell's column, or null when the header spanned rows */
  col: number | null;
}

export interface LabelCell {
  text: string;
  points: number | null;
  where: string;
  /** the last row (global row id) a merged label cell covers; null when its span is not known */
  until: number | null;
  /** labelText of the cell, when found as the cell was read */
  label?: string;
}

export type RowKind = 'indicator' | 'labels' | 'placeholder' | 'breakdown' | 'goal';

export interface IndicatorRow {
  kind: RowKind;
  /** global row id of the row (of its first cell) */
  rowId: number;
  where: string;
  /** the row's cells as printed, for messages */
  text: string;
  l1: LabelCell | null;
  l2: LabelCell | null;
  /** a points marker without a label ('(50分)'): a new 一级 whose name was lost */
  points: number | null;
  name: string | null;
  cells: Partial<Record<IndicatorRole, Tok>>;
  goal: string | null;
  /** a label-only row from a PDF, where merged labels are printed at the middle of their span */
  centred?: boolean;
  /** an empty merged cell starts in the 一级 / 二级 column here: a new label printed elsewhere */
  blankL1?: boolean;
  blankL2?: boolean;
}

export interface BudgetRow {
  label: string;
  where: string;
  cells: Partial<Record<BudgetRole, Tok>>;
}

export interface GoalDraft {
  id: string;
  text: string;
  weight: number | null;
  outcome: string | null;
}

export interface FormDraft {
  firstTok: number;
  lastTok: number;
  report: Report;
  layout: Layout | null;
  department: boolean;
  year: number | null;
  unit: string | null;
  implementer: string | null;
  publisher: string | null;
  departmentName: string | null;
  project: string | null;
  filledOn: string | null;
  basicTotal: number | null | undefined;
  projectTotal: number | null | undefined;
  budgetSeen: boolean;
  moneyUnit: string;
  budgetTitlePoints: number | null;
  budgetTotal: BudgetRow | null;
  budgetLines: BudgetRow[];
  goals: GoalDraft[];
  numberedGoals: boolean;
  /** an overall goal header with nothing under it; reported if no goal turns up elsewhere */
  emptyGoalHeader: Tok | null;
  currentGoal: string | null;
  columns: Column<IndicatorRole>[] | null;
  /** the number of cells of the header row, to tell complete rows from rows missing merged cells */
  headerCells: number;
  rows: IndicatorRow[];
  sawIndicators: boolean;
  sawFooter: boolean;
  /** the grid of the last indicator row, to notice a table continued on the next page */
  lastIndicatorGrid: number | null;
  total: number | null;
  totalWeight: number | null;
  grade: string | null;
  deviationAnalysis: string | null;
  improvementPlan: string | null;
  conclusion: string | null;
  problems: string | null;
}

export function newDraft(firstTok: number, layout: Layout | null, report: Report): FormDraft {
  return {
    firstTok,
    lastTok: firstTok,
    report,
    layout,
    department: false,
    year: null,
    unit: null,
    implementer: null,
    publisher: null,
    departmentName: null,
    project: null,
    filledOn: null,
    basicTotal: undefined,
    projectTotal: undefined,
    budgetSeen: false,
    moneyUnit: '万元',
    budgetTitlePoints: null,
    budgetTotal: null,
    budgetLines: [],
    goals: [],
    numberedGoals: false,
    emptyGoalHeader: null,
    currentGoal: null,
    columns: null,
    headerCells: 0,
    rows: [],
    sawIndicators: false,
    sawFooter: false,
    lastIndicatorGrid: null,
    total: null,
    totalWeight: null,
    grade: null,
    deviationAnalysis: null,
    improvementPlan: null,
    conclusion: null,
    problems: null,
  };
}

/** Chinese names of the columns, for repairs and warnings. */
export const ROLE_NAMES: Record<IndicatorRole | BudgetRole, string> = {
  group: '绩效指标',
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  target: '目标值',
  adjustedTarget: '调整指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因',
  op: '指标性质',
  unit: '度量单位',
  coefficient: '得分系数',
  core: '是否核心指标',
  initial: '年初预算数',
  planned: '全年预算数',
  executed: '全年执行数',
  rate: '执行率',
  reason: '原因',
};
