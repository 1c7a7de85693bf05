import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { getProfile } from '../../profiles/registry.ts';
import { check } from '../check.ts';
import clean from '../fixtures/clean-project-2023.json' with { type: 'json' };
import { basicSpendingZero as rule } from './basic-spending-zero.ts';

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

describe('basic-spending-zero', () => {
  it('notes the seed’s 基本支出总额 0 beside 项目支出 390.76万元', () => {
    expect(run(seed)).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'budget.basicTotal',
        place: '预算执行情况 / 基本支出总额',
        message:
          '部门整体支出自评表的基本支出总额为0，项目支出总额390.76万元；部门整体支出通常包含人员经费和公用经费，请核实基本支出是否漏填或由其他单位承担。',
      }),
    ]);
  });

  it('is silent when basic spending is given, or unknown (null is not 0)', () => {
    expect(run(seed, (j) => Object.assign(j.budget, { basicTotal: 120.5 }))).toEqual([]);
    expect(run(seed, (j) => Object.assign(j.budget, { basicTotal: null }))).toEqual([]);
  });

  it('does not apply to project forms, which have no basic spending', () => {
    expect(run(clean as EvaluationInput, (j) => Object.assign(j.budget, { basicTotal: 0 }))).toEqual([]);
  });
});
