import { describe, expect, it } from 'vitest';
import { form, profile, row, run } from './testkit.ts';
import { totalMismatch } from './total-mismatch.ts';

const hubei = profile('hubei-2020');
// Twenty-four scores of 3 = 72, as on the seed form.
const rows = Array.from({ length: 24 }, (_, i) => row(`指标${i + 1}`, '≥1次', '1次', null, 3));

describe('total-mismatch', () => {
  it('reports a total that differs from the budget score plus the indicator scores, with the figures', () => {
    const ev = form(rows, { budget: { weight: 20, score: 20 }, totalReported: 95 });
    const findings = run(totalMismatch, ev, hubei).filter((f) => f.code === 'total-mismatch');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      path: 'totalReported',
      place: '总分',
      message: '总分与分项合计不符：预算执行得分 20 + 指标得分合计 72 = 92，填报总分 95，相差 3 分。',
    });
  });

  it('accepts a total that adds up, including one with decimals', () => {
    const adds = form(rows, { budget: { weight: 20, score: 20 }, totalReported: 92 });
    expect(run(totalMismatch, adds, hubei).filter((f) => f.code === 'total-mismatch')).toEqual([]);
    const ev = form([row('a', '≥95%', '92%', 10, 9.68), row('b', '≥1个', '1个', 80, 80)], {
      budget: { planned: 520, executed: 494, rate: 0.95, score: 9.5 },
      totalReported: 99.18,
    });
    expect(run(totalMismatch, ev)).toEqual([]);
  });

  it('says nothing when the form prints no total', () => {
    const ev = form(rows, { budget: { weight: 20, score: 20 } });
    expect(run(totalMismatch, ev, hubei).filter((f) => f.code === 'total-mismatch')).toEqual([]);
  });
});
