import { describe, expect, it } from 'vitest';
import { level1NonStandard as rule } from './level1-non-standard.ts';
import { CLEAN, type Edit, edited, found, rowAt } from './testkit.ts';

const run = (edit: Edit) => found(rule, edited(CLEAN, edit));

describe('level1-non-standard', () => {
  it('finds nothing on the clean fixture', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('flags a 一级 that is no standard label', () => {
    const found = run((j) => {
      rowAt(j, 0).level1 = '工作目标';
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[0].level1',
        message:
          '“集中供水工程改造处数”的一级指标“工作目标”不是标准名称，应为产出指标、成本指标、效益指标或满意度指标。',
      }),
    ]);
  });

  it('names the right 一级 when the cell holds a 二级 label', () => {
    const found = run((j) => {
      rowAt(j, 4).level1 = '社会效益指标';
    });
    expect(found[0]!.message).toContain('一级指标栏填写的是二级指标名称“社会效益指标”，应为“效益指标”');
  });

  it('accepts points, spaces and short forms of the standard labels', () => {
    expect(
      run((j) => {
        rowAt(j, 0).level1 = '产 出 指 标 (50分)';
        rowAt(j, 1).level1 = '产出';
        rowAt(j, 3).level1 = '成本指标（10分）';
        rowAt(j, 6).level1 = '满意度指标\n(10分)';
      }),
    ).toEqual([]);
  });

  it('leaves a blank or points-only 一级 to level1-missing', () => {
    expect(
      run((j) => {
        rowAt(j, 0).level1 = null;
        rowAt(j, 1).level1 = '(50分)';
      }),
    ).toEqual([]);
  });
});
