import { describe, expect, it } from 'vitest';
import { goalWithoutIndicators } from './goal-without-indicators.ts';
import { form, row, run } from './testkit.ts';

const goals = [{ text: '党建引领' }, { text: '完成招商引资考核目标' }, { text: '维护园区安全稳定' }];

describe('goal-without-indicators', () => {
  it('reports a goal no indicator serves', () => {
    const ev = form(
      [row('a', '≥1次', '1次', null, 3, { goal: 'G1' }), row('b', '≥1次', '1次', null, 3, { goal: 'G2' })],
      {
        kind: 'department',
        goals,
      },
    );
    expect(run(goalWithoutIndicators, ev)).toEqual([
      expect.objectContaining({
        path: 'goals[2]',
        place: '目标3',
        message: '年度目标3“维护园区安全稳定”下没有任何绩效指标，目标的完成情况无法衡量。',
      }),
    ]);
  });

  it('gives a single goal the rows that name none', () => {
    expect(run(goalWithoutIndicators, form([row('a', '≥1次', '1次')]))).toEqual([]);
    expect(run(goalWithoutIndicators, form([]))).toHaveLength(1);
  });

  it('does not guess when several goals meet rows that name none', () => {
    const ev = form([row('a', '≥1次', '1次')], { kind: 'department', goals });
    expect(run(goalWithoutIndicators, ev)).toEqual([]);
  });
});
