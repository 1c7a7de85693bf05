/** A: a qualitative indicator's score lies outside the band of the grade the unit picked. */
import { plain } from '../../decimal/decimal.ts';
import { withinBand } from '../../scoring/indicator.ts';
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath } from './support.ts';

export const qualitativeScoreOutOfBand: Rule = {
  code: 'qualitative-score-out-of-band',
  class: 'arithmetic',
  severity: 'warning',
  title: '定性指标得分不在所选等级的分档内',
  basis:
    '定性指标按达成、部分达成、未达成分档计分（全国：分值的[80%,100%]、[60%,80%)、[0,60%)；湖北：[80%,100%]、[50%,80%)、[0,50%)）',
  needs: ['weights'],
  run(ctx) {
    const out: RawFinding[] = [];
    for (const s of ctx.score.indicators) {
      if (s.status !== 'qualitative' || s.band === null || s.effectiveWeight === null) continue;
      const ind = ctx.evaluation.indicators[s.index];
      if (!ind || ind.score === null) continue;
      // Negative and above-weight scores are reported by their own rules.
      if (ind.score < 0 || ind.score > s.effectiveWeight) continue;
      if (withinBand(ind.score, s.band)) continue;
      out.push({
        path: indicatorPath(s.index, 'score'),
        message: `“${ind.name}”自评等级为“${s.band.grade}”，按分档规则得分应在 ${plain(s.band.min)}～${plain(s.band.max)} 分${s.band.maxInclusive ? '' : '（不含上限）'}，填报 ${plain(ind.score)} 分。`,
      });
    }
    return out;
  },
};
