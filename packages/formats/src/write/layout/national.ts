/**
 * The national 项目支出绩效自评表 of 财预〔2020〕10号 (as Anhui, Hebei and Hubei's cities publish
 * it): title and （2022年度）; 项目名称, 主管部门 / 实施单位; 项目资金（万元） with 年初预算数 /
 * 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 for 年度资金总额 and its 其中 rows; 年度总体目标
 * with 预期目标 and 实际完成情况; the indicator table under a merged 绩效指标 cell with 年度指标值,
 * 实际完成值, 分值, 得分 and 偏差原因分析及改进措施; and 总分 with the 分值 total beside the score.
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
import { dateText, extraFooterRows, labelCells, labelRuns, totalRow } from './common.ts';
import type { ExportLayout } from './types.ts';

export const NATIONAL_WORDS = {
  title: '项目支出绩效自评表',
  project: '项目名称',
  department: '主管部门',
  implementer: '实施单位',
  budgetTitle: '项目资金（万元）',
  initial: '年初预算数',
  planned: '全年预算数',
  executed: '全年执行数',
  weight: '分值',
  rate: '执行率',
  score: '得分',
  totalLine: '年度资金总额',
  lineLead: '其中：',
  notScored: '—',
  goalTitle: '年度总体目标',
  goalText: '预期目标',
  goalOutcome: '实际完成情况',
  group: '绩效指标',
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  target: '年度指标值',
  actual: '实际完成值',
  deviation: '偏差原因分析及改进措施',
  total: '总分',
  filledOn: '填报日期',
} as const;

/** A 绩效指标, 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施 */
const WIDTHS = [9, 12, 14, 28, 14, 14, 7, 7, 26];
const COL = { l1: 1, l2: 2, name: 3, target: 4, actual: 5, weight: 6, score: 7, deviation: 8 } as const;

function render(ev: Evaluation, _profile: Profile): FormTable {
  const W = NATIONAL_WORDS;
  const width = WIDTHS.length;
  const above: FormLine[] = [{ text: W.title, style: 'title', align: 'center' }];
  if (ev.year !== null) above.push({ text: `（${ev.year}年度）`, style: 'subtitle', align: 'center' });
  if (ev.filledOn !== null) {
    above.push({ text: `${W.filledOn}：${dateText(ev.filledOn)}`, style: 'meta', align: 'right' });
  }
  const rows: TableCell[][] = [];
  rows.push([
    cell(0, W.project, { colSpan: 2, style: 'label' }),
    cell(2, ev.project, { colSpan: width - 2 }),
  ]);
  rows.push([
    cell(0, W.department, { colSpan: 2, style: 'label' }),
    cell(2, ev.department, { colSpan: 3 }),
    cell(5, W.implementer, { style: 'label' }),
    cell(6, ev.unit, { colSpan: 3 }),
  ]);

  const b = ev.budget;
  const budgetFrom = rows.length;
  // The caption spans the first two columns so that each line's label sits right before its
  // figures, as on the printed form.
  rows.push([
    cell(0, W.budgetTitle, { colSpan: 2, rowSpan: 2 + b.lines.length, style: 'header' }),
    cell(2, '', { style: 'header' }),
    ...[W.initial, W.planned, W.executed, W.weight, W.rate, W.score].map((h, i) =>
      cell(3 + i, h, { style: 'header' }),
    ),
  ]);
  rows.push([
    cell(2, W.totalLine, { style: 'label' }),
    moneyCell(3, b.initial),
    moneyCell(4, b.planned),
    moneyCell(5, b.executed),
    scoreCell(6, b.weight),
    percentCell(7, b.rate),
    scoreCell(8, b.score),
  ]);
  b.lines.forEach((line, i) => {
    rows.push([
      cell(2, `${i === 0 ? W.lineLead : ''}${line.label}`, { style: 'label' }),
      moneyCell(3, line.initial),
      moneyCell(4, line.planned),
      moneyCell(5, line.executed),
      line.weight === undefined || line.weight === null ? cell(6, W.notScored) : scoreCell(6, line.weight),
      percentCell(7, line.rate),
      line.score === undefined || line.score === null ? cell(8, W.notScored) : scoreCell(8, line.score),
    ]);
  });

  const goals = ev.goals.length > 0 ? ev.goals : [null];
  rows.push([
    cell(0, W.goalTitle, { rowSpan: 1 + goals.length, style: 'header' }),
    cell(1, W.goalText, { colSpan: 4, style: 'header' }),
    cell(5, W.goalOutcome, { colSpan: 4, style: 'header' }),
  ]);
  for (const g of goals) {
    rows.push([
      cell(1, g?.text, { colSpan: 4, style: 'narrative' }),
      cell(5, g?.outcome, { colSpan: 4, style: 'narrative' }),
    ]);
  }

  const keep: [number, number][] = [[budgetFrom, rows.length]];
  const inds = ev.indicators;
  rows.push([
    cell(0, W.group, { rowSpan: 1 + inds.length, style: 'header' }),
    ...[W.level1, W.level2, W.name, W.target, W.actual, W.weight, W.score, W.deviation].map((h, i) =>
      cell(1 + i, h, { style: 'header' }),
    ),
  ]);
  const runs = labelRuns(inds);
  inds.forEach((ind, i) => {
    rows.push([
      ...labelCells(inds, runs, i, COL),
      cell(COL.name, ind.name),
      valueCell(COL.target, ind.target.raw),
      valueCell(COL.actual, ind.actual.raw),
      scoreCell(COL.weight, ind.weight),
      scoreCell(COL.score, ind.score),
      cell(COL.deviation, ind.deviation, { style: 'narrative' }),
    ]);
  });
  rows.push(totalRow(ev, W.total, width, { weight: COL.weight, score: COL.score }));
  rows.push(...extraFooterRows(ev, width, new Set()));
  return {
    layout: 'national-project',
    title: `${ev.year === null ? '' : `${ev.year}年度`}${ev.project ?? ''}${W.title}`,
    above,
    columns: WIDTHS,
    rows,
    below: [],
    keep,
  };
}

export const nationalProjectLayout: ExportLayout = {
  id: 'national-project',
  name: '项目支出绩效自评表（财预〔2020〕10号）',
  kind: 'project',
  profile: 'national-2020',
  render,
};
