/** C: a quantitative target with no unit anywhere on its row (target, actual or the name's brackets). */
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath, shown } from './support.ts';

// Some templates move the unit into the name: "带动贫困户(人)", "满意度(%)".
const UNIT_IN_NAME = /[(（][^()（）]{1,4}[)）]\s*$/;

function hasUnit(unit: string | null): boolean {
  return unit !== null && unit !== '';
}

export const unitMissing: Rule = {
  code: 'unit-missing',
  class: 'target-quality',
  severity: 'info',
  title: '指标值未写计量单位',
  basis: '定量指标应注明度量单位（个、次、%、万元等），否则无法判断口径（四川510000_0013zp“度量单位”栏）',
  run(ctx) {
    const out: RawFinding[] = [];
    ctx.evaluation.indicators.forEach((ind, i) => {
      const t = ind.target;
      if (ind.applicable === false || t.kind !== 'quantitative' || t.value === null) return;
      if (hasUnit(t.unit) || hasUnit(ind.actual.unit) || UNIT_IN_NAME.test(ind.name)) return;
      out.push({
        path: indicatorPath(i, 'target'),
        message: `“${ind.name}”的年度指标值“${shown(t)}”和实际完成值“${shown(ind.actual)}”都没有计量单位，无法判断是数量、金额还是比例。`,
      });
    });
    return out;
  },
};
