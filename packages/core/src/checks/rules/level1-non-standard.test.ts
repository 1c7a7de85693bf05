import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { getProfile } from '../../profiles/registry.ts';
import { check } from '../check.ts';
import clean from '../fixtures/clean-project-2023.json' with { type: 'json' };
import { level1NonStandard as rule } from './level1-non-standard.ts';

function run(edit: (j: EvaluationInput) => void) {
  const json = structuredClone(clean) as EvaluationInput;
  edit(json);
  const v = validate(json);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return check(v.evaluation, getProfile('national-2020')!, [], { rules: [rule] }).filter(
    (f) => f.code === rule.code,
  );
}
const row = (j: EvaluationInput, k: number) => j.indicators![k]!;

describe('level1-non-standard', () => {
  it('finds nothing on the clean fixture', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('flags a 一级 that is no standard label', () => {
    const found = run((j) => {
      row(j, 0).level1 = '工作目标';
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
      row(j, 4).level1 = '社会效益指标';
    });
    expect(found[0]!.message).toContain('一级指标栏填写的是二级指标名称“社会效益指标”，应为“效益指标”');
  });

  it('accepts points, spaces and short forms of the standard labels', () => {
    expect(
      run((j) => {
        row(j, 0).level1 = '产 出 指 标 (50分)';
        row(j, 1).level1 = '产出';
        row(j, 3).level1 = '成本指标（10分）';
        row(j, 6).level1 = '满意度指标\n(10分)';
      }),
    ).toEqual([]);
  });

  it('leaves a blank or points-only 一级 to level1-missing', () => {
    expect(
      run((j) => {
        row(j, 0).level1 = null;
        row(j, 1).level1 = '(50分)';
      }),
    ).toEqual([]);
  });
});
