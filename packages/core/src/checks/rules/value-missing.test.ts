import { describe, expect, it } from 'vitest';
import { form, places, row, run } from './testkit.ts';
import { valueMissing } from './value-missing.ts';

describe('value-missing', () => {
  it('reports blank targets and actuals, one finding for a row with both blank', () => {
    const ev = form([
      row('工程质量合格', '', '', 10, 10),
      row('服务对象满意度', '', '100%', 10, 10),
      row('发放覆盖率', '=100%', '/', 10, null),
    ]);
    const findings = run(valueMissing, ev);
    expect(places(findings)).toEqual([
      'value-missing indicators[0]',
      'value-missing indicators[1].target',
      'value-missing indicators[2].actual',
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      '“工程质量合格”未填写年度指标值和实际完成值。',
      '“服务对象满意度”未填写年度指标值（实际完成值为“100%”）。',
      '“发放覆盖率”未填写实际完成值（年度指标值为“=100%”）。',
    ]);
  });

  it('reports a missing weight only when the other rows have one', () => {
    const some = form([row('a', '≥1个', '1个', 10, 10), row('b', '≥1个', '1个', null, 10)]);
    expect(places(run(valueMissing, some))).toEqual(['value-missing indicators[1].weight']);
    const none = form([row('a', '≥1个', '1个', null, 10), row('b', '≥1个', '1个', null, 10)]);
    expect(run(valueMissing, none).filter((f) => f.code === 'value-missing')).toEqual([]);
  });

  it('reports blank budget amounts, and a blank rate as info with the rate it should be', () => {
    expect(
      places(run(valueMissing, form([], { budget: { planned: null, executed: null, rate: null } }))),
    ).toEqual(['value-missing budget.planned', 'value-missing budget.executed']);
    const noRate = run(valueMissing, form([], { budget: { planned: 880, executed: 880, rate: null } }));
    expect(noRate).toEqual([
      expect.objectContaining({
        path: 'budget.rate',
        severity: 'info',
        message: '未填写执行率（按执行数 ÷ 预算数应为 100%）。',
      }),
    ]);
  });

  it('skips rows that do not apply this year', () => {
    expect(run(valueMissing, form([row('a', '', '', 10, null, { applicable: false })]))).toEqual([]);
  });
});
