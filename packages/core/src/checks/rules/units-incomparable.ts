/** C: target and actual are numbers in units that cannot be compared ("3次" against "3个", "%" against "万元"). */
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath, shown, unitsComparable } from './support.ts';

export const unitsIncomparable: Rule = {
  code: 'units-incomparable',
  class: 'target-quality',
  severity: 'warning',
  title: '目标值与实际值单位不一致',
  basis: '实际完成值应与年度指标值同口径、同计量单位，才能计算完成比例和得分',
  run(ctx) {
    const out: RawFinding[] = [];
    ctx.evaluation.indicators.forEach((ind, i) => {
      const { target, actual } = ind;
      if (ind.applicable === false || target.kind !== 'quantitative' || actual.kind !== 'quantitative')
        return;
      if (target.value === null || actual.value === null) return;
      // The same unit, or none on one side, always compares; only differing units need the scale.
      if (!target.unit || !actual.unit || target.unit === actual.unit) return;
      if (unitsComparable(target, actual)) return;
      out.push({
        path: indicatorPath(i, 'actual'),
        message: `“${ind.name}”的年度指标值“${shown(target)}”（单位“${target.unit ?? ''}”）与实际完成值“${shown(actual)}”（单位“${actual.unit ?? ''}”）计量单位不同，无法比较和计分。`,
      });
    });
    return out;
  },
};
