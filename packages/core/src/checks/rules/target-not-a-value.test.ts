import { describe, expect, it } from 'vitest';
import { targetNotAValue } from './target-not-a-value.ts';
import { form, row, run } from './testkit.ts';

describe('target-not-a-value', () => {
  it('reports a sentence for a target when the actual is measured (the seed)', () => {
    const ev = form([row('积极为民营企业协调解决困难和问题', '园区民营企业提出困难需求', '回应率100%')]);
    expect(run(targetNotAValue, ev)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].target',
        message:
          '“积极为民营企业协调解决困难和问题”的年度指标值“园区民营企业提出困难需求”是一句描述，不是可衡量的指标值，而实际完成值为“回应率100%”；年度指标值应写成与实际完成值同口径的数值（如比例并注明≥、≤或=）。',
      }),
    ]);
  });

  it('accepts a legitimate qualitative target answered in words', () => {
    const ev = form([
      row('维护园区、商圈稳定和安全', '辖区内不发生社会群体性事件', '未发生'),
      row('项目完工', '12月底前完成', '11月完成'),
      row('满意度', '≥90%', '93%'),
    ]);
    expect(run(targetNotAValue, ev)).toEqual([]);
  });
});
