import { describe, expect, it } from 'vitest';
import { budgetWeightMismatch } from './budget-weight-mismatch.ts';
import { form, profile, run } from './testkit.ts';

describe('budget-weight-mismatch', () => {
  it('warns when the printed budget weight is another region’s', () => {
    const ev = form([], { budget: { weight: 20, score: 20 } });
    expect(run(budgetWeightMismatch, ev)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'budget.weight',
        message:
          '预算执行分值填报 20 分，评分规则“中央部门项目支出绩效自评（财预〔2020〕10号）”规定为 10 分。',
      }),
    ]);
  });

  it('is an error when the weight is the whole form’s (Ezhou: 分值 100, 得分 98)', () => {
    const ev = form([], { budget: { planned: 150, executed: 125.25, rate: 0.835, weight: 100, score: 98 } });
    const [finding] = run(budgetWeightMismatch, ev);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('疑为把总分填入了预算执行分值栏');
  });

  it('accepts the profile’s weight, or none printed', () => {
    expect(run(budgetWeightMismatch, form([]))).toEqual([]);
    expect(run(budgetWeightMismatch, form([], { budget: { weight: null } }))).toEqual([]);
    expect(
      run(budgetWeightMismatch, form([], { budget: { weight: 20, score: 20 } }), profile('hubei-2020')),
    ).toEqual([]);
  });
});
