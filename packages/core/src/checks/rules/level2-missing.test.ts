import { describe, expect, it } from 'vitest';
import { level2Missing as rule } from './level2-missing.ts';
import { CLEAN, type Edit, edited, found, rowAt } from './testkit.ts';

const run = (edit: Edit) => found(rule, edited(CLEAN, edit));

describe('level2-missing', () => {
  it('finds nothing on the clean fixture', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('warns on each blank 二级, naming the 一级', () => {
    const found = run((j) => {
      rowAt(j, 1).level2 = null;
      rowAt(j, 5).level2 = ' \n';
    });
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      ['indicators[1].level2', 'warning'],
      ['indicators[5].level2', 'warning'],
    ]);
    expect(found[0]!.message).toBe('“工程验收合格率”未填写二级指标（一级指标为产出指标）。');
  });

  it('says it once when the layout has no 二级 column', () => {
    const found = run((j) => {
      for (const i of j.indicators!) i.level2 = null;
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators',
        message: '全部7个指标均未填写二级指标，无法核对指标归类。',
      }),
    ]);
  });

  it('does not count a non-standard 二级 as blank', () => {
    expect(
      run((j) => {
        rowAt(j, 4).level2 = '公共安全目标';
      }),
    ).toEqual([]);
  });
});
