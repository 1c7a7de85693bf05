/** D: an indicator without its 一级 label. */
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath } from './support.ts';

export const level1Missing: Rule = {
  code: 'level1-missing',
  class: 'classification',
  severity: 'warning',
  title: '一级指标未填写',
  basis: '绩效指标按一级、二级、三级指标填报（财预〔2020〕10号附件绩效自评表）',
  run(ctx) {
    const facts = factsOf(ctx.evaluation);
    const blank = facts.filter((f) => f.level1 === null);
    if (blank.length === 0) return [];
    // A layout without a 一级 column leaves every row blank: one note, not one per row.
    if (blank.length === facts.length) {
      return [
        {
          path: 'indicators',
          severity: 'info',
          message: `全部${facts.length}个指标均未填写一级指标，无法核对指标归类。`,
        },
      ];
    }
    return blank.map((f): RawFinding => {
      const inferred = f.parent;
      return inferred === null
        ? { path: indicatorPath(f.index, 'level1'), message: `“${f.indicator.name}”未填写一级指标。` }
        : {
            path: indicatorPath(f.index, 'level1'),
            severity: 'info',
            message: `“${f.indicator.name}”未填写一级指标，按其二级指标应为“${inferred}”。`,
          };
    });
  },
};
