/** E: a satisfaction rate above 100%, which no survey can give. */
import { plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath, isSatisfactionRate, percentValue } from './support.ts';

export const implausibleSatisfaction: Rule = {
  code: 'implausible-satisfaction',
  class: 'plausibility',
  severity: 'error',
  title: '满意度超过100%',
  basis: '满意度是满意人数占调查人数的比例，不可能超过100%',
  run(ctx) {
    const out: RawFinding[] = [];
    for (const f of factsOf(ctx.evaluation)) {
      if (!isSatisfactionRate(f)) continue;
      // Without a unit only a name that says it is a rate makes the number a percentage.
      const unitless = f.satisfactionWord !== null;
      for (const field of ['target', 'actual'] as const) {
        const value = f.indicator[field];
        const v = percentValue(value, unitless);
        if (v === null) continue;
        const top = Math.max(v.value, v.upper ?? v.value);
        if (top <= 100) continue;
        out.push({
          path: indicatorPath(f.index, field),
          message: `“${f.indicator.name}”的${field === 'target' ? '目标值' : '实际完成值'}“${value.raw.trim()}”为${plain(top)}%，满意度不可能超过100%，请核实。`,
        });
      }
    }
    return out;
  },
};
