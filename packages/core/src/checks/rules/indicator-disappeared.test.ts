import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../model/evaluation.ts';
import { indicatorDisappeared as rule } from './indicator-disappeared.ts';
import { CLEAN, edited, found, profile } from './testkit.ts';

const run = (now: Evaluation, history: Evaluation[]) => found(rule, now, profile(), history);
const extra = (name: string) => ({
  goal: 'G1',
  level1: '产出指标',
  level2: '数量指标',
  name,
  target: { raw: '≥2次' },
  actual: { raw: '3次' },
  weight: 5,
  score: 5,
});

describe('indicator-disappeared', () => {
  it('is silent when last year’s indicators are all still there, however spelled', () => {
    const last = edited(CLEAN, (j) => {
      j.year = 2022;
      j.indicators![0]!.name = '指标1:集中供水工程改造处数';
      j.indicators![6]!.name = '★受益群众满意度(%)';
    });
    expect(run(edited(CLEAN), [last])).toEqual([]);
  });

  it('names the indicators of last year that are gone', () => {
    const last = edited(CLEAN, (j) => {
      j.year = 2022;
      j.indicators!.push(extra('水质检测次数'));
    });
    expect(run(edited(CLEAN), [last])).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators',
        message: '上年（2022年）的指标“水质检测次数”本年未再列示；如指标调整或取消，应说明理由。',
      }),
    ]);
  });

  it('lists five names and counts the rest', () => {
    const last = edited(CLEAN, (j) => {
      j.year = 2022;
      for (let k = 1; k <= 7; k++) j.indicators!.push(extra(`巡查${k}`));
    });
    const [f] = run(edited(CLEAN), [last]);
    expect(f!.message).toBe(
      '上年（2022年）的指标“巡查1”、“巡查2”、“巡查3”、“巡查4”、“巡查5”等7个指标本年未再列示；如指标调整或取消，应说明理由。',
    );
  });
});
