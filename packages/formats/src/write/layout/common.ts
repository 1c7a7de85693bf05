/** What the layouts share: merged label runs, footer rows, dates, weights and split targets. */
import { dec, type Evaluation, type Indicator, plain, type Value } from '@jixiao/core';
import { cell, scoreCell, type TableCell } from '../table.ts';

/** '2024-06-10' → '2024年6月10日', as forms print the date. */
export function dateText(iso: string | null): string {
  if (iso === null) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** '（20分）' when the points are known, '' otherwise: a form never prints a weight Jixiao guessed. */
export function points(weight: number | null | undefined): string {
  return weight === null || weight === undefined ? '' : `（${plain(weight)}分）`;
}

/**
 * How many rows each merged 一级 and 二级 label covers, per indicator: the span on the first row
 * of a run of equal labels, 0 on the rows it covers. A 二级 run never crosses its 一级 run.
 */
export function labelRuns(indicators: readonly Indicator[]): { l1: number[]; l2: number[] } {
  const l1 = new Array<number>(indicators.length).fill(0);
  const l2 = new Array<number>(indicators.length).fill(0);
  const key1 = (i: Indicator) => i.level1 ?? '';
  const key2 = (i: Indicator) => `${i.level1 ?? ''}\u0000${i.level2 ?? ''}`;
  for (const [spans, key] of [
    [l1, key1],
    [l2, key2],
  ] as const) {
    let start = 0;
    for (let i = 1; i <= indicators.length; i++) {
      if (i < indicators.length && key(indicators[i]!) === key(indicators[start]!)) continue;
      spans[start] = i - start;
      start = i;
    }
  }
  return { l1, l2 };
}

/** The 一级 and 二级 cells of indicator row `i` of a block (none where a label above covers it). */
export function labelCells(
  indicators: readonly Indicator[],
  runs: { l1: number[]; l2: number[] },
  i: number,
  cols: { l1: number; l2: number },
): TableCell[] {
  const out: TableCell[] = [];
  const ind = indicators[i]!;
  if (runs.l1[i]! > 0) out.push(cell(cols.l1, ind.level1, { rowSpan: runs.l1[i]!, style: 'label' }));
  if (runs.l2[i]! > 0) out.push(cell(cols.l2, ind.level2, { rowSpan: runs.l2[i]!, style: 'label' }));
  return out;
}

/** Budget weight plus every indicator weight, when all are known: the 分值 of 总分 / 合计. */
export function weightTotal(ev: Evaluation): number | null {
  if (ev.budget.weight === null) return null;
  if (ev.indicators.length === 0 || ev.indicators.some((i) => i.weight === null)) return null;
  return ev.indicators.reduce((s, i) => s.plus(i.weight!), dec(ev.budget.weight)).toNumber();
}

/** A footer row: its caption over the first columns, the text over the rest. */
export function narrativeRow(label: string, text: string | null | undefined, width: number, labelSpan = 2) {
  return [
    cell(0, label, { colSpan: labelSpan, style: 'label' }),
    cell(labelSpan, text, { colSpan: width - labelSpan, style: 'narrative' }),
  ];
}

/** The 总分 row: caption up to the 分值 (or 得分) column, then 分值 total, 得分, and the rest blank. */
export function totalRow(
  ev: Evaluation,
  label: string,
  width: number,
  cols: { weight: number | null; score: number },
): TableCell[] {
  const first = cols.weight ?? cols.score;
  const out = [cell(0, label, { colSpan: first, style: 'label' })];
  if (cols.weight !== null) out.push(scoreCell(cols.weight, weightTotal(ev)));
  out.push(scoreCell(cols.score, ev.totalReported));
  if (cols.score + 1 < width) out.push(cell(cols.score + 1, '', { colSpan: width - cols.score - 1 }));
  return out;
}

/**
 * Footer rows for fields the layout does not print but the evaluation holds, so that nothing
 * the unit wrote is lost on the way out: 自评等级, the narratives, 评价结论, 存在问题.
 */
export type FooterField = 'grade' | 'deviationAnalysis' | 'improvementPlan' | 'conclusion' | 'problems';

export function extraFooterRows(
  ev: Evaluation,
  width: number,
  printed: ReadonlySet<FooterField>,
): TableCell[][] {
  const rows: TableCell[][] = [];
  const add = (key: FooterField, label: string, v: string | null | undefined) => {
    if (printed.has(key) || v === null || v === undefined) return;
    rows.push(narrativeRow(label, v, width));
  };
  add('grade', '自评等级', ev.grade);
  add('deviationAnalysis', '偏差大或目标未完成原因分析', ev.deviationAnalysis);
  add('improvementPlan', '改进措施及结果应用方案', ev.improvementPlan);
  add('conclusion', '评价结论', ev.conclusion);
  add('problems', '存在问题', ev.problems);
  return rows;
}

const OPERATOR_TEXT = /^(≥|≤|>=|<=|>|<|=|＞|＜|＝|≧|≦)?$/;

/**
 * A target split into the 指标性质 | 指标值 | 度量单位 cells of the Sichuan form, only when the
 * three put back together give the written text again ('≥735人次' → '≥', '735', '人次');
 * anything else ('12月底前完成', '不低于90%') stays whole in 指标值.
 */
export function splitTarget(v: Value): { op: string; value: string; unit: string } {
  const whole = { op: '', value: v.raw, unit: '' };
  if (v.kind !== 'quantitative' || v.value === null || (v.upper !== undefined && v.upper !== null))
    return whole;
  const num = plain(v.value);
  const unit = v.unit ?? '';
  const at = v.raw.indexOf(num);
  if (at < 0) return whole;
  const op = v.raw.slice(0, at);
  const rest = v.raw.slice(at + num.length);
  if (!OPERATOR_TEXT.test(op) || rest !== unit) return whole;
  return { op, value: num, unit };
}
