/**
 * Scoring profiles are data (design.md: configuration as data): a new region is a new JSON
 * file validated by this schema, never new code.
 */
import { z } from 'zod';

const share = z.number().min(0).max(1);

export const qualitativeBandSchema = z.object({
  grade: z.enum(['达成', '部分达成', '未达成']),
  /** lower bound as a share of the indicator's weight, inclusive */
  min: share,
  /** upper bound as a share of the weight; inclusive only for the top band */
  max: share,
  maxInclusive: z.boolean().default(false),
});

export const gradeBandSchema = z.object({
  grade: z.string(),
  /** the lowest total that earns this grade, inclusive */
  min: z.number(),
});

export const ruleSettingSchema = z.object({
  enabled: z.boolean().default(true),
  severity: z.enum(['error', 'warning', 'info']).optional(),
});

/** The narrative cells a form's footer may print (偏差分析, 改进措施). */
export const NARRATIVE_FIELDS = ['deviationAnalysis', 'improvementPlan'] as const;
export type NarrativeField = (typeof NARRATIVE_FIELDS)[number];

/** What the checks need to know of a form layout (`import.layout`, else the profile's `layout`). */
export const layoutSettingSchema = z.object({
  /**
   * The footer narratives the layout prints: a blank one there is a gap. National project
   * templates print none (they explain per row, in 偏差原因分析及改进措施).
   */
  narrativeFooter: z.array(z.enum(NARRATIVE_FIELDS)).default([]),
});

/**
 * Check settings a region may tune: which rules run and at what severity, thresholds, stock
 * phrases, and what each layout prints. A profile gives only what it changes; the shared
 * defaults (data/check-defaults.json) are merged under it when the profile is loaded.
 */
export const checkSettingsSchema = z.object({
  rules: z.record(z.string(), ruleSettingSchema).default({}),
  thresholds: z.record(z.string(), z.number()).default({}),
  boilerplate: z.array(z.string()).default([]),
  layouts: z.record(z.string(), layoutSettingSchema).default({}),
});

export const profileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  region: z.string(),
  /** the regulations or practice this profile follows, one line each */
  basis: z.array(z.string()).default([]),
  budgetWeight: z.number().min(0),
  indicatorTotal: z.number().min(0),
  /** default weights of each 一级指标 (national: 产出 50, 效益 30, 满意度 10), when the profile sets them */
  level1Weights: z.record(z.string(), z.number()).nullable().default(null),
  formulas: z.object({
    /** reverse targets (≤, <): `ratio` = w × min(A/B, 1); `linear` = w × max(0, 1 − (B−A)/A) */
    reverse: z.enum(['ratio', 'linear']).default('ratio'),
    /** `=` targets missed: `proportional` = w × min(B/A, A/B); `all-or-nothing` = 0 */
    equalMissed: z.enum(['proportional', 'all-or-nothing']).default('proportional'),
  }),
  qualitativeBands: z.array(qualitativeBandSchema).min(1),
  gradeBands: z.array(gradeBandSchema).min(1),
  /** actual / target at or above this is an overshoot that needs explaining (1.3 = 130%) */
  overshootThreshold: z.number().min(1).default(1.3),
  /** execution rates below this need a reason (0.9 = 90%) */
  lowExecutionThreshold: z.number().min(0).max(1).default(0.9),
  rounding: z.object({
    money: z.number().int().min(0).max(6).default(2),
    score: z.number().int().min(0).max(6).default(2),
    /** decimals of a percentage as displayed (83.5%) */
    percent: z.number().int().min(0).max(6).default(1),
  }),
  /** the export layout of forms under this profile */
  layout: z.string(),
  /** this profile's own check settings, over the shared defaults */
  checks: checkSettingsSchema.default({ rules: {}, thresholds: {}, boilerplate: [], layouts: {} }),
});

export type Profile = z.output<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type QualitativeBand = z.output<typeof qualitativeBandSchema>;
export type CheckSettings = z.output<typeof checkSettingsSchema>;
