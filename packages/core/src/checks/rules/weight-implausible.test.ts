import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { getProfile } from '../../profiles/registry.ts';
import { check } from '../check.ts';
import clean from '../fixtures/clean-project-2023.json' with { type: 'json' };
import { weightImplausible as rule } from './weight-implausible.ts';

function run(edit: (j: EvaluationInput) => void, profile = 'national-2020') {
  const json = structuredClone(clean) as EvaluationInput;
  edit(json);
  const v = validate(json);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return check(v.evaluation, getProfile(profile)!, [], { rules: [rule] });
}
const row = (j: EvaluationInput, k: number) => j.indicators![k]!;
const mine = (fs: ReturnType<typeof run>) => fs.filter((f) => f.code === rule.code);

describe('weight-implausible', () => {
  it('finds nothing on the clean fixture', () => {
    expect(mine(run(() => {}))).toEqual([]);
  });

  it('flags a weight above the profile’s indicator total', () => {
    const found = mine(
      run((j) => {
        row(j, 0).weight = 100;
      }, 'hubei-2020'),
    );
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'indicators[0].weight',
        message: '“集中供水工程改造处数”的分值100分超过绩效指标总分80分（湖北省预算绩效自评（2020年起））。',
      }),
    ]);
  });

  it('flags a weight of 0 that scored, and a negative weight', () => {
    const found = mine(
      run((j) => {
        row(j, 1).weight = 0;
        row(j, 2).weight = -5;
      }),
    );
    expect(found.map((f) => f.path)).toEqual(['indicators[1].weight', 'indicators[2].weight']);
    expect(found[0]!.message).toBe('“工程验收合格率”的分值为0，却填报得分15分。');
  });

  it('accepts a weight of 0 without a score, and the whole total on one row', () => {
    expect(
      mine(
        run((j) => {
          Object.assign(row(j, 1), { weight: 0, score: 0 });
          Object.assign(row(j, 2), { weight: 90 });
        }),
      ),
    ).toEqual([]);
  });

  it('is skipped when no weight is known', () => {
    const all = run((j) => {
      for (const i of j.indicators!) i.weight = null;
    });
    expect(mine(all)).toEqual([]);
    expect(all.some((f) => f.code === 'weights-unknown')).toBe(true);
  });
});
