import { describe, expect, it } from 'vitest';
import { budgetScoreMismatch } from './budget-score-mismatch.ts';
import { form, profile, run } from './testkit.ts';

describe('budget-score-mismatch', () => {
  it('reports a budget score that is not weight × rate (Hebei: 9 for 10 × 86.2%)', () => {
    const ev = form([], { budget: { planned: 43.2, executed: 37.24, rate: 0.86, score: 9 } });
    expect(run(budgetScoreMismatch, ev)).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'budget.score',
        message: '预算执行得分填报 9 分，按 10分 × 执行率 86.2% 计算应为 8.62 分，相差 0.38 分。',
      }),
    ]);
  });

  it('accepts a score rounded to the precision the form prints (2.9 for 20 × 14.46%)', () => {
    const ev = form([], { budget: { planned: 650, executed: 94, rate: 0.1446, weight: 20, score: 2.9 } });
    expect(run(budgetScoreMismatch, ev, profile('hubei-2020'))).toEqual([]);
  });

  it('caps the rate at 100%: spending more than the budget earns the full weight, no more', () => {
    const ev = form([], { budget: { planned: 100, executed: 110, rate: 1.1, score: 10 } });
    expect(run(budgetScoreMismatch, ev)).toEqual([]);
  });

  it('points at the weight when the form prints another weight than the profile', () => {
    const ev = form([], { budget: { planned: 100, executed: 80, rate: 0.8, weight: 20, score: 16 } });
    const [finding] = run(budgetScoreMismatch, ev);
    expect(finding?.message).toBe(
      '预算执行得分填报 16 分，按 10分 × 执行率 80% 计算应为 8 分，相差 8 分。表内预算执行分值为 20 分，与评分规则不同，请确认所选评分规则或分值。',
    );
  });
});
