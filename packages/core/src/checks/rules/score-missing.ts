/** B: a score the form must give is blank: an indicator's, the budget block's, or the total. */
import { plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath, percent } from './support.ts';

export const scoreMissing: Rule = {
  code: 'score-missing',
  class: 'completeness',
  severity: 'warning',
  title: '得分未填写',
  basis: '自评表须填写预算执行得分、各指标得分和总分，作为评价等级和结果应用的依据',
  run(ctx) {
    const ev = ctx.evaluation;
    const b = ctx.score.budget;
    const out: RawFinding[] = [];
    if (ev.budget.score === null) {
      const hint =
        b.score.computed !== null && b.rate.computed !== null
          ? `（按执行率 ${percent(b.rate.computed, ctx.profile.rounding.percent)} 计算应为 ${plain(b.score.computed)} 分）`
          : '';
      out.push({ path: 'budget.score', message: `预算执行情况未填得分${hint}。` });
    }
    const missing = ev.indicators
      .map((ind, i) => ({ ind, i }))
      .filter(({ ind }) => ind.applicable !== false && ind.score === null);
    const applicable = ev.indicators.filter((ind) => ind.applicable !== false).length;
    // A form published before scoring leaves every score blank: one finding says it better than many.
    if (missing.length > 1 && missing.length === applicable) {
      out.push({ path: 'indicators', message: `${missing.length} 个绩效指标均未填得分。` });
    } else {
      for (const { ind, i } of missing) {
        out.push({ path: indicatorPath(i, 'score'), message: `“${ind.name}”未填得分。` });
      }
    }
    if (ev.totalReported === null) {
      const sum = ctx.score.totals.reportedSum;
      // A sum above the form's full marks would only repeat another cell's error as a hint.
      const full = ctx.profile.budgetWeight + ctx.profile.indicatorTotal;
      const hint =
        sum !== null && sum <= full && missing.length === 0 && ev.budget.score !== null
          ? `（各项得分合计为 ${plain(sum)} 分）`
          : '';
      out.push({ path: 'totalReported', message: `未填总分${hint}。` });
    }
    return out;
  },
};
