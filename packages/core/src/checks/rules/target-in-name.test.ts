import { describe, expect, it } from 'vitest';
import { targetInName } from './target-in-name.ts';
import { form, places, row, run } from './testkit.ts';

describe('target-in-name', () => {
  it('reports a target that carries an indicator name (the seed)', () => {
    const ev = form([row('保障部门工作正常开展，提高办公环境质量', '部门职工认可度≥90%', '100%')]);
    expect(run(targetInName, ev)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].target',
        message:
          '“保障部门工作正常开展，提高办公环境质量”的年度指标值“部门职工认可度≥90%”含有指标名称“部门职工认可度”；应分栏填写（三级指标“部门职工认可度”，年度指标值“≥90%”）。',
      }),
    ]);
  });

  it('sees a name joined by words (覆盖率达到100%) but not operator words or periods', () => {
    const ev = form([
      row('政策宣传', '覆盖率达到100%', '100%'),
      row('满意度', '不低于90%', '93%'),
      row('巡查', '每季度不少于1次', '4次'),
      row('培训', '≥12次', '19次'),
      row('验收', '完成3个项目的验收', '3个'),
    ]);
    expect(places(run(targetInName, ev))).toEqual(['target-in-name indicators[0].target']);
  });

  it('reports a name that ends with its target (Anhui: 年度资金支付完成率100%, target blank)', () => {
    const ev = form([row('年度资金支付完成率100%', '', '')]);
    expect(run(targetInName, ev)).toEqual([
      expect.objectContaining({
        path: 'indicators[0].name',
        message:
          '指标名称“年度资金支付完成率100%”中含有目标值“100%”，年度指标值栏却为空；应分栏填写（三级指标“年度资金支付完成率”，年度指标值“100%”）。',
      }),
    ]);
  });

  it('does not take a number that qualifies the name for a target', () => {
    const ev = form([
      row('引进100亿元以上项目数', '1个', '1个'),
      row('满意度(%)', '90', '100'),
      row('PM2.5年均浓度', '≤35微克/立方米', '30微克/立方米'),
    ]);
    expect(run(targetInName, ev)).toEqual([]);
  });
});
