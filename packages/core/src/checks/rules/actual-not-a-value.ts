/** B: a measurable target answered with words ("≥90%" → "达标"), so the score cannot be computed. */
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath, shown } from './support.ts';

export const actualNotAValue: Rule = {
  code: 'actual-not-a-value',
  class: 'completeness',
  severity: 'warning',
  title: '定量指标的实际完成值不是数值',
  basis: '定量指标按实际值与目标值之比计分，实际完成值须填写与目标值同口径的数值',
  run(ctx) {
    const out: RawFinding[] = [];
    ctx.evaluation.indicators.forEach((ind, i) => {
      if (ind.applicable === false) return;
      if (ind.target.kind !== 'quantitative' || ind.target.value === null) return;
      if (ind.actual.kind !== 'qualitative' && ind.actual.kind !== 'deadline') return;
      out.push({
        path: indicatorPath(i, 'actual'),
        message: `“${ind.name}”的年度指标值“${shown(ind.target)}”是数值，实际完成值却写成“${shown(ind.actual)}”，无法按公式计分；应填写实际达到的数值。`,
      });
    });
    return out;
  },
};
