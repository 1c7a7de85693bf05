/** A: the execution rate printed on the form is not 执行数 ÷ 预算数. */
import { plain } from '../../decimal/decimal.ts';
import type { Rule } from '../types.ts';
import { percent } from './support.ts';

export const budgetRateMismatch: Rule = {
  code: 'budget-rate-mismatch',
  class: 'arithmetic',
  severity: 'error',
  title: '执行率与预算数、执行数不符',
  basis: '预算执行率 = 全年执行数（B）÷ 全年预算数（A）（自评表“执行率(B/A)”栏）',
  run(ctx) {
    const b = ctx.score.budget;
    const places = ctx.profile.rounding.percent;
    return ctx.score.differences
      .filter((d) => d.what === 'rate')
      .map((d) => ({
        path: d.path,
        message:
          b.rate.reported !== null && b.rate.computed !== null && b.planned !== null && b.executed !== null
            ? `执行率填报 ${percent(b.rate.reported, places)}，按全年执行数 ${plain(b.executed)} ÷ 全年预算数 ${plain(b.planned)} 计算应为 ${percent(b.rate.computed, places)}。`
            : d.message,
      }));
  },
};
