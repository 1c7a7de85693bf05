import { describe, expect, it } from 'vitest';
import { form, row, run } from './testkit.ts';
import { unitsIncomparable } from './units-incomparable.ts';

describe('units-incomparable', () => {
  it('reports target and actual counted in different units', () => {
    expect(run(unitsIncomparable, form([row('培训', '≥3次', '3个')]))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].actual',
        message:
          '“培训”的年度指标值“≥3次”（单位“次”）与实际完成值“3个”（单位“个”）计量单位不同，无法比较和计分。',
      }),
    ]);
    expect(run(unitsIncomparable, form([row('资金', '≥90%', '120万元')]))).toHaveLength(1);
  });

  it('accepts magnitudes of the same amount and a unit dropped on one side', () => {
    const ev = form([
      row('本年新增园区固定资产总投资', '100亿元', '109.79亿'),
      row('投资', '1.5亿元', '15000万元'),
      row('满意度', '90%', '93'),
    ]);
    expect(run(unitsIncomparable, ev)).toEqual([]);
  });
});
