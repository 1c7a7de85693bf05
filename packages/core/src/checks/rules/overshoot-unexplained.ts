/**
 * B: an actual far above its target (actual ÷ target at or above the profile's overshoot threshold,
 * 130% by default) with no explanation on the row or in the form's analysis naming it. Stock
 * phrases do not count: "基本完成年度预算绩效目标" does not explain a 400% result.
 */
import type { RawFinding, Rule } from '../types.ts';
import { explanationOf, indicatorPath, percent, shown } from './support.ts';

export const overshootUnexplained: Rule = {
  code: 'overshoot-unexplained',
  class: 'completeness',
  severity: 'warning',
  title: '大幅超额完成未说明原因',
  basis:
    '实际完成值超过目标值较多（默认130%以上）的，应说明原因；超额过多通常说明目标设定偏低，复核时可酌情扣分',
  run(ctx) {
    const places = ctx.profile.rounding.percent;
    const over = ctx.score.indicators.filter((s) => s.overshoot && s.ratio !== null);
    // Most forms have no overshoot: the threshold is written only for those that do.
    if (over.length === 0) return [];
    const threshold = percent(ctx.profile.overshootThreshold, 0);
    // a loop rather than flatMap, whose call showed in profiles above the rest of the rule
    const out: RawFinding[] = [];
    for (const s of over) {
      const ind = ctx.evaluation.indicators[s.index];
      if (!ind) continue;
      const explained = explanationOf(ind, ctx);
      if (explained === 'row' || explained === 'named') continue;
      out.push({
        path: indicatorPath(s.index, 'deviation'),
        message: `“${ind.name}”实际完成 ${shown(ind.actual)}，目标 ${shown(ind.target)}，完成 ${percent(s.ratio ?? 0, places)}，达到 ${threshold} 以上，但该行没有偏差说明，表末偏差分析也未提及；超额完成较多应说明原因（目标是否定得偏低）。`,
      });
    }
    return out;
  },
};
