/**
 * B: an execution rate below the profile's threshold (90% by default) with no reason given. The
 * reason belongs in the form's analysis; an analysis that never speaks of the money (执行, 资金,
 * 结余 …) does not give it, but a reviewer judges that case (info).
 */
import { plain } from '../../decimal/decimal.ts';
import type { Rule } from '../types.ts';
import { analysisText, executionRate, isLowExecution, percent } from './support.ts';

// Words an explanation of unspent money uses.
const MONEY_WORDS = [
  '执行',
  '预算',
  '资金',
  '支付',
  '拨付',
  '拨款',
  '结余',
  '结转',
  '尾款',
  '支出',
  '付款',
  '采购',
  '未付',
];

export const lowExecutionUnexplained: Rule = {
  code: 'low-execution-unexplained',
  class: 'completeness',
  severity: 'warning',
  title: '预算执行率偏低未说明原因',
  basis: '预算执行率未达到90%的，须说明原因（四川510000_0013zp表注；各地自评通知通行要求）',
  run(ctx) {
    const threshold = ctx.profile.lowExecutionThreshold;
    if (!isLowExecution(ctx)) return [];
    const rate = executionRate(ctx);
    if (rate === null) return [];
    const analysis = analysisText(ctx.evaluation, ctx.boilerplate);
    const speaksOfMoney = MONEY_WORDS.some((w) => analysis.includes(w));
    if (speaksOfMoney) return [];
    const places = ctx.profile.rounding.percent;
    const b = ctx.score.budget;
    const how =
      b.rate.computed !== null && b.planned !== null && b.executed !== null
        ? `（执行数 ${plain(b.executed)} ÷ 预算数 ${plain(b.planned)}）`
        : '（按填报的执行率）';
    return [
      {
        path: 'budget.rate',
        message: `预算执行率 ${percent(rate, places)}${how}，低于 ${percent(threshold, 0)}，${analysis === '' ? '表内没有说明原因' : '偏差分析未说明预算执行或资金结余的原因，请核实'}。`,
        ...(analysis === '' ? {} : { severity: 'info' as const }),
      },
    ];
  },
};
