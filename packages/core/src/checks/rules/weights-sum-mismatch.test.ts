import { describe, expect, it } from 'vitest';
import { form, profile, row, run } from './testkit.ts';
import { weightsSumMismatch } from './weights-sum-mismatch.ts';

const at = (level1: string, level2: string, weight: number) =>
  row(`${level2}${weight}`, '≥1个', '1个', weight, weight, { level1, level2 });

describe('weights-sum-mismatch', () => {
  it('reports weights that do not add up to the profile’s indicator total', () => {
    const ev = form([
      at('产出指标', '数量指标', 40),
      at('效益指标', '社会效益指标', 20),
      at('满意度指标', '服务对象满意度指标', 10),
    ]);
    const findings = run(weightsSumMismatch, ev);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      path: 'indicators',
      message:
        '各指标分值合计 70 分，评分规则“中央部门项目支出绩效自评（财预〔2020〕10号）”规定绩效指标共 90 分，相差 20 分。',
    });
  });

  it('notes each 一级 that departs from the national default as info only', () => {
    const ev = form([
      at('产出指标', '数量指标', 60),
      at('效益指标', '社会效益指标', 20),
      at('满意度指标', '服务对象满意度指标', 10),
    ]);
    expect(run(weightsSumMismatch, ev).map((f) => [f.severity, f.message])).toEqual([
      ['info', '产出指标分值合计 60 分，评分规则默认 50 分（可按项目实际调整，调整应有说明）。'],
      ['info', '效益指标分值合计 20 分，评分规则默认 30 分（可按项目实际调整，调整应有说明）。'],
    ]);
  });

  it('counts 成本指标 as a 一级 toward 产出指标’s default, and infers a lost 一级 from the 二级', () => {
    const ev = form([
      at('产出指标', '数量指标', 45),
      at('成本指标', '经济成本指标', 5),
      at('(30分)', '社会效益指标', 30),
      at('满意度指标', '服务对象满意度指标', 10),
    ]);
    expect(run(weightsSumMismatch, ev)).toEqual([]);
  });

  it('keeps the weight of a row that does not apply on paper', () => {
    const ev = form([
      at('产出指标', '数量指标', 40),
      { ...at('产出指标', '质量指标', 10), applicable: false, score: null },
      at('效益指标', '社会效益指标', 30),
      at('满意度指标', '服务对象满意度指标', 10),
    ]);
    expect(run(weightsSumMismatch, ev)).toEqual([]);
  });

  it('checks Hubei’s 80 without 一级 defaults', () => {
    const ev = form([at('产出指标', '数量指标', 50), at('效益指标', '社会效益指标', 30)], {
      budget: { weight: 20, score: 20 },
    });
    expect(run(weightsSumMismatch, ev, profile('hubei-2020'))).toEqual([]);
    expect(run(weightsSumMismatch, ev)).toHaveLength(1);
  });

  it('does not judge a sum with a weight missing (value-missing reports the gap)', () => {
    const ev = form([at('产出指标', '数量指标', 40), row('x', '≥1个', '1个', null, 5)]);
    expect(run(weightsSumMismatch, ev)).toEqual([]);
  });
});
