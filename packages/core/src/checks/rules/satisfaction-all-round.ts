/** E: every satisfaction rate a round number (or all 100%), as if no survey had been counted. */
import { dec, plain, scaledNumber } from '../../decimal/decimal.ts';
import type { Rule } from '../types.ts';
import { factsOf, isSatisfactionRate, percentValue } from './support.ts';

/**
 * Whether every value is a whole multiple of `step`. Whole numbers (most survey results) against
 * a whole step are exact as they are; the decimals, which cost more than the rest of the rule,
 * are only needed for a value such as 93.5%.
 */
function allMultiplesOf(values: readonly number[], step: number): boolean {
  const wholeStep = Number.isSafeInteger(step);
  // A value of a few places (93.5) against a whole step: both as whole millionths, exactly.
  const stepMillionths = wholeStep ? step * 1e6 : Number.NaN;
  const exactStep = Number.isSafeInteger(stepMillionths);
  for (const v of values) {
    if (wholeStep && Number.isSafeInteger(v)) {
      if (v % step !== 0) return false;
      continue;
    }
    const n = exactStep ? scaledNumber(v, 6) : null;
    if (n !== null ? n % stepMillionths !== 0 : !dec(v).modulo(step).isZero()) return false;
  }
  return true;
}

export const satisfactionAllRound: Rule = {
  code: 'satisfaction-all-round',
  class: 'plausibility',
  severity: 'info',
  thresholds: ['satisfactionRoundMin', 'satisfactionRoundStep'],
  title: '满意度实际值均为整数档或均为100%',
  basis: '满意度应以问卷调查等方式实际测得，调查结果通常不会全部落在整数档上',
  run(ctx) {
    const min = ctx.threshold('satisfactionRoundMin');
    const step = ctx.threshold('satisfactionRoundStep');
    const values: number[] = [];
    for (const f of factsOf(ctx.evaluation)) {
      if (!isSatisfactionRate(f)) continue;
      const v = percentValue(f.indicator.actual, true);
      if (v !== null && v.upper === null) values.push(v.value);
    }
    if (values.length < min || !(step > 0)) return [];
    if (values.every((v) => v === 100)) {
      return [
        {
          path: 'indicators',
          message: `${values.length}项满意度指标的实际值均为100%；请核实是否开展了满意度调查，并保留问卷、样本数等依据。`,
        },
      ];
    }
    if (!allMultiplesOf(values, step)) return [];
    const listed = [...new Set(values)].sort((a, b) => a - b).map((v) => `${plain(v)}%`);
    return [
      {
        path: 'indicators',
        message: `${values.length}项满意度指标的实际值均为${plain(step)}的整数倍（${listed.join('、')}）；实际调查结果一般不会全是整数档，请核实满意度是否实际测得，并保留调查依据。`,
      },
    ];
  },
};
