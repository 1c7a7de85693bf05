import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { getProfile } from '../../profiles/registry.ts';
import { check } from '../check.ts';
import clean from '../fixtures/clean-project-2023.json' with { type: 'json' };
import { duplicateIndicator as rule } from './duplicate-indicator.ts';

const seed = JSON.parse(
  readFileSync(
    new URL('../../../../../examples/seed-hubei-dept-2023.expected.json', import.meta.url),
    'utf8',
  ),
) as EvaluationInput;

function run(json: EvaluationInput, edit: (j: EvaluationInput) => void = () => {}) {
  const copy = structuredClone(json);
  edit(copy);
  const v = validate(copy);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return check(v.evaluation, getProfile('hubei-2020')!, [], { rules: [rule] }).filter(
    (f) => f.code === rule.code,
  );
}
const row = (j: EvaluationInput, k: number) => j.indicators![k]!;

describe('duplicate-indicator', () => {
  it('finds nothing on the clean fixture or the seed', () => {
    expect(run(clean as EvaluationInput)).toEqual([]);
    expect(run(seed)).toEqual([]);
  });

  it('warns on a name repeated under one goal, spelled with ★, spaces or full-width forms', () => {
    const found = run(clean as EvaluationInput, (j) => {
      row(j, 6).name = '★农村自来水　普及率（%）';
      row(j, 4).name = '指标1：集中供水工程改造处数';
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'indicators[4].name',
        message:
          '“指标1：集中供水工程改造处数”与第1个指标重复（同一目标下名称相同），同一指标不应重复列示和计分。',
      }),
      expect.objectContaining({ severity: 'warning', path: 'indicators[6].name' }),
    ]);
    expect(found[1]!.message).toContain('与第6个指标重复');
  });

  it('notes the same name and target under two goals of a department form', () => {
    const found = run(seed, (j) => {
      Object.assign(row(j, 20), { name: '企业对招商工作满意度', target: { raw: '≥90%' } });
    });
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators[20].name',
        message:
          '“企业对招商工作满意度”（目标≥90%）与目标2的第13个指标名称和目标值相同，请核实是否重复列示。',
      }),
    ]);
  });

  it('accepts the same name with another target under another goal', () => {
    expect(
      run(seed, (j) => {
        Object.assign(row(j, 20), { name: '企业对招商工作满意度', target: { raw: '≥95%' } });
      }),
    ).toEqual([]);
  });

  it('ignores rows without a name', () => {
    expect(
      run(clean as EvaluationInput, (j) => {
        row(j, 0).name = '';
        row(j, 1).name = ' ';
      }),
    ).toEqual([]);
  });
});
