/** A: more was spent than the (adjusted) budget, in total or on a breakdown line. */
import { dec, plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { percent } from './support.ts';

export const executedExceedsPlanned: Rule = {
  code: 'executed-exceeds-planned',
  class: 'arithmetic',
  severity: 'warning',
  title: '执行数超过预算数',
  basis: '全年执行数不应超过全年预算数（调整后预算数）；年中追加的预算应计入调整后预算数',
  run(ctx) {
    const budget = ctx.evaluation.budget;
    const money = budget.moneyUnit || '万元';
    const places = ctx.profile.rounding.percent;
    const out: RawFinding[] = [];
    const { planned, executed } = budget;
    if (planned !== null && executed !== null && executed > planned) {
      const rate = planned > 0 ? `（执行率 ${percent(dec(executed).dividedBy(planned), places)}）` : '';
      out.push({
        path: 'budget.executed',
        message: `全年执行数 ${plain(executed)}${money}超过全年预算数 ${plain(planned)}${money}${rate}；如年中追加了预算，应按调整后预算数填列。`,
      });
    }
    budget.lines.forEach((line, i) => {
      if (line.planned === null || line.executed === null) return;
      if (!(line.executed > line.planned)) return;
      out.push({
        path: `budget.lines[${i}]`,
        message: `资金明细“${line.label}”执行数 ${plain(line.executed)}${money}超过预算数 ${plain(line.planned)}${money}。`,
      });
    });
    return out;
  },
};
