/** A: the budget score printed on the form is not weight × min(执行率, 100%). */
import { dec, min, plain } from '../../decimal/decimal.ts';
import type { Rule } from '../types.ts';
import { percent } from './support.ts';

export const budgetScoreMismatch: Rule = {
  code: 'budget-score-mismatch',
  class: 'arithmetic',
  severity: 'error',
  title: '预算执行得分计算有误',
  basis:
    '预算执行得分 = 预算执行分值 × 执行率，执行率超过100%按100%计（湖北20分、全国及多数省份10分，见评分规则）',
  run(ctx) {
    const b = ctx.score.budget;
    const places = ctx.profile.rounding.percent;
    return ctx.score.differences
      .filter((d) => d.what === 'budget-score')
      .map((d) => {
        if (b.score.reported === null || b.score.computed === null || b.rate.computed === null) {
          return { path: d.path, message: d.message };
        }
        const diff = dec(b.score.reported).minus(b.score.computed).abs();
        const rate = percent(min(dec(b.rate.computed), dec(1)), places);
        // A form printed for another region's weight explains the gap; say so rather than blame the sum.
        const weightNote =
          b.weightReported === null
            ? ''
            : `表内预算执行分值为 ${plain(b.weightReported)} 分，与评分规则不同，请确认所选评分规则或分值。`;
        return {
          path: d.path,
          message: `预算执行得分填报 ${plain(b.score.reported)} 分，按 ${plain(b.weight)}分 × 执行率 ${rate} 计算应为 ${plain(b.score.computed)} 分，相差 ${plain(diff)} 分。${weightNote}`,
        };
      });
  },
};
