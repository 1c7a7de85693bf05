import { describe, expect, it } from 'vitest';
import { level2WrongParent as rule } from './level2-wrong-parent.ts';
import { CLEAN, type Edit, edited, found, rowAt } from './testkit.ts';

const run = (edit: Edit) => found(rule, edited(CLEAN, edit));

describe('level2-wrong-parent', () => {
  it('finds nothing on the clean fixture', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('flags 质量指标 under 效益指标 and says where it belongs', () => {
    const found = run((j) => {
      rowAt(j, 4).level2 = '质量指标';
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      path: 'indicators[4].level2',
      class: 'classification',
    });
    expect(found[0]!.message).toContain(
      '“新增受益人口”的二级指标“质量指标”属于产出指标，不应列在一级指标“效益指标”下',
    );
    expect(found[0]!.message).toContain('经济效益指标、社会效益指标、生态效益指标、可持续影响指标');
    expect(found[0]!.place).toBe('新增受益人口 / 二级指标');
  });

  it('points a money figure under 效益指标 to 经济效益指标', () => {
    const found = run((j) => {
      Object.assign(rowAt(j, 5), {
        name: '园区企业营收',
        level2: '数量指标',
        target: { raw: '160亿' },
        actual: { raw: '173.72亿' },
      });
    });
    expect(found[0]!.message).toContain('该指标是经济金额（营收），宜归入经济效益指标');
  });

  it('flags a satisfaction 二级 under 效益指标 and a 效益 二级 under 产出指标', () => {
    const found = run((j) => {
      rowAt(j, 5).level2 = '服务对象满意度指标';
      rowAt(j, 0).level2 = '社会效益指标';
    });
    expect(found.map((f) => f.path).sort()).toEqual(['indicators[0].level2', 'indicators[5].level2']);
  });

  it('accepts synonyms, spaced labels and 成本指标 as a 二级 of 产出指标 (before 2021)', () => {
    expect(
      run((j) => {
        rowAt(j, 2).level2 = '进度指标';
        rowAt(j, 3).level1 = '产出指标';
        rowAt(j, 3).level2 = '成本指标';
        rowAt(j, 4).level1 = '效 益 指 标 (30分)';
        rowAt(j, 4).level2 = '社会效益\n指标';
        rowAt(j, 5).level2 = '环境效益指标';
        rowAt(j, 6).level2 = '社会公众或服务对象满意度指标';
      }),
    ).toEqual([]);
  });

  it('leaves blank and non-standard labels to their own rules', () => {
    expect(
      run((j) => {
        rowAt(j, 0).level2 = '公共安全目标';
        rowAt(j, 1).level1 = null;
        rowAt(j, 2).level1 = '保障目标';
        rowAt(j, 4).level2 = '';
      }),
    ).toEqual([]);
  });
});
