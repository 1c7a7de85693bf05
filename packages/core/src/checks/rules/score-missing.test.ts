import { describe, expect, it } from 'vitest';
import { scoreMissing } from './score-missing.ts';
import { form, places, row, run } from './testkit.ts';

describe('score-missing', () => {
  it('reports each blank row score, the budget score with what it should be, and the total', () => {
    const ev = form([row('a', '≥1个', '1个', 45, 45), row('b', '≥1个', '1个', 45, null)], {
      budget: { planned: 251.89, executed: 251.89, rate: 1, score: null },
    });
    const findings = run(scoreMissing, ev);
    expect(places(findings)).toEqual([
      'score-missing budget.score',
      'score-missing indicators[1].score',
      'score-missing totalReported',
    ]);
    expect(findings[0]?.message).toBe('预算执行情况未填得分（按执行率 100% 计算应为 10 分）。');
    expect(findings[2]?.message).toBe('未填总分。');
  });

  it('says once that every row is unscored (a template published before scoring)', () => {
    const ev = form([row('a', '=100%', '', 60, null), row('b', '=100%', '', 30, null)], {
      totalReported: null,
    });
    expect(run(scoreMissing, ev).filter((f) => f.path === 'indicators')).toEqual([
      expect.objectContaining({ message: '2 个绩效指标均未填得分。' }),
    ]);
  });

  it('gives the sum of the scores as a hint for a missing total, unless the sum is impossible', () => {
    const ev = form([row('a', '≥1个', '1个', 90, 89)]);
    expect(run(scoreMissing, ev)[0]?.message).toBe('未填总分（各项得分合计为 99 分）。');
    const wrong = form([row('a', '≥1个', '1个', 90, 68)], { budget: { weight: 100, score: 98 } });
    expect(run(scoreMissing, wrong)[0]?.message).toBe('未填总分。');
  });

  it('accepts a fully scored form', () => {
    expect(run(scoreMissing, form([row('a', '≥1个', '1个', 90, 90)], { totalReported: 100 }))).toEqual([]);
  });
});
