import { describe, expect, it } from 'vitest';
import { qualitativeScoreOutOfBand } from './qualitative-score-out-of-band.ts';
import { form, profile, row, run } from './testkit.ts';

const qual = (score: number, grade: '达成' | '部分达成' | '未达成') =>
  row('群众反映问题处理情况', '及时妥善处理', '基本及时处理', 10, score, { grade });

describe('qualitative-score-out-of-band', () => {
  it('reports a score outside the band of the grade the unit picked', () => {
    expect(run(qualitativeScoreOutOfBand, form([qual(9, '部分达成')]))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].score',
        message:
          '“群众反映问题处理情况”自评等级为“部分达成”，按分档规则得分应在 6～8 分（不含上限），填报 9 分。',
      }),
    ]);
  });

  it('accepts scores inside the band, the top band including full marks', () => {
    expect(
      run(qualitativeScoreOutOfBand, form([qual(7, '部分达成'), qual(10, '达成'), qual(0, '未达成')])),
    ).toEqual([]);
  });

  it('uses the profile’s bands: 5 of 10 is 部分达成 in Hubei but not nationally', () => {
    const ev = form([qual(5, '部分达成')], { budget: { weight: 20, score: 20 } });
    expect(run(qualitativeScoreOutOfBand, ev, profile('hubei-2020'))).toEqual([]);
    expect(run(qualitativeScoreOutOfBand, ev)).toHaveLength(1);
  });

  it('cannot judge a qualitative row without a grade', () => {
    const ev = form([row('处理情况', '及时妥善处理', '基本及时处理', 10, 3)]);
    expect(run(qualitativeScoreOutOfBand, ev)).toEqual([]);
  });
});
