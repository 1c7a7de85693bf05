import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { getProfile } from '../../profiles/registry.ts';
import { check } from '../check.ts';
import clean from '../fixtures/clean-project-2023.json' with { type: 'json' };
import { level1Missing as rule } from './level1-missing.ts';

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

describe('level1-missing', () => {
  it('finds nothing on the clean fixture', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('warns on a blank 一级 that nothing implies', () => {
    const found = run((j) => {
      row(j, 0).level1 = null;
      row(j, 0).level2 = null;
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
      row(j, 0).level1 = '';
      row(j, 4).level1 = '(30分)';
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
