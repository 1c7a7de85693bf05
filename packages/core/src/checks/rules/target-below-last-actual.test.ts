import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../model/evaluation.ts';
import { targetBelowLastActual as rule } from './target-below-last-actual.ts';
import { CLEAN, clean2022, type Edit, edited, found, profile, rowAt, run as runRule } from './testkit.ts';

const form = (edit?: Edit) => edited(CLEAN, edit);
const run = (now: Evaluation, history: Evaluation[]) => found(rule, now, profile(), history);

describe('target-below-last-actual', () => {
  it('is silent when every target rises above last year’s actual', () => {
    expect(run(form(), [clean2022()])).toEqual([]);
  });

  it('warns on a target below last year’s actual, comparing magnitudes', () => {
    const found = run(form(), [
      clean2022((j) => {
        rowAt(j, 0).actual = { raw: '15处' };
        rowAt(j, 4).actual = { raw: '13000人' };
      }),
    ]);
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      ['indicators[0].target', 'warning'],
      ['indicators[4].target', 'warning'],
    ]);
    expect(found[0]!.message).toBe(
      '“集中供水工程改造处数”的目标值“≥12处”低于上年（2022年）实际完成值“15处”，目标设定偏低；绩效目标应参考以前年度实际水平，体现一定的进取性。',
    );
  });

  it('only notes a target equal to last year’s actual, and accepts “>” that value', () => {
    expect(run(form(), [clean2022((j) => (rowAt(j, 0).actual = { raw: '12处' }))])).toEqual([
      expect.objectContaining({ path: 'indicators[0].target', severity: 'info' }),
    ]);
    expect(
      run(
        form((j) => (rowAt(j, 0).target = { raw: '>12处' })),
        [clean2022((j) => (rowAt(j, 0).actual = { raw: '12处' }))],
      ),
    ).toEqual([]);
  });

  it('skips ceilings, rates already at 100%, satisfaction floors and incomparable units', () => {
    const found = run(form(), [
      clean2022((j) => {
        rowAt(j, 3).actual = { raw: '38万元' }; // ≤45万元: a cost ceiling
        rowAt(j, 1).actual = { raw: '100%' }; // =100%
        rowAt(j, 6).actual = { raw: '96%' }; // 满意度 ≥90%
        rowAt(j, 0).actual = { raw: '15个' }; // 处 vs 个
      }),
    ]);
    expect(found).toEqual([]);
  });

  it('matches names across years despite ★, spaces and template prefixes', () => {
    const found = run(
      form((j) => (rowAt(j, 5).name = '★农村自来水普及率')),
      [
        clean2022((j) => {
          rowAt(j, 5).name = '指标1：农村自来水 普及率';
          rowAt(j, 5).actual = { raw: '97%' };
        }),
      ],
    );
    expect(found.map((f) => f.path)).toEqual(['indicators[5].target']);
    expect(found[0]!.message).toContain('实际完成值“97%”');
  });

  it('compares with the most recent earlier year and says which year that was', () => {
    const y2021 = clean2022((j) => {
      j.year = 2021;
      rowAt(j, 0).actual = { raw: '20处' };
    });
    const y2020 = clean2022((j) => (j.year = 2020));
    expect(run(form(), [y2020, y2021])[0]!.message).toContain('低于2021年实际完成值“20处”');
  });

  it('ignores forms of the same or a later year passed as history', () => {
    const same = clean2022((j) => {
      j.year = 2023;
      rowAt(j, 0).actual = { raw: '20处' };
    });
    expect(run(form(), [same])).toEqual([]);
  });

  it('is skipped without history', () => {
    const all = runRule(rule, form());
    expect(all.map((f) => f.code)).toEqual(['history-unavailable']);
  });
});
