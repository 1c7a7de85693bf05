import { describe, expect, it } from 'vitest';
import { targetNoOperator } from './target-no-operator.ts';
import { form, places, row, run } from './testkit.ts';

describe('target-no-operator', () => {
  it('notes each quantitative target without a direction, once per indicator', () => {
    const ev = form([
      row('引进100亿元以上项目数', '1个', '1个'),
      row('考试合格率', '100%', '100%'),
      row('x', '5亿', ''),
    ]);
    const findings = run(targetNoOperator, ev);
    expect(places(findings)).toEqual([
      'target-no-operator indicators[0].target',
      'target-no-operator indicators[1].target',
      'target-no-operator indicators[2].target',
    ]);
    expect(findings[0]).toMatchObject({
      severity: 'info',
      message:
        '“引进100亿元以上项目数”的年度指标值“1个”未写比较方向（≥、≤ 或 =），计分时按“≥”（越高越好）处理；请写明方向。',
    });
  });

  it('accepts operators in any spelling, ranges, and words', () => {
    const ev = form([
      row('a', '≥12次', '19次'),
      row('b', '90%以上', '93%'),
      row('c', '不超过45万元', '41万元'),
      row('d', '=100%', '100%'),
      row('e', '90%-95%', '93%'),
      row('f', '辖区内不发生社会群体性事件', '未发生'),
    ]);
    expect(run(targetNoOperator, ev)).toEqual([]);
  });
});
