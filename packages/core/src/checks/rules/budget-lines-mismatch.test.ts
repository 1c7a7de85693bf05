import { describe, expect, it } from 'vitest';
import { budgetLinesMismatch } from './budget-lines-mismatch.ts';
import { form, run } from './testkit.ts';

const line = (label: string, planned: number | null, executed: number | null = planned) => ({
  label,
  initial: null,
  planned,
  executed,
});

describe('budget-lines-mismatch', () => {
  it('reports breakdown lines whose sum is not the total, listing the terms', () => {
    const ev = form([], {
      budget: {
        planned: 520,
        executed: 500,
        lines: [line('本年财政拨款', 300, 290), line('上年结转', 150, 150), line('其他资金', 50, 60)],
      },
    });
    expect(run(budgetLinesMismatch, ev)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'budget.lines',
        message:
          '资金明细的全年预算数合计 500万元（本年财政拨款 300 + 上年结转 150 + 其他资金 50），与资金总额 520万元不符，相差 20万元。',
      }),
    ]);
  });

  it('accepts lines that add up, and ignores a 合计 line', () => {
    const ev = form([], {
      budget: {
        planned: 520,
        executed: 494,
        lines: [line('本年财政拨款', 500, 480), line('上年结转', 20, 14), line('合计', 520, 494)],
      },
    });
    expect(run(budgetLinesMismatch, ev)).toEqual([]);
  });

  it('does not sum a single line or lines with a blank (they may be a partial breakdown)', () => {
    expect(run(budgetLinesMismatch, form([], { budget: { lines: [line('本年财政拨款', 60)] } }))).toEqual([]);
    const gaps = form([], { budget: { lines: [line('本年财政拨款', 60), line('其他资金', null)] } });
    expect(run(budgetLinesMismatch, gaps)).toEqual([]);
  });

  it('reports a line larger than the total however many lines there are', () => {
    const ev = form([], { budget: { planned: 100, executed: 100, lines: [line('本年财政拨款', 120, 100)] } });
    expect(run(budgetLinesMismatch, ev)).toEqual([
      expect.objectContaining({
        path: 'budget.lines[0]',
        place: '预算执行情况 / 本年财政拨款',
        message: '资金明细“本年财政拨款”的全年预算数 120万元超过资金总额的全年预算数 100万元。',
      }),
    ]);
  });
});
