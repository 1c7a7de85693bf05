import { describe, expect, it } from 'vitest';
import { scoreFormulaMismatch } from './score-formula-mismatch.ts';
import { form, places, row, run } from './testkit.ts';

describe('score-formula-mismatch', () => {
  it('reports a quantitative score that departs from the formula, and shows the formula', () => {
    const ev = form([row('工程资金金额', '43.2', '37.24', 10, 9)]);
    expect(run(scoreFormulaMismatch, ev)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].score',
        message:
          '“工程资金金额”填报得分 9 分，按计分公式应为 8.62 分，相差 0.38 分（正向指标（目标未写运算符，按“≥”计）：实际 37.24 ÷ 目标 43.2 = 86.2%，按比例得分：10分 × 86.2% = 8.62分）。',
      }),
    ]);
  });

  it('accepts scores that follow the formula, for positive and reverse targets', () => {
    const ev = form([
      row('工程完工及时率', '≥95%', '92%', 10, 9.68),
      row('单处工程平均造价', '≤45万元', '50万元', 10, 9),
      row('受益群众满意度', '≥90%', '93.6%', 10, 10),
    ]);
    expect(run(scoreFormulaMismatch, ev)).toEqual([]);
  });

  it('leaves scores above the weight and qualitative rows to their own rules', () => {
    const ev = form([
      row('满意度', '≥90%', '100%', 10, 11.1),
      row('安全', '不发生安全事故', '未发生', 10, 4, { grade: '达成' }),
    ]);
    expect(run(scoreFormulaMismatch, ev)).toEqual([]);
  });

  it('is skipped without weights', () => {
    expect(places(run(scoreFormulaMismatch, form([row('a', '43.2', '37.24', null, 9)])))).toEqual([
      'weights-unknown indicators',
    ]);
  });
});
