/**
 * 四川省 部门预算项目支出绩效自评表, 报表编号 510000_0013zp: the report number above the title;
 * 项目名称, 主管部门, 实施单位（盖章）; 项目基本情况 with 项目年度目标 / 年度目标完成情况 and
 * 项目实施内容及过程概述; 预算执行情况 with 年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重 /
 * 得分 / 原因; 绩效指标 with the target split over 指标性质 | 指标值 | 度量单位, then 完成值, 权重,
 * 得分, 未完成原因分析; 合计; 评价结论, 存在问题, 改进措施; and the two signatures below.
 */
import type { Evaluation, Profile } from '@jixiao/core';
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
  splitTarget,
  totalRow,
} from './common.ts';
import type { ExportLayout } from './types.ts';

export const SICHUAN_WORDS = {
  reportNo: '报表编号：510000_0013zp',
  title: '部门预算项目支出绩效自评表',
  project: '项目名称',
  department: '主管部门',
  implementer: '实施单位（盖章）',
  basics: '项目基本情况',
  goalSection: '1.项目年度目标完成情况',
  goalText: '项目年度目标',
  goalOutcome: '年度目标完成情况',
  contentSection: '2.项目实施内容及过程概述',
  budgetTitle: '预算执行情况',
  budgetGroup: '年度预算数（万元）',
  initial: '年初预算',
  planned: '调整后预算数',
  executed: '预算执行数',
  rate: '预算执行率',
  weight: '权重',
  score: '得分',
  reason: '原因',
  totalLine: '总额',
  lineLead: '其中：',
  notScored: '/',
  group: '绩效指标',
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  op: '指标性质',
  target: '指标值',
  unit: '度量单位',
  actual: '完成值',
  deviation: '未完成原因分析',
  total: '合计',
  conclusion: '评价结论',
  problems: '存在问题',
  improvementPlan: '改进措施',
  projectHead: '项目负责人：',
  financeHead: '财务负责人：',
  filledOn: '填报日期',
} as const;

/** A 绩效指标, 一级, 二级, 三级, 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因分析 */
const WIDTHS = [9, 11, 13, 26, 8, 10, 8, 12, 7, 7, 20];
const COL = {
  l1: 1,
  l2: 2,
  name: 3,
  op: 4,
  target: 5,
  unit: 6,
  actual: 7,
  weight: 8,
  score: 9,
  deviation: 10,
} as const;

function render(ev: Evaluation, profile: Profile): FormTable {
  const W = SICHUAN_WORDS;
  const width = WIDTHS.length;
  const title = `${W.title}${ev.year === null ? '' : `（${ev.year}年度）`}`;
  const above: FormLine[] = [
    { text: W.reportNo, style: 'meta', align: 'right' },
    { text: title, style: 'title', align: 'center' },
  ];
  if (ev.filledOn !== null) {
    above.push({ text: `${W.filledOn}：${dateText(ev.filledOn)}`, style: 'meta', align: 'right' });
  }
  const rows: TableCell[][] = [];
  for (const [label, value] of [
    [W.project, ev.project],
    [W.department, ev.department],
    [W.implementer, ev.unit],
  ] as const) {
    rows.push([cell(0, label, { colSpan: 2, style: 'label' }), cell(2, value, { colSpan: width - 2 })]);
  }

  const basicsFrom = rows.length;
  const goals = ev.goals.length > 0 ? ev.goals : [null];
  rows.push([
    cell(0, W.basics, { rowSpan: 4 + goals.length, style: 'header' }),
    cell(1, W.goalSection, { colSpan: width - 1, style: 'label' }),
  ]);
  rows.push([
    cell(1, W.goalText, { colSpan: 5, style: 'header' }),
    cell(6, W.goalOutcome, { colSpan: width - 6, style: 'header' }),
  ]);
  for (const g of goals) {
    rows.push([
      cell(1, g?.text, { colSpan: 5, style: 'narrative' }),
      cell(6, g?.outcome, { colSpan: width - 6, style: 'narrative' }),
    ]);
  }
  rows.push([cell(1, W.contentSection, { colSpan: width - 1, style: 'label' })]);
  rows.push([cell(1, '', { colSpan: width - 1, style: 'narrative' })]);

  const keep: [number, number][] = [[basicsFrom, rows.length]];
  const b = ev.budget;
  const budgetFrom = rows.length;
  // The caption spans the first two columns so that each line's label sits right before its
  // figures, as on the printed form.
  rows.push([
    cell(0, `${W.budgetTitle}${points(b.weight)}`, {
      colSpan: 2,
      rowSpan: 2 + b.lines.length,
      style: 'header',
    }),
    cell(2, W.budgetGroup, { style: 'header' }),
    ...[W.initial, W.planned, W.executed, W.rate, W.weight, W.score].map((h, i) =>
      cell(3 + i, h, { style: 'header' }),
    ),
    cell(9, W.reason, { colSpan: 2, style: 'header' }),
  ]);
  rows.push([
    cell(2, W.totalLine, { style: 'label' }),
    moneyCell(3, b.initial),
    moneyCell(4, b.planned),
    moneyCell(5, b.executed),
    percentCell(6, b.rate),
    scoreCell(7, b.weight),
    scoreCell(8, b.score),
    cell(9, '', { colSpan: 2, rowSpan: 1 + b.lines.length, style: 'narrative' }),
  ]);
  b.lines.forEach((line, i) => {
    rows.push([
      cell(2, `${i === 0 ? W.lineLead : ''}${line.label}`, { style: 'label' }),
      moneyCell(3, line.initial),
      moneyCell(4, line.planned),
      moneyCell(5, line.executed),
      percentCell(6, line.rate),
      line.weight === undefined || line.weight === null ? cell(7, W.notScored) : scoreCell(7, line.weight),
      line.score === undefined || line.score === null ? cell(8, W.notScored) : scoreCell(8, line.score),
    ]);
  });

  keep.push([budgetFrom, rows.length]);
  const inds = ev.indicators;
  rows.push([
    cell(0, `${W.group}${points(profile.indicatorTotal)}`, { rowSpan: 1 + inds.length, style: 'header' }),
    ...[W.level1, W.level2, W.name, W.op, W.target, W.unit, W.actual, W.weight, W.score, W.deviation].map(
      (h, i) => cell(1 + i, h, { style: 'header' }),
    ),
  ]);
  const runs = labelRuns(inds);
  inds.forEach((ind, i) => {
    const t = splitTarget(ind.target);
    rows.push([
      ...labelCells(inds, runs, i, COL),
      cell(COL.name, ind.name),
      cell(COL.op, t.op),
      valueCell(COL.target, t.value),
      cell(COL.unit, t.unit),
      valueCell(COL.actual, ind.actual.raw),
      scoreCell(COL.weight, ind.weight),
      scoreCell(COL.score, ind.score),
      cell(COL.deviation, ind.deviation, { style: 'narrative' }),
    ]);
  });
  rows.push(totalRow(ev, W.total, width, { weight: COL.weight, score: COL.score }));
  rows.push(narrativeRow(W.conclusion, ev.conclusion, width));
  rows.push(narrativeRow(W.problems, ev.problems, width));
  rows.push(narrativeRow(W.improvementPlan, ev.improvementPlan, width));
  rows.push(...extraFooterRows(ev, width, new Set(['conclusion', 'problems', 'improvementPlan'])));
  return {
    layout: 'sichuan-2023',
    title,
    above,
    columns: WIDTHS,
    rows,
    below: [{ text: W.projectHead, right: W.financeHead, style: 'meta', align: 'left' }],
    keep,
  };
}

export const sichuan2023Layout: ExportLayout = {
  id: 'sichuan-2023',
  name: '四川省部门预算项目支出绩效自评表（报表编号 510000_0013zp）',
  kind: 'project',
  profile: 'sichuan-2023',
  render,
};
