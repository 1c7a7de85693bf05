import { describe, expect, it } from 'vitest';
import { level2NonStandard as rule } from './level2-non-standard.ts';
import { CLEAN, type Edit, edited, found, rowAt } from './testkit.ts';

const run = (edit: Edit) => found(rule, edited(CLEAN, edit));

describe('level2-non-standard', () => {
  it('finds nothing on the clean fixture', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('flags 公共安全目标 and lists the standard 二级 of its 一级', () => {
    const found = run((j) => {
      rowAt(j, 4).level2 = '公共安全目标';
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'indicators[4].level2' });
    expect(found[0]!.message).toBe(
      '“新增受益人口”的二级指标“公共安全目标”不是标准名称；效益指标下的标准二级指标为经济效益指标、社会效益指标、生态效益指标、可持续影响指标。',
    );
  });

  it('says so when the 二级 cell holds a 一级 name', () => {
    const found = run((j) => {
      rowAt(j, 0).level2 = '产出指标';
    });
    expect(found[0]!.message).toContain('二级指标栏填写的是一级指标名称“产出指标”');
    expect(found[0]!.message).toContain('数量指标、质量指标、时效指标、成本指标');
  });

  it('gives the general list when the 一级 is unknown too', () => {
    const found = run((j) => {
      rowAt(j, 0).level1 = '保障目标';
      rowAt(j, 0).level2 = '安全目标';
    });
    expect(found[0]!.message).toContain('请改用标准二级指标名称');
  });

  it.each([
    '社会公众或服务对象满意度指标',
    '进度指标',
    '时效性指标',
    '满意度指标',
    '服务对象\n满意度指标',
    '可持续影\n响指标',
  ])('accepts the synonym or spelling %j', (label) => {
    expect(
      run((j) => {
        rowAt(j, 6).level2 = label;
      }),
    ).toEqual([]);
  });

  it('leaves a blank 二级 to level2-missing', () => {
    expect(
      run((j) => {
        rowAt(j, 0).level2 = '  ';
        rowAt(j, 1).level2 = null;
      }),
    ).toEqual([]);
  });
});
