import { describe, expect, it } from 'vitest';
import { budgetRateMismatch } from './budget-rate-mismatch.ts';
import { form, run } from './testkit.ts';

describe('budget-rate-mismatch', () => {
  it('reports a printed rate that is not 执行数 ÷ 预算数 (Yunnan: 0.1 for 94 of 650)', () => {
    const ev = form([], { budget: { planned: 650, executed: 94, rate: 0.1, score: 1.45 } });
    expect(run(budgetRateMismatch, ev)).toEqual([
      expect.objectContaining({
        code: 'budget-rate-mismatch',
        severity: 'error',
        path: 'budget.rate',
        message: '执行率填报 10%，按全年执行数 94 ÷ 全年预算数 650 计算应为 14.5%。',
      }),
    ]);
  });

  it('accepts a rate printed at lower precision (86% for 37.24 ÷ 43.2 = 86.2%)', () => {
    const ev = form([], { budget: { planned: 43.2, executed: 37.24, rate: 0.86, score: 8.62 } });
    expect(run(budgetRateMismatch, ev)).toEqual([]);
  });

  it('says nothing when the rate is not printed', () => {
    expect(run(budgetRateMismatch, form([], { budget: { rate: null } }))).toEqual([]);
  });
});
