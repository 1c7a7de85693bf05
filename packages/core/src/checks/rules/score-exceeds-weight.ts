/** A: an indicator scored more than its weight. */
import { plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath } from './support.ts';

export const scoreExceedsWeight: Rule = {
  code: 'score-exceeds-weight',
  class: 'arithmetic',
  severity: 'error',
  title: '指标得分超过分值',
  basis: '指标得分最高不超过该指标分值，超额完成不加分（财预〔2020〕10号；湖北自评表备注计分规则）',
  needs: ['weights'],
  run(ctx) {
    const out: RawFinding[] = [];
    for (const s of ctx.score.indicators) {
      const ind = ctx.evaluation.indicators[s.index];
      if (!ind || ind.score === null || s.effectiveWeight === null || s.status === 'not-applicable') continue;
      // Two numbers read from decimal text order as their decimals do (support.ts compareAmounts).
      if (!(ind.score > s.effectiveWeight)) continue;
      // When other rows do not apply, the weights were scaled up; the cap is the scaled weight.
      const scaled = ind.weight !== null && s.effectiveWeight !== ind.weight;
      out.push({
        path: indicatorPath(s.index, 'score'),
        message: `“${ind.name}”得分 ${plain(ind.score)} 分，超过其分值 ${plain(s.effectiveWeight)} 分${scaled ? `（原分值 ${plain(ind.weight ?? 0)} 分，因有指标不适用按比例调整）` : ''}；指标得分不得超过分值。`,
      });
    }
    return out;
  },
};
