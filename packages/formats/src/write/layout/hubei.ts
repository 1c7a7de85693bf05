/**
 * 湖北省 部门（单位）整体绩效自评表 (the seed) and its project sibling 项目支出绩效自评表: title, then
 * 单位名称 and 填报日期 above the table; 单位名称 (or 项目名称 and 主管部门), the budget block worth
 * "(20分)" with 预算数（A）/ 执行数（B）/ 执行率（B/A）/ 得分（20分*执行率）; each 年度目标 with its
 * own indicator block under a merged 年度绩效指标 cell, 一级 and 二级 merged over their rows;
 * 总分; and the two narrative rows. Published Hubei forms print no weights and no per-row
 * deviation: those columns appear only when the evaluation has them, so nothing is lost.
 */
import type { Evaluation, Goal, Indicator, Profile } from '@jixiao/core';
import {
  cell,
  type FormLine,
  type FormTable,
  moneyCell,
  percentCell,
  scoreCell,
  type TableCell,
  valueCell,
} from '../table.ts';
import {
  dateText,
  extraFooterRows,
  labelCells,
  labelRuns,
  narrativeRow,
  points,
  totalRow,
} from './common.ts';
import type { ExportLayout, ExportLayoutId } from './types.ts';

/** The words the Hubei forms print. */
export const HUBEI_WORDS = {
  departmentTitle: '部门（单位）整体绩效自评表',
  projectTitle: '项目支出绩效自评表',
  unit: '单位名称',
  project: '项目名称',
  department: '主管部门',
  implementer: '项目实施单位',
  basicTotal: '基本支出总额',
  projectTotal: '项目支出总额',
  budgetTitle: '预算执行情况（万元）',
  planned: '预算数（A）',
  executed: '执行数（B）',
  rate: '执行率（B/A）',
  departmentLine: '部门整体支出总额',
  projectLine: '年度财政资金总额',
  lineLead: '其中：',
  departmentGoal: '年度目标',
  projectGoal: '年度绩效目标',
  group: '年度绩效指标',
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  target: '年初目标值（A）',
  actual: '实际完成值（B）',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因分析及改进措施',
  total: '总分',
  deviationAnalysis: '偏差大或目标未完成原因分析',
  improvementPlan: '改进措施及结果应用方案',
  filledOn: '填报日期',
} as const;

/** Column widths (characters) of the seed's seven columns, and of the optional two. */
const WIDTH = {
  group: 10,
  level1: 12,
  level2: 16,
  name: 30,
  target: 16,
  actual: 16,
  weight: 8,
  score: 8,
  deviation: 24,
};

interface Columns {
  width: number;
  weight: number | null;
  score: number;
  deviation: number | null;
  widths: number[];
}

function columnsFor(ev: Evaluation): Columns {
  const hasWeight = ev.indicators.some((i) => i.weight !== null);
  const hasDeviation = ev.indicators.some((i) => i.deviation !== null && i.deviation !== '');
  const widths = [WIDTH.group, WIDTH.level1, WIDTH.level2, WIDTH.name, WIDTH.target, WIDTH.actual];
  let weight: number | null = null;
  if (hasWeight) {
    weight = widths.length;
    widths.push(WIDTH.weight);
  }
  const score = widths.length;
  widths.push(WIDTH.score);
  let deviation: number | null = null;
  if (hasDeviation) {
    deviation = widths.length;
    widths.push(WIDTH.deviation);
  }
  return { width: widths.length, weight, score, deviation, widths };
}

export interface GoalBlock {
  goal: Goal | null;
  /** 1-based number printed in the goal's caption */
  n: number;
  indicators: Indicator[];
}

/**
 * Indicators grouped under their goals, in the goals' order. A single-goal form's indicators
 * name no goal and belong to it; indicators of no known goal on a form with several come first,
 * in a block without a goal caption.
 */
export function goalBlocks(ev: Evaluation): GoalBlock[] {
  const ids = new Set(ev.goals.map((g) => g.id));
  const single = ev.goals.length === 1;
  const orphans = ev.indicators.filter((i) => i.goal === null || !ids.has(i.goal));
  const blocks: GoalBlock[] = [];
  if (orphans.length > 0 && !single) blocks.push({ goal: null, n: 0, indicators: orphans });
  ev.goals.forEach((g, k) => {
    const own = ev.indicators.filter((i) => i.goal === g.id || (single && orphans.includes(i)));
    blocks.push({ goal: g, n: k + 1, indicators: own });
  });
  if (blocks.length === 0) blocks.push({ goal: null, n: 0, indicators: [] });
  return blocks;
}

function indicatorBlock(block: GoalBlock, cols: Columns, goalWord: string, numbered: boolean): TableCell[][] {
  const W = HUBEI_WORDS;
  const rows: TableCell[][] = [];
  const { width } = cols;
  if (block.goal) {
    // a project's only goal is not numbered unless it carries points ("年度绩效目标1（80分）")
    const n = numbered || block.goal.weight !== null ? ` ${block.n}` : '';
    rows.push([
      cell(0, `${goalWord}${n}${points(block.goal.weight)}：`, { colSpan: 2, style: 'label' }),
      cell(2, block.goal.text, { colSpan: width - 2, style: 'narrative' }),
    ]);
  }
  const inds = block.indicators;
  const header = [
    cell(0, W.group, { rowSpan: 1 + inds.length, style: 'header' }),
    cell(1, W.level1, { style: 'header' }),
    cell(2, W.level2, { style: 'header' }),
    cell(3, W.name, { style: 'header' }),
    cell(4, W.target, { style: 'header' }),
    cell(5, W.actual, { style: 'header' }),
  ];
  if (cols.weight !== null) header.push(cell(cols.weight, W.weight, { style: 'header' }));
  header.push(cell(cols.score, W.score, { style: 'header' }));
  if (cols.deviation !== null) header.push(cell(cols.deviation, W.deviation, { style: 'header' }));
  rows.push(header);
  const runs = labelRuns(inds);
  inds.forEach((ind, i) => {
    const row = [
      ...labelCells(inds, runs, i, { l1: 1, l2: 2 }),
      cell(3, ind.name),
      valueCell(4, ind.target.raw),
      valueCell(5, ind.actual.raw),
    ];
    if (cols.weight !== null) row.push(scoreCell(cols.weight, ind.weight));
    row.push(scoreCell(cols.score, ind.score));
    if (cols.deviation !== null) row.push(cell(cols.deviation, ind.deviation, { style: 'narrative' }));
    rows.push(row);
  });
  return rows;
}

function budgetRows(ev: Evaluation, cols: Columns, totalLine: string): TableCell[][] {
  const W = HUBEI_WORDS;
  const b = ev.budget;
  const last = cols.width - 6;
  const scoreHead = b.weight === null ? W.score : `${W.score}（${b.weight}分*执行率）`;
  const rows: TableCell[][] = [
    [
      cell(0, `${W.budgetTitle}${points(b.weight)}`, {
        colSpan: 2,
        rowSpan: 2 + b.lines.length,
        style: 'header',
      }),
      cell(2, '', { style: 'header' }),
      cell(3, W.planned, { style: 'header' }),
      cell(4, W.executed, { style: 'header' }),
      cell(5, W.rate, { style: 'header' }),
      cell(6, scoreHead, { colSpan: last, style: 'header' }),
    ],
    [
      cell(2, totalLine, { style: 'label' }),
      moneyCell(3, b.planned),
      moneyCell(4, b.executed),
      percentCell(5, b.rate),
      scoreCell(6, b.score, { colSpan: last }),
    ],
  ];
  b.lines.forEach((line, i) => {
    rows.push([
      cell(2, `${i === 0 ? W.lineLead : ''}${line.label}`, { style: 'label' }),
      moneyCell(3, line.planned),
      moneyCell(4, line.executed),
      percentCell(5, line.rate),
      scoreCell(6, line.score, { colSpan: last }),
    ]);
  });
  return rows;
}

function renderHubei(ev: Evaluation, variant: 'department' | 'project'): FormTable {
  const W = HUBEI_WORDS;
  const cols = columnsFor(ev);
  const { width } = cols;
  const year = ev.year === null ? '' : `${ev.year}年度`;
  const title =
    variant === 'department' ? `${year}${ev.unit ?? ''}${W.departmentTitle}` : `${year}${W.projectTitle}`;
  const above: FormLine[] = [
    { text: title, style: 'title', align: 'center' },
    {
      text: `${W.unit}：${ev.unit ?? ''}`,
      right: `${W.filledOn}：${dateText(ev.filledOn)}`,
      style: 'meta',
      align: 'left',
    },
  ];
  const rows: TableCell[][] = [];
  if (variant === 'department') {
    rows.push([cell(0, W.unit, { colSpan: 2, style: 'label' }), cell(2, ev.unit, { colSpan: width - 2 })]);
    rows.push([
      cell(0, W.basicTotal, { colSpan: 2, style: 'label' }),
      moneyCell(2, ev.budget.basicTotal),
      cell(3, W.projectTotal, { style: 'label' }),
      moneyCell(4, ev.budget.projectTotal, { colSpan: width - 4 }),
    ]);
  } else {
    rows.push([
      cell(0, W.project, { colSpan: 2, style: 'label' }),
      cell(2, ev.project, { colSpan: width - 2 }),
    ]);
    rows.push([
      cell(0, W.department, { colSpan: 2, style: 'label' }),
      cell(2, ev.department, { colSpan: 2 }),
      cell(4, W.implementer, { style: 'label' }),
      cell(5, ev.unit, { colSpan: width - 5 }),
    ]);
  }
  rows.push(...budgetRows(ev, cols, variant === 'department' ? W.departmentLine : W.projectLine));
  const goalWord = variant === 'department' ? W.departmentGoal : W.projectGoal;
  const numbered = variant === 'department' || ev.goals.length > 1;
  const keep: [number, number][] = [];
  for (const block of goalBlocks(ev)) {
    const from = rows.length;
    rows.push(...indicatorBlock(block, cols, goalWord, numbered));
    keep.push([from, rows.length]);
  }
  rows.push(totalRow(ev, W.total, width, { weight: cols.weight, score: cols.score }));
  rows.push(narrativeRow(W.deviationAnalysis, ev.deviationAnalysis, width));
  rows.push(narrativeRow(W.improvementPlan, ev.improvementPlan, width));
  rows.push(...extraFooterRows(ev, width, new Set(['deviationAnalysis', 'improvementPlan'])));
  return {
    layout: variant === 'department' ? 'hubei-department' : 'hubei-project',
    title,
    above,
    columns: cols.widths,
    rows,
    below: [],
    keep,
  };
}

function layout(id: ExportLayoutId, variant: 'department' | 'project', name: string): ExportLayout {
  return {
    id,
    name,
    kind: variant,
    profile: 'hubei-2020',
    render: (ev: Evaluation, _profile: Profile) => renderHubei(ev, variant),
  };
}

export const hubeiDepartmentLayout = layout(
  'hubei-department',
  'department',
  '湖北省部门（单位）整体绩效自评表',
);
export const hubeiProjectLayout = layout('hubei-project', 'project', '湖北省项目支出绩效自评表');
