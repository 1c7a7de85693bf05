/** A: the total printed on the form differs from the budget score plus the indicator scores it lists. */
import type { Rule } from '../types.ts';

export const totalMismatch: Rule = {
  code: 'total-mismatch',
  class: 'arithmetic',
  severity: 'error',
  title: '总分与分项合计不符',
  basis: '自评总分 = 预算执行得分 + 各绩效指标得分之和（财预〔2020〕10号附件自评表计分方法）',
  run(ctx) {
    // The engine compares the printed total with the printed parts at the profile's rounding.
    return ctx.score.differences
      .filter((d) => d.what === 'total')
      .map((d) => ({ path: d.path, message: d.message }));
  },
};
