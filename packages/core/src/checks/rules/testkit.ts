/**
 * Test helpers for the rules and the catalogue: forms built through `validate` (so values are
 * read by the real parser, as an imported form's are), the seed and the clean fixture as a
 * reviewer would edit them, and rules run through the real `check` runner (so `needs`,
 * severities set by the profile and `weights-unknown` behave as in production).
 */
import { readFileSync } from 'node:fs';
import type { Evaluation, EvaluationInput } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { getProfile } from '../../profiles/registry.ts';
import type { Profile } from '../../profiles/schema.ts';
import { check } from '../check.ts';
import cleanJson from '../fixtures/clean-project-2023.json' with { type: 'json' };
import { CHECK_RULES } from '../registry.ts';
import type { Finding, Rule, RuleClass } from '../types.ts';

type IndicatorInput = NonNullable<EvaluationInput['indicators']>[number];
export type Edit = (json: EvaluationInput) => void;

// ---- forms ----

/** The seed form (hubei-2020 department form, 21 indicators) as its expected extraction. */
export const SEED: EvaluationInput = JSON.parse(
  readFileSync(
    new URL('../../../../../examples/seed-hubei-dept-2023.expected.json', import.meta.url),
    'utf8',
  ),
);

/** The clean national project form: weights, consistent figures, narrative; nothing to find. */
export const CLEAN = cleanJson as EvaluationInput;

/** A form given as JSON, validated; a test form that does not validate is a defect of the test. */
export function evaluationOf(json: unknown): Evaluation {
  const v = validate(json);
  if (!v.ok) throw new Error(`test form is invalid: ${JSON.stringify(v.errors)}`);
  return v.evaluation;
}

/** A copy of `json` with `edit` applied, validated. */
export function edited(json: EvaluationInput, edit: Edit = () => {}): Evaluation {
  const copy = structuredClone(json);
  edit(copy);
  return evaluationOf(copy);
}

/** Row `k` of a form being edited. */
export function rowAt(json: EvaluationInput, k: number): IndicatorInput {
  const row = json.indicators?.[k];
  if (row === undefined) throw new Error(`the test form has no row ${k}`);
  return row;
}

/** 2022 actuals of the clean project: each below this year's target where a target can rise. */
export const CLEAN_2022_ACTUALS = ['10处', '100%', '93%', '43.5万元', '1.05万人', '94%', '92.1%'];

/** The clean project's 2022 form (budget 480 of 520, actuals of CLEAN_2022_ACTUALS), then `edit`. */
export function clean2022(edit: Edit = () => {}): Evaluation {
  return edited(CLEAN, (j) => {
    j.year = 2022;
    j.filledOn = '2023-03-20';
    Object.assign(j.budget, { initial: 460, planned: 480, executed: 470.4, rate: 0.98, score: 9.8 });
    CLEAN_2022_ACTUALS.forEach((raw, k) => {
      rowAt(j, k).actual = { raw };
    });
    edit(j);
  });
}

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
  return evaluationOf({
    kind: 'project',
    year: 2023,
    unit: '某县农业农村局',
    project: '农田水利维修项目',
    profile: 'national-2020',
    goals: [{ text: '完成农田水利设施维修，保障灌溉。' }],
    indicators,
    ...fields,
    budget: { planned: 100, executed: 100, rate: 1, weight: 10, score: 10, ...budget },
  } satisfies EvaluationInput);
}

// ---- profiles ----

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

// ---- running ----

/** The rules of the given classes, in catalogue order. */
export function rulesOf(...classes: RuleClass[]): Rule[] {
  return CHECK_RULES.filter((r) => classes.includes(r.class));
}

export const RULES_A_TO_C = rulesOf('arithmetic', 'completeness', 'target-quality');
export const RULES_D_TO_F = rulesOf('classification', 'plausibility', 'history');

/** The findings of one rule, plus the runner's own (`weights-unknown`, `history-unavailable`). */
export function run(
  rule: Rule,
  evaluation: Evaluation,
  p: Profile = profile(),
  history: Evaluation[] = [],
): Finding[] {
  return check(evaluation, p, history, { rules: [rule] });
}

/** The findings of one rule alone. */
export function found(
  rule: Rule,
  evaluation: Evaluation,
  p: Profile = profile(),
  history: Evaluation[] = [],
): Finding[] {
  return run(rule, evaluation, p, history).filter((f) => f.code === rule.code);
}

/** `code path` per finding, for compact assertions. */
export function places(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.path}`);
}
