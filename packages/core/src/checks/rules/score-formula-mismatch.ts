/** A: a quantitative indicator's score departs from the profile's formula. */
import { dec, plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';

// The engine's explanation ends with what the form reported; the message says that already.
const REPORTED_TAIL = /；(?:填报得分|未填得分)[^；]*$/;

export const scoreFormulaMismatch: Rule = {
  code: 'score-formula-mismatch',
  class: 'arithmetic',
  severity: 'warning',
  title: '定量指标得分与计分公式不符',
  basis:
    '定量指标按完成比例计分：正向指标 分值 × 实际值/目标值，反向指标 分值 × 目标值/实际值，最高为分值（财预〔2020〕10号；评分规则的公式）',
  needs: ['weights'],
  run(ctx) {
    const out: RawFinding[] = [];
    for (const s of ctx.score.indicators) {
      if (s.difference === null || s.computed === null || s.effectiveWeight === null) continue;
      const ind = ctx.evaluation.indicators[s.index];
      if (!ind || ind.score === null) continue;
      // Scores above the weight or below zero have their own, more pointed findings.
      if (ind.score < 0 || ind.score > s.effectiveWeight) continue;
      const how = s.explanation.replace(REPORTED_TAIL, '').replace(/。$/, '');
      out.push({
        path: `${s.path}.score`,
        message: `“${ind.name}”填报得分 ${plain(ind.score)} 分，按计分公式应为 ${plain(s.computed)} 分，相差 ${plain(dec(s.difference).abs())} 分（${how}）。`,
      });
    }
    return out;
  },
};
