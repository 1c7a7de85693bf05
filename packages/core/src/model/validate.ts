/**
 * `validate(json)`: the one gate every evaluation passes, whether it came from a file, the
 * API or the editor. It returns the normalised evaluation, or errors a person can act on:
 * a stable code, the path inside the document, and a Chinese message.
 */
import type { z } from 'zod';
import { parseValue } from '../values/parseValue.ts';
import { type Evaluation, evaluationSchema, type Goal, type Indicator, type Value } from './evaluation.ts';

export interface ValidationError {
  /** stable code for programs: required, wrong-type, not-allowed, not-finite, bad-date, out-of-range, unknown-goal, duplicate-goal */
  code: string;
  /** where in the document: `indicators[3].target.raw`; '' for the document itself */
  path: string;
  /** what is wrong and what to do, in Chinese */
  message: string;
}

export type ValidationResult =
  | { ok: true; evaluation: Evaluation }
  | { ok: false; errors: ValidationError[] };

/** `indicators[3].target.raw` from ['indicators', 3, 'target', 'raw']. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const FIELD_NAMES: Record<string, string> = {
  kind: '表类型',
  year: '年度',
  unit: '单位名称',
  department: '主管部门',
  project: '项目名称',
  profile: '评分规则',
  filledOn: '填报日期',
  budget: '预算执行情况',
  moneyUnit: '金额单位',
  basicTotal: '基本支出总额',
  projectTotal: '项目支出总额',
  initial: '年初预算数',
  planned: '全年预算数',
  executed: '全年执行数',
  rate: '执行率',
  weight: '分值',
  score: '得分',
  lines: '资金明细',
  goals: '年度目标',
  indicators: '绩效指标',
  goal: '所属目标',
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标名称',
  target: '目标值',
  actual: '实际完成值',
  raw: '原文',
  deviation: '偏差原因',
  totalReported: '总分',
  grade: '等级',
  deviationAnalysis: '偏差分析',
  improvementPlan: '改进措施',
  text: '内容',
  label: '名称',
};

/** The Chinese name of what a path points at: `indicators[3].target` → 第4个绩效指标的目标值. */
export function describePath(path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (typeof key === 'string' && typeof next === 'number') {
      parts.push(`第${next + 1}个${FIELD_NAMES[key] ?? key}`);
      i++;
    } else if (typeof key === 'string') {
      parts.push(FIELD_NAMES[key] ?? key);
    }
  }
  return parts.length === 0 ? '文档' : parts.join('的');
}

/**
 * A value as quoted in a message: short, and safe for values too deep or too large for
 * JSON.stringify (a hostile document must get a message, not a crash).
 */
function shown(v: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = Array.isArray(v) ? '[…]' : '{…}';
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function typeName(v: unknown): string {
  if (v === undefined) return '缺失';
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组';
  switch (typeof v) {
    case 'string':
      return '文本';
    case 'number':
      return Number.isFinite(v) ? '数字' : '非有限数字';
    case 'boolean':
      return '布尔值';
    case 'object':
      return '对象';
    default:
      return typeof v;
  }
}

const EXPECTED_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '数组',
  null: 'null',
};

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function toError(issue: z.core.$ZodIssue, input: unknown): ValidationError {
  const path = formatPath(issue.path);
  const where = describePath(issue.path);
  const found = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (found === undefined) {
        return { code: 'required', path, message: `缺少${where}（${path}），请补充该字段。` };
      }
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      return {
        code: 'wrong-type',
        path,
        message: `${where}（${path}）应为${expected}，实际为${typeName(found)}${typeof found === 'string' ? `“${found.length > 80 ? `${found.slice(0, 80)}…` : found}”` : ''}。`,
      };
    }
    case 'invalid_value':
      return {
        code: 'not-allowed',
        path,
        message: `${where}（${path}）的值${shown(found)}不在允许范围内，可选：${issue.values.map((v) => JSON.stringify(v)).join('、')}。`,
      };
    case 'too_small':
    case 'too_big':
      return {
        code: 'out-of-range',
        path,
        message: `${where}（${path}）的值${shown(found)}超出合理范围（${issue.code === 'too_small' ? '不小于' : '不大于'}${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}）。`,
      };
    case 'invalid_format':
      return {
        code: 'bad-date',
        path,
        message: `${where}（${path}）应为“YYYY-MM-DD”格式的日期，实际为${shown(found)}。`,
      };
    case 'custom':
      if (issue.message === 'not-finite') {
        return { code: 'not-finite', path, message: `${where}（${path}）必须是有限的数字。` };
      }
      return { code: 'invalid', path, message: `${where}（${path}）无效：${issue.message}` };
    default:
      if (issue.message === 'date-format') {
        return {
          code: 'bad-date',
          path,
          message: `${where}（${path}）应为“YYYY-MM-DD”格式的日期，实际为${shown(found)}。`,
        };
      }
      return { code: 'invalid', path, message: `${where}（${path}）无效：${issue.message}` };
  }
}

/** Completes a value given only by its raw text; fields the input gives are kept as given. */
function completeValue(v: z.output<typeof evaluationSchema>['indicators'][number]['target']): Value {
  const needsParse =
    v.kind === undefined || v.op === undefined || v.value === undefined || v.unit === undefined;
  const parsed = needsParse ? parseValue(v.raw) : null;
  const out: Value = {
    raw: v.raw,
    op: v.op !== undefined ? v.op : (parsed?.op ?? null),
    value: v.value !== undefined ? v.value : (parsed?.value ?? null),
    unit: v.unit !== undefined ? v.unit : (parsed?.unit ?? null),
    kind: v.kind ?? parsed?.kind ?? 'empty',
  };
  const upper = v.upper !== undefined ? v.upper : parsed?.upper;
  if (upper !== undefined && upper !== null) out.upper = upper;
  return out;
}

/**
 * Checks the shape of an evaluation and normalises it: defaults for absent optional fields,
 * goal ids (G1, G2 …) where missing, and values completed from their raw text. Keys the model
 * does not know (such as `notes` in sample files) are ignored.
 */
export function validate(json: unknown): ValidationResult {
  const parsed = evaluationSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => toError(issue, json)) };
  }
  const data = parsed.data;
  const errors: ValidationError[] = [];

  const goals: Goal[] = data.goals.map((g, i) => ({ ...g, id: g.id ?? `G${i + 1}` }));
  const seen = new Set<string>();
  goals.forEach((g, i) => {
    if (seen.has(g.id)) {
      errors.push({
        code: 'duplicate-goal',
        path: `goals[${i}].id`,
        message: `年度目标编号“${g.id}”重复（goals[${i}].id），每个目标的编号必须唯一。`,
      });
    }
    seen.add(g.id);
  });

  const indicators: Indicator[] = data.indicators.map((ind, i) => {
    // A single-goal form may leave `goal` out; a reference to a goal that does not exist is an error.
    if (ind.goal !== null && goals.length > 0 && !seen.has(ind.goal)) {
      errors.push({
        code: 'unknown-goal',
        path: `indicators[${i}].goal`,
        message: `第${i + 1}个绩效指标“${ind.name}”所属目标“${ind.goal}”不存在（indicators[${i}].goal），现有目标：${[...seen].join('、')}。`,
      });
    }
    return { ...ind, target: completeValue(ind.target), actual: completeValue(ind.actual) };
  });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, evaluation: { ...data, goals, indicators } };
}
