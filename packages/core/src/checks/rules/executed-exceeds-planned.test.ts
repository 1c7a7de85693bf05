import { describe, expect, it } from 'vitest';
import { executedExceedsPlanned } from './executed-exceeds-planned.ts';
import { form, run } from './testkit.ts';

describe('executed-exceeds-planned', () => {
  it('warns when more was spent than the budget', () => {
    const ev = form([], { budget: { planned: 100, executed: 110, rate: 1.1, score: 10 } });
    expect(run(executedExceedsPlanned, ev)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'budget.executed',
        message:
          '全年执行数 110万元超过全年预算数 100万元（执行率 110%）；如年中追加了预算，应按调整后预算数填列。',
      }),
    ]);
  });

  it('checks each breakdown line too', () => {
    const ev = form([], {
      budget: { lines: [{ label: '其他资金', initial: null, planned: 20, executed: 25 }] },
    });
    expect(run(executedExceedsPlanned, ev).map((f) => f.path)).toEqual(['budget.lines[0]']);
  });

  it('accepts spending up to the budget, and blanks', () => {
    expect(run(executedExceedsPlanned, form([]))).toEqual([]);
    expect(
      run(executedExceedsPlanned, form([], { budget: { executed: null, rate: null, score: null } })),
    ).toEqual([]);
  });
});
