/** F: the planned budget changed sharply from last year's. */
import { dec, plain } from '../../decimal/decimal.ts';
import type { Rule } from '../types.ts';
import { inYuan, lastYearOf, percent } from './support.ts';

export const budgetSharpChange: Rule = {
  code: 'budget-sharp-change',
  class: 'history',
  severity: 'info',
  title: '预算数较上年变化较大',
  basis: '预算安排应与绩效目标相匹配；资金规模大幅变化时，绩效目标和指标值应相应调整并说明原因',
  needs: ['history'],
  thresholds: ['budgetChangeShare'],
  run(ctx) {
    const ly = lastYearOf(ctx);
    if (ly === null) return [];
    const now = ctx.evaluation.budget;
    const before = ly.last.budget;
    if (now.planned === null || before.planned === null) return [];
    const a = inYuan(now.planned, now.moneyUnit);
    const b = inYuan(before.planned, before.moneyUnit);
    if (a === null || b === null || b.lessThanOrEqualTo(0)) return [];
    const change = a.minus(b).dividedBy(b);
    const limit = dec(ctx.threshold('budgetChangeShare'));
    if (change.abs().lessThanOrEqualTo(limit)) return [];
    return [
      {
        path: 'budget.planned',
        message: `全年预算数${plain(now.planned)}${now.moneyUnit}，${ly.label}为${plain(before.planned)}${before.moneyUnit}，${change.isNegative() ? '减少' : '增加'}${percent(change.abs(), ctx.profile.rounding.percent)}，超过${percent(limit, 0)}；请核实预算数，并说明绩效目标是否随资金规模相应调整。`,
      },
    ];
  },
};
