/** E: every indicator at full marks and not a word of narrative to support it. */
import { dec, plain } from '../../decimal/decimal.ts';
import type { Rule } from '../types.ts';
import { isSubstantive } from './support.ts';

export const allFullMarksNoNarrative: Rule = {
  code: 'all-full-marks-no-narrative',
  class: 'plausibility',
  severity: 'warning',
  title: '全部指标满分且无任何说明',
  basis:
    '单位自评应如实、客观反映绩效目标完成情况（财预〔2020〕10号）；全部满分且无任何说明的自评表是复核抽查的重点',
  needs: ['weights'],
  run(ctx) {
    const ev = ctx.evaluation;
    const rows = ctx.score.indicators.filter((s) => s.status !== 'not-applicable');
    if (rows.length === 0) return [];
    for (const s of rows) {
      if (s.reported === null || s.effectiveWeight === null) return [];
      if (s.reported < s.effectiveWeight) return [];
    }
    const texts = [
      ev.deviationAnalysis,
      ev.improvementPlan,
      ev.conclusion,
      ev.problems,
      ...ev.indicators.map((i) => i.deviation),
      ...ev.goals.map((g) => g.outcome),
    ];
    if (texts.some((t) => isSubstantive(t, ctx.boilerplate))) return [];
    const total = rows.reduce((sum, s) => sum.plus(dec(s.reported ?? 0)), dec(0));
    return [
      {
        path: 'deviationAnalysis',
        message: `全部${rows.length}个指标均为满分（指标得分合计${plain(total)}分），但偏差分析、改进措施、目标完成情况和各指标均无任何说明；满分自评应说明完成情况和佐证依据。`,
      },
    ];
  },
};
