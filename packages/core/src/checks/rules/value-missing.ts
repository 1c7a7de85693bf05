/**
 * B: a figure the form must give is blank: an indicator's target or actual, its weight when the
 * other rows have one, or the budget and execution amounts.
 */
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath, percent, shown } from './support.ts';

export const valueMissing: Rule = {
  code: 'value-missing',
  class: 'completeness',
  severity: 'warning',
  title: '指标值或预算数未填写',
  basis: '自评表须逐项填写年度指标值、实际完成值、分值和预算数、执行数，空项无法计分和复核',
  run(ctx) {
    const ev = ctx.evaluation;
    const out: RawFinding[] = [];
    if (ev.budget.planned === null) {
      out.push({ path: 'budget.planned', message: '未填写全年预算数，无法计算预算执行率和得分。' });
    }
    if (ev.budget.executed === null) {
      out.push({ path: 'budget.executed', message: '未填写全年执行数，无法计算预算执行率和得分。' });
    }
    const rate = ctx.score.budget.rate.computed;
    if (ev.budget.rate === null && rate !== null) {
      // The rate follows from the two amounts, so its blank cell is a gap of form, not of substance.
      out.push({
        path: 'budget.rate',
        severity: 'info',
        message: `未填写执行率（按执行数 ÷ 预算数应为 ${percent(rate, ctx.profile.rounding.percent)}）。`,
      });
    }
    const weighted = ev.indicators.filter((i) => i.weight !== null).length;
    ev.indicators.forEach((ind, i) => {
      if (ind.applicable === false) return;
      const noTarget = ind.target.kind === 'empty';
      const noActual = ind.actual.kind === 'empty';
      if (noTarget && noActual) {
        out.push({ path: indicatorPath(i), message: `“${ind.name}”未填写年度指标值和实际完成值。` });
      } else if (noTarget) {
        out.push({
          path: indicatorPath(i, 'target'),
          message: `“${ind.name}”未填写年度指标值（实际完成值为“${shown(ind.actual)}”）。`,
        });
      } else if (noActual) {
        out.push({
          path: indicatorPath(i, 'actual'),
          message: `“${ind.name}”未填写实际完成值（年度指标值为“${shown(ind.target)}”）。`,
        });
      }
      // Forms without a weight column are the norm in some regions; a single gap among weights is not.
      if (ind.weight === null && weighted > 0) {
        out.push({
          path: indicatorPath(i, 'weight'),
          message: `“${ind.name}”未填写分值，而其他 ${weighted} 个指标填了分值。`,
        });
      }
    });
    return out;
  },
};
