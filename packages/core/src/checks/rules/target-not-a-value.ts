/**
 * C: a target written as a sentence while the actual is measured ("园区民营企业提出困难需求" against
 * "回应率100%"). A qualitative target answered in words ("辖区内不发生社会群体性事件" → "未发生") is
 * legitimate and not flagged: only a number on the actual side shows what should have been the target.
 */
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath, shown } from './support.ts';

export const targetNotAValue: Rule = {
  code: 'target-not-a-value',
  class: 'target-quality',
  severity: 'warning',
  title: '目标值是一句描述而不是可衡量的值',
  basis:
    '绩效指标值应清晰、可衡量，能量化的应量化（财预〔2020〕10号；《中央部门项目支出核心绩效目标和指标设置及取值指引》）',
  run(ctx) {
    const out: RawFinding[] = [];
    ctx.evaluation.indicators.forEach((ind, i) => {
      if (ind.target.kind !== 'qualitative' || ind.actual.kind !== 'quantitative') return;
      out.push({
        path: indicatorPath(i, 'target'),
        message: `“${ind.name}”的年度指标值“${shown(ind.target)}”是一句描述，不是可衡量的指标值，而实际完成值为“${shown(ind.actual)}”；年度指标值应写成与实际完成值同口径的数值（如比例并注明≥、≤或=）。`,
      });
    });
    return out;
  },
};
