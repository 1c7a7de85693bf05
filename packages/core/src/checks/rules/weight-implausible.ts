/** E: a weight no form can have: above the indicator total, negative, or 0 on a row that scored. */
import { plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath } from './support.ts';

export const weightImplausible: Rule = {
  code: 'weight-implausible',
  class: 'plausibility',
  severity: 'error',
  title: '指标分值不合理',
  basis: '各指标分值之和为绩效指标总分（评分规则的指标分值），单个指标分值不能超过总分，分值为0的指标不得分',
  needs: ['weights'],
  run(ctx) {
    const total = ctx.profile.indicatorTotal;
    const out: RawFinding[] = [];
    ctx.evaluation.indicators.forEach((ind, i) => {
      const w = ind.weight;
      if (w === null) return;
      let message: string | null = null;
      if (w < 0) message = `“${ind.name}”的分值为${plain(w)}，分值不能为负数。`;
      else if (w > total)
        message = `“${ind.name}”的分值${plain(w)}分超过绩效指标总分${plain(total)}分（${ctx.profile.name}）。`;
      else if (w === 0 && ind.score !== null && ind.score !== 0)
        message = `“${ind.name}”的分值为0，却填报得分${plain(ind.score)}分。`;
      if (message !== null) out.push({ path: indicatorPath(i, 'weight'), message });
    });
    return out;
  },
};
