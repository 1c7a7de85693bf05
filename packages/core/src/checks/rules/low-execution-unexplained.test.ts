import { describe, expect, it } from 'vitest';
import { lowExecutionUnexplained } from './low-execution-unexplained.ts';
import { form, run } from './testkit.ts';

const low = { planned: 43.2, executed: 37.24, rate: 0.86, score: 8.62 };

describe('low-execution-unexplained', () => {
  it('warns about a rate below 90% with no reason', () => {
    expect(run(lowExecutionUnexplained, form([], { budget: low }))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'budget.rate',
        message: '预算执行率 86.2%（执行数 37.24 ÷ 预算数 43.2），低于 90%，表内没有说明原因。',
      }),
    ]);
  });

  it('accepts an analysis that explains the money', () => {
    const ev = form([], {
      budget: low,
      deviationAnalysis: '工程尾款5.96万元待竣工决算审计后支付，资金结转下年。',
    });
    expect(run(lowExecutionUnexplained, ev)).toEqual([]);
  });

  it('leaves an analysis that never speaks of the money to the reviewer (info)', () => {
    const ev = form([], { budget: low, deviationAnalysis: '工程完工及时率受汛期影响。' });
    expect(run(lowExecutionUnexplained, ev)[0]?.severity).toBe('info');
  });

  it('judges B/A, not a misprinted rate, and accepts 90% and above', () => {
    const misprinted = form([], { budget: { planned: 100, executed: 95, rate: 0.1, score: 9.5 } });
    expect(run(lowExecutionUnexplained, misprinted)).toEqual([]);
    expect(
      run(lowExecutionUnexplained, form([], { budget: { planned: 100, executed: 90, rate: 0.9, score: 9 } })),
    ).toEqual([]);
  });

  it('falls back on the printed rate when the amounts are missing', () => {
    const ev = form([], { budget: { planned: null, executed: null, rate: 0.5, score: 5 } });
    expect(run(lowExecutionUnexplained, ev)[0]?.message).toBe(
      '预算执行率 50%（按填报的执行率），低于 90%，表内没有说明原因。',
    );
  });
});
