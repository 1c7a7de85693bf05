/** A: the budget block's weight printed on the form differs from the profile's. */
import { plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';

export const budgetWeightMismatch: Rule = {
  code: 'budget-weight-mismatch',
  class: 'arithmetic',
  severity: 'warning',
  title: '预算执行分值与评分规则不符',
  basis: '预算执行情况的分值由评分规则规定（湖北20分，全国及多数省份10分），不得自行调整',
  run(ctx) {
    const reported = ctx.score.budget.weightReported;
    if (reported === null) return [];
    const p = ctx.profile;
    const whole = p.budgetWeight + p.indicatorTotal;
    const finding: RawFinding = {
      path: 'budget.weight',
      message: `预算执行分值填报 ${plain(reported)} 分，评分规则“${p.name}”规定为 ${plain(p.budgetWeight)} 分。`,
    };
    // A budget weight as large as the whole form cannot be a regional variant: a cell was misfilled.
    if (reported >= whole) {
      finding.severity = 'error';
      finding.message += `该分值已达到整张表的满分 ${plain(whole)} 分，疑为把总分填入了预算执行分值栏。`;
    }
    return [finding];
  },
};
