import { describe, expect, it } from 'vitest';
import { level1Missing as rule } from './level1-missing.ts';
import { CLEAN, type Edit, edited, found, rowAt } from './testkit.ts';

const run = (edit: Edit) => found(rule, edited(CLEAN, edit));

describe('level1-missing', () => {
  it('finds nothing on the clean fixture', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('warns on a blank 一级 that nothing implies', () => {
    const found = run((j) => {
      rowAt(j, 0).level1 = null;
      rowAt(j, 0).level2 = null;
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].level1',
        message: '“集中供水工程改造处数”未填写一级指标。',
      }),
    ]);
  });

  it('only notes a blank 一级 that its 二级 implies, and counts a points-only cell as blank', () => {
    const found = run((j) => {
      rowAt(j, 0).level1 = '';
      rowAt(j, 4).level1 = '(30分)';
    });
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      ['indicators[0].level1', 'info'],
      ['indicators[4].level1', 'info'],
    ]);
    expect(found[0]!.message).toBe('“集中供水工程改造处数”未填写一级指标，按其二级指标应为“产出指标”。');
    expect(found[1]!.message).toContain('应为“效益指标”');
  });

  it('says it once when the form has no 一级 at all', () => {
    const found = run((j) => {
      for (const i of j.indicators!) i.level1 = null;
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators',
        message: '全部7个指标均未填写一级指标，无法核对指标归类。',
      }),
    ]);
  });
});
