/** D: an indicator without its 二级 label. */
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath } from './support.ts';

export const level2Missing: Rule = {
  code: 'level2-missing',
  class: 'classification',
  severity: 'warning',
  title: '二级指标未填写',
  basis: '绩效指标按一级、二级、三级指标填报（财预〔2020〕10号附件绩效自评表）',
  run(ctx) {
    const facts = factsOf(ctx.evaluation);
    const blank = facts.filter((f) => f.level2 === null);
    if (blank.length === 0) return [];
    // A layout without a 二级 column (Chongqing's department form) leaves every row blank.
    if (blank.length === facts.length) {
      return [
        {
          path: 'indicators',
          severity: 'info',
          message: `全部${facts.length}个指标均未填写二级指标，无法核对指标归类。`,
        },
      ];
    }
    return blank.map(
      (f): RawFinding => ({
        path: indicatorPath(f.index, 'level2'),
        message: `“${f.indicator.name}”未填写二级指标${f.parent === null ? '' : `（一级指标为${f.parent}）`}。`,
      }),
    );
  },
};
