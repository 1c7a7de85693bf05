/**
 * Test helpers for the rules of classes A–C: forms built through `validate` (so values are read
 * by the real parser, as an imported form's are) and rules run through the real `check` runner
 * (so `needs`, severities set by the profile and `weights-unknown` behave as in production).
 */
import type { Evaluation, EvaluationInput } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { getProfile } from '../../profiles/registry.ts';
import type { Profile } from '../../profiles/schema.ts';
import { check } from '../check.ts';
import type { Finding, Rule } from '../types.ts';

type IndicatorInput = NonNullable<EvaluationInput['indicators']>[number];

/** One indicator row; target and actual are given as written on the form. */
export function row(
  name: string,
  target: string,
  actual: string,
  weight: number | null = null,
  score: number | null = null,
  extra: Partial<IndicatorInput> = {},
): IndicatorInput {
  return {
    level1: '产出指标',
    level2: '数量指标',
    name,
    target: { raw: target },
    actual: { raw: actual },
    weight,
    score,
    deviation: null,
    ...extra,
  };
}

/**
 * A national project form (budget 100 of 100 spent, 10 points, no narrative) with the given rows
 * and fields; budget fields are merged into the default budget.
 */
export function form(
  indicators: IndicatorInput[],
  rest: Omit<Partial<EvaluationInput>, 'budget'> & { budget?: Partial<EvaluationInput['budget']> } = {},
): Evaluation {
  const { budget, ...fields } = rest;
  const input: EvaluationInput = {
    kind: 'project',
    year: 2023,
    unit: '某县农业农村局',
    project: '农田水利维修项目',
    profile: 'national-2020',
    goals: [{ text: '完成农田水利设施维修，保障灌溉。' }],
    indicators,
    ...fields,
    budget: {
      planned: 100,
      executed: 100,
      rate: 1,
      weight: 10,
      score: 10,
      ...budget,
    },
  };
  const result = validate(input);
  if (!result.ok) throw new Error(`test form is invalid: ${JSON.stringify(result.errors)}`);
  return result.evaluation;
}

export function profile(id = 'national-2020'): Profile {
  const p = getProfile(id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
}

/** A profile with some check thresholds or stock phrases changed, as a region would tune it. */
export function tuned(
  p: Profile,
  checks: { thresholds?: Record<string, number>; boilerplate?: string[] },
  rest: Partial<Profile> = {},
): Profile {
  return {
    ...p,
    ...rest,
    checks: {
      ...p.checks,
      thresholds: { ...p.checks.thresholds, ...checks.thresholds },
      boilerplate: [...p.checks.boilerplate, ...(checks.boilerplate ?? [])],
    },
  };
}

/** The findings of one rule (plus the runner's own `weights-unknown`, when the rule was skipped). */
export function run(rule: Rule, evaluation: Evaluation, p: Profile = profile()): Finding[] {
  return check(evaluation, p, [], { rules: [rule] });
}

/** `code path` per finding, for compact assertions. */
export function places(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.path}`);
}
