import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../model/evaluation.ts';
import { budgetSharpChange as rule } from './budget-sharp-change.ts';
import { CLEAN, edited, found, profile, tuned } from './testkit.ts';

const national = profile();
const lastYear = (planned: number | null, moneyUnit = '万元') =>
  edited(CLEAN, (j) => {
    j.year = 2022;
    Object.assign(j.budget, { planned, moneyUnit });
  });
const run = (history: Evaluation[], p = national) => found(rule, edited(CLEAN), p, history);

describe('budget-sharp-change', () => {
  it('is silent on a moderate change (480 → 520万元, +8.3%)', () => {
    expect(run([lastYear(480)])).toEqual([]);
  });

  it('notes an increase above 50%', () => {
    expect(run([lastYear(300)])).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'budget.planned',
        message:
          '全年预算数520万元，上年（2022年）为300万元，增加73.3%，超过50%；请核实预算数，并说明绩效目标是否随资金规模相应调整。',
      }),
    ]);
  });

  it('notes a fall, and converts 元 to 万元 before comparing', () => {
    expect(run([lastYear(1200)])[0]!.message).toContain('减少56.7%');
    expect(run([lastYear(4_800_000, '元')])).toEqual([]);
    expect(run([lastYear(12_000_000, '元')])[0]!.message).toContain('上年（2022年）为12000000元，减少56.7%');
  });

  it('follows the profile’s threshold and stays silent without figures', () => {
    const strict = tuned(national, { thresholds: { budgetChangeShare: 0.05 } });
    expect(run([lastYear(480)], strict)).toHaveLength(1);
    expect(run([lastYear(null)])).toEqual([]);
    expect(run([lastYear(0)])).toEqual([]);
  });
});
