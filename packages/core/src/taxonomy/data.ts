/**
 * The indicator taxonomy as data (taxonomy.json), checked against its schema once at load so a
 * bad edit to the file fails every test instead of misclassifying forms quietly.
 *
 * The standard labels are fixed nationally and typed here; what grows (the spellings provinces
 * and OCR produce, the keyword lists) lives in the JSON.
 */
import { z } from 'zod';
import raw from './taxonomy.json' with { type: 'json' };

export const LEVEL1_LABELS = ['产出指标', '成本指标', '效益指标', '满意度指标'] as const;
export type Level1Label = (typeof LEVEL1_LABELS)[number];

export const LEVEL2_LABELS = [
  '数量指标',
  '质量指标',
  '时效指标',
  '成本指标',
  '经济效益指标',
  '社会效益指标',
  '生态效益指标',
  '可持续影响指标',
  '服务对象满意度指标',
  '经济成本指标',
  '社会成本指标',
  '生态环境成本指标',
] as const;
export type Level2Label = (typeof LEVEL2_LABELS)[number];

export type StandardLabel = Level1Label | Level2Label;

const spellings = z.array(z.string().min(1));

const level1Schema = z.object({
  label: z.enum(LEVEL1_LABELS),
  synonyms: spellings,
  nameLike: spellings,
  standardFrom: z.number().int().optional(),
  standardUntil: z.number().int().optional(),
  note: z.string().optional(),
});

const level2Schema = level1Schema.extend({
  label: z.enum(LEVEL2_LABELS),
  parents: z.array(z.enum(LEVEL1_LABELS)).min(1),
});

const keywordListSchema = z.object({
  why: z.string().min(1),
  words: spellings.min(1),
  excluded: z.record(z.string(), z.string()),
});

const taxonomySchema = z.object({
  level1: z.array(level1Schema),
  level2: z.array(level2Schema),
  keywords: z.object({ economic: keywordListSchema, satisfaction: keywordListSchema }),
});

export type Level1Entry = z.infer<typeof level1Schema>;
export type Level2Entry = z.infer<typeof level2Schema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const TAXONOMY: Taxonomy = taxonomySchema.parse(raw);

/**
 * Money and economic-output words (纳税, 投资, 营收, 产值, GDP …). They describe effects on the
 * economy the unit serves, so under 满意度指标 — or under 产出指标 when they are not the project's
 * own output — they mark a misfiled indicator (domain.md §4 D). Confirm with a money unit before
 * flagging: 投资 also occurs in counts. The JSON keeps the reasons and the words left out on purpose.
 */
export const ECONOMIC_KEYWORDS: readonly string[] = TAXONOMY.keywords.economic.words;

/**
 * Satisfaction and recognition words (满意度, 满意率, 认可度, 好评率 …): a surveyed judgement of the
 * service, which belongs under 满意度指标. 知晓率 (awareness) and 投诉率 (complaints) are left out:
 * they are objective effect or quality measures that legitimately sit under 产出/效益.
 */
export const SATISFACTION_KEYWORDS: readonly string[] = TAXONOMY.keywords.satisfaction.words;
