/**
 * The canonical evaluation JSON (domain.md §6): what every importer produces and every
 * exporter, scorer and checker consumes. Field names are part of the public interface.
 *
 * Unknown values are `null`, never 0. Imported fields hold what the form says (reported
 * rate, scores, total); recomputation belongs to the scoring engine.
 */
import { z } from 'zod';

export const VALUE_OPS = ['>=', '>', '<=', '<', '='] as const;
export type ValueOp = (typeof VALUE_OPS)[number];

/**
 * quantitative: a number (with optional operator and unit) was found;
 * qualitative: words such as 达成预期 / 未发生 / 好;
 * deadline: a time limit such as 12月底前完成 (qualitative unless it carries a date);
 * empty: the cell is there but blank, or a placeholder such as "/" or "—".
 */
export const VALUE_KINDS = ['quantitative', 'qualitative', 'deadline', 'empty'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

const finite = z.number().refine(Number.isFinite, { message: 'not-finite' });
const nullableNumber = finite.nullable();

/** A target or actual value. Only `raw` is required in input; the rest is parsed from it. */
export const valueSchema = z.object({
  raw: z.string(),
  op: z.enum(VALUE_OPS).nullable().optional(),
  value: nullableNumber.optional(),
  unit: z.string().nullable().optional(),
  kind: z.enum(VALUE_KINDS).optional(),
  /** upper bound when the raw text gives a range ("90%-95%"); `value` is the lower bound */
  upper: nullableNumber.optional(),
});

export const QUALITATIVE_GRADES = ['达成', '部分达成', '未达成'] as const;
export type QualitativeGrade = (typeof QUALITATIVE_GRADES)[number];

export const indicatorSchema = z.object({
  /** id of the goal this indicator serves (G1, G2 …); null when the form has one goal */
  goal: z.string().nullable().default(null),
  level1: z.string().nullable().default(null),
  level2: z.string().nullable().default(null),
  name: z.string(),
  target: valueSchema,
  actual: valueSchema,
  weight: nullableNumber.default(null),
  score: nullableNumber.default(null),
  deviation: z.string().nullable().default(null),
  /** ★ core indicator (核心指标) */
  core: z.boolean().optional(),
  /** false when the indicator does not apply this year: it is dropped and the rest rescaled */
  applicable: z.boolean().optional(),
  /** the grade the unit picked for a qualitative indicator */
  grade: z.enum(QUALITATIVE_GRADES).nullable().optional(),
});

export const budgetLineSchema = z.object({
  label: z.string(),
  initial: nullableNumber.default(null),
  planned: nullableNumber.default(null),
  executed: nullableNumber.default(null),
  rate: nullableNumber.optional(),
  weight: nullableNumber.optional(),
  score: nullableNumber.optional(),
});

export const budgetSchema = z.object({
  moneyUnit: z.string().default('万元'),
  /** department forms: 基本支出总额 and 项目支出总额 */
  basicTotal: nullableNumber.optional(),
  projectTotal: nullableNumber.optional(),
  /** 年初预算数 */
  initial: nullableNumber.default(null),
  /** 全年预算数 / 调整后预算数 = A, the denominator of the execution rate */
  planned: nullableNumber.default(null),
  /** 全年执行数 = B */
  executed: nullableNumber.default(null),
  /** the execution rate as printed, as a fraction (100% → 1) */
  rate: nullableNumber.default(null),
  weight: nullableNumber.default(null),
  score: nullableNumber.default(null),
  lines: z.array(budgetLineSchema).default([]),
});

export const goalSchema = z.object({
  id: z.string().optional(),
  text: z.string(),
  weight: nullableNumber.default(null),
  /** 实际完成情况 for the goal, where the form has one */
  outcome: z.string().nullable().default(null),
});

export const repairSchema = z.object({
  kind: z.string(),
  where: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export const importWarningSchema = z.object({
  code: z.string().optional(),
  where: z.string(),
  message: z.string(),
  text: z.string().optional(),
});

export const importInfoSchema = z.object({
  layout: z.string().nullable(),
  source: z.string().nullable().optional(),
  repairs: z.array(repairSchema).default([]),
  warnings: z.array(importWarningSchema).default([]),
});

export const EVALUATION_KINDS = ['department', 'project'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export const evaluationSchema = z.object({
  kind: z.enum(EVALUATION_KINDS),
  year: z.number().int().min(1990).max(2100).nullable().default(null),
  unit: z.string().nullable().default(null),
  department: z.string().nullable().default(null),
  project: z.string().nullable().default(null),
  profile: z.string().nullable().default(null),
  filledOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date-format' })
    .nullable()
    .default(null),
  budget: budgetSchema,
  goals: z.array(goalSchema).default([]),
  indicators: z.array(indicatorSchema).default([]),
  totalReported: nullableNumber.default(null),
  /** the grade printed on the form (优/良/中/差), if any */
  grade: z.string().nullable().default(null),
  deviationAnalysis: z.string().nullable().default(null),
  improvementPlan: z.string().nullable().default(null),
  /** 评价结论 / 存在问题, on forms that have them */
  conclusion: z.string().nullable().optional(),
  problems: z.string().nullable().optional(),
  import: importInfoSchema.optional(),
});

export type EvaluationInput = z.input<typeof evaluationSchema>;

/** A value after normalisation: every field present. */
export interface Value {
  raw: string;
  op: ValueOp | null;
  value: number | null;
  unit: string | null;
  kind: ValueKind;
  upper?: number | null;
}

type Parsed = z.output<typeof evaluationSchema>;
type ParsedIndicator = z.output<typeof indicatorSchema>;

export type Indicator = Omit<ParsedIndicator, 'target' | 'actual'> & { target: Value; actual: Value };
export type Goal = Omit<z.output<typeof goalSchema>, 'id'> & { id: string };
export type Budget = z.output<typeof budgetSchema>;
export type BudgetLine = z.output<typeof budgetLineSchema>;
export type Repair = z.output<typeof repairSchema>;
export type ImportWarning = z.output<typeof importWarningSchema>;
export type ImportInfo = z.output<typeof importInfoSchema>;

export type Evaluation = Omit<Parsed, 'indicators' | 'goals'> & { goals: Goal[]; indicators: Indicator[] };
