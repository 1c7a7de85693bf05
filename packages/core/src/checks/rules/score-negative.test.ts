import { describe, expect, it } from 'vitest';
import { scoreNegative } from './score-negative.ts';
import { form, places, row, run } from './testkit.ts';

describe('score-negative', () => {
  it('reports negative scores on rows, the budget block and the total', () => {
    const ev = form([row('合格率', '≥90%', '80%', 10, -2)], {
      budget: { score: -1 },
      totalReported: -3,
    });
    const findings = run(scoreNegative, ev);
    expect(places(findings)).toEqual([
      'score-negative budget.score',
      'score-negative indicators[0].score',
      'score-negative totalReported',
    ]);
    expect(findings[1]?.message).toBe('“合格率”得分为 -2 分，得分不能为负数，最低为0分。');
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('accepts zero', () => {
    expect(run(scoreNegative, form([row('合格率', '≥90%', '10%', 10, 0)], { totalReported: 10 }))).toEqual(
      [],
    );
  });
});
