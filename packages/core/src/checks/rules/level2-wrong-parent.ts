/** D: a standard 二级 filed under a 一级 it does not belong to (质量指标 under 效益指标). */
import { childrenOf, parentOf } from '../../taxonomy/classify.ts';
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath } from './support.ts';

export const level2WrongParent: Rule = {
  code: 'level2-wrong-parent',
  class: 'classification',
  severity: 'warning',
  title: '二级指标与一级指标不对应',
  basis:
    '指标体系中每个二级指标只属于一个一级指标（财预〔2020〕10号；成本指标自财预〔2021〕101号起另设为一级指标）',
  run(ctx) {
    const out: RawFinding[] = [];
    for (const f of factsOf(ctx.evaluation)) {
      const { level1, level2 } = f;
      // Non-standard or blank labels have their own rules; only two standard labels can disagree.
      if (level1 === null || level2 === null || level1.standard === 'non-standard') continue;
      if (level2.standard === 'non-standard' || f.labelsAgree) continue;
      const l1 = level1.standard;
      const l2 = level2.standard;
      const owners = parentOf(l2).join('或');
      const siblings = childrenOf(l1).join('、');
      // A money figure under 效益指标 has an obvious home; otherwise the reviewer decides.
      const advice =
        f.moneyWord !== null && l1 === '效益指标'
          ? `该指标是经济金额（${f.moneyWord}），宜归入经济效益指标`
          : '请按指标实际衡量的内容重新归类';
      out.push({
        path: indicatorPath(f.index, 'level2'),
        message: `“${f.indicator.name}”的二级指标“${l2}”属于${owners}，不应列在一级指标“${l1}”下；${l1}下的二级指标为${siblings}，${advice}。`,
      });
    }
    return out;
  },
};
