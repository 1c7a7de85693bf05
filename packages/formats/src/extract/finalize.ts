/**
 * A read form → the canonical Evaluation. Values are parsed here (targets and actuals with the
 * core value parser, money, rates and scores as plain numbers), always as the form states them:
 * nothing is recomputed, and what cannot be read is null with a warning.
 */
import type { Budget, BudgetLine, Evaluation, Goal, Indicator, Value } from '@jixiao/core';
import { parseValue } from '@jixiao/core';
import type { IndicatorRole } from '../layout/types.ts';
import {
  isEmptyMark,
  isNatureCell,
  isOperatorCell,
  joinLines,
  parseRate,
  parseScore,
  plainNumber,
  type ScoreReading,
} from './cells.ts';
import type { BudgetRow, FormDraft, IndicatorRow } from './draft.ts';
import { resolveLabels } from './labels.ts';
import { memo } from './memo.ts';
import { type Report, warn } from './report.ts';
import { emptyMarkOf, factsOfTok, moneyOfTok, plainNumberOf, type Tok } from './tokens.ts';

function text(t: Tok | undefined): string {
  return t && !t.empty ? t.text.trim() : '';
}

function moneyOf(report: Report, moneyUnit: string, t: Tok | undefined, what: string): number | null {
  if (!t || t.empty) return null;
  // parseMoney's own first test, answered by the fact the token keeps
  const m = emptyMarkOf(t) ? NO_MONEY : moneyOfTok(t);
  if (!m.ok) {
    warn(report, 'not-a-number', t.where, `${what}“${t.text}”不是金额`, t.text);
    return null;
  }
  const sameUnit = m.unit === null || m.unit === moneyUnit || (m.unit === '万' && moneyUnit === '万元');
  if (!sameUnit) {
    warn(
      report,
      'money-unit',
      t.where,
      `${what}“${t.text}”的单位与表头的“${moneyUnit}”不同，按原数记录`,
      t.text,
    );
  }
  return m.value;
}

const NO_MONEY = { value: null, unit: null, ok: true } as const;

/** parseScore of the token's text, its first two tests answered by the facts the token keeps. */
function scoreReading(t: Tok): ScoreReading {
  if (emptyMarkOf(t)) return { value: null, ok: true };
  const n = plainNumberOf(t);
  if (n !== null) return { value: n, ok: true };
  return parseScore(t.text);
}

function scoreOf(report: Report, t: Tok | undefined, what: string): number | null {
  if (!t || t.empty) return null;
  const s = scoreReading(t);
  if (!s.ok) warn(report, 'not-a-number', t.where, `${what}“${t.text}”不是数字`, t.text);
  return s.value;
}

function rateOf(report: Report, t: Tok | undefined): number | null {
  if (!t || t.empty) return null;
  const r = emptyMarkOf(t) ? NO_RATE : rateReading(t.text);
  if (!r.ok) warn(report, 'not-a-number', t.where, `执行率“${t.text}”不是百分数`, t.text);
  if (r.assumedPercent) {
    warn(
      report,
      'rate-without-percent',
      t.where,
      `执行率“${t.text}”没有“%”，按百分数读作 ${r.value}`,
      t.text,
    );
  }
  return r.value;
}

const NO_RATE = { value: null, ok: true, assumedPercent: false } as const;

// a rate is divided by 100 in decimal arithmetic, which costs more than a lookup; forms repeat
// their rates ('100%'), and the reading is only read, never changed
const rateReading = memo(parseRate);

function lineLabel(label: string): string {
  return label
    .replace(/^\s*其中\s*[:：]?\s*/, '')
    .replace(/[:：]\s*$/, '')
    .trim();
}

function budgetOf(form: FormDraft): Budget {
  const { report, moneyUnit } = form;
  const c = form.budgetTotal?.cells ?? {};
  const weightCell = scoreOf(report, c.weight, '预算分值');
  const budget: Budget = {
    moneyUnit,
    initial: moneyOf(report, moneyUnit, c.initial, '年初预算数'),
    planned: moneyOf(report, moneyUnit, c.planned, '全年预算数'),
    executed: moneyOf(report, moneyUnit, c.executed, '全年执行数'),
    rate: rateOf(report, c.rate),
    weight: weightCell ?? form.budgetTitlePoints,
    score: scoreOf(report, c.score, '预算得分'),
    lines: form.budgetLines.map((row) => lineOf(form, row)),
  };
  if (form.department) {
    budget.basicTotal = form.basicTotal ?? null;
    budget.projectTotal = form.projectTotal ?? null;
  }
  return budget;
}

function lineOf(form: FormDraft, row: BudgetRow): BudgetLine {
  const { report, moneyUnit } = form;
  const c = row.cells;
  const line: BudgetLine = {
    label: lineLabel(row.label),
    initial: moneyOf(report, moneyUnit, c.initial, '年初预算数'),
    planned: moneyOf(report, moneyUnit, c.planned, '全年预算数'),
    executed: moneyOf(report, moneyUnit, c.executed, '全年执行数'),
  };
  const rate = rateOf(report, c.rate);
  const weight = scoreOf(report, c.weight, '分值');
  const score = scoreOf(report, c.score, '得分');
  if (rate !== null) line.rate = rate;
  if (weight !== null) line.weight = weight;
  if (score !== null) line.score = score;
  return line;
}

/**
 * The target as one raw string: Sichuan's 指标性质 | 指标值 | 度量单位 cells are concatenated
 * ('=' '100' '%' → '=100%'); a 计量单位 column is appended to a bare number.
 */
/**
 * A target or actual value printed over two lines of a narrow cell (a PDF keeps the break) is
 * one value: the break goes, with a space only between two Latin letters or digits
 * ("100 km", but "≥95%", "19.57亿元").
 */
function unwrapValue(value: string): string {
  if (!value.includes('\n')) return value;
  return value.replace(/\s*\n\s*/g, (_m, at: number, all: string) => {
    const before = all[at - 1] ?? '';
    const after = all[at + _m.length] ?? '';
    return /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after) ? ' ' : '';
  });
}

function targetRaw(cells: Partial<Record<IndicatorRole, Tok>>): string {
  const value = unwrapValue(text(cells.target));
  if (value === '') return '';
  const opCell = text(cells.op);
  const op = opCell !== '' && isOperatorCell(opCell) ? opCell : '';
  return op + value + unitSuffix(value, cells);
}

function unitSuffix(value: string, cells: Partial<Record<IndicatorRole, Tok>>): string {
  const unit = text(cells.unit);
  if (unit === '' || emptyMarkOfText(unit, cells.unit) || value.endsWith(unit)) return '';
  return plainNumber(value) !== null || /\d$/.test(value) ? unit : '';
}

/** isEmptyMark(text), from the token's fact when the text is the token's own. */
function emptyMarkOfText(text: string, t: Tok | undefined): boolean {
  return t !== undefined && t.text === text ? emptyMarkOf(t) : isEmptyMark(text);
}

function actualRaw(cells: Partial<Record<IndicatorRole, Tok>>): string {
  const t = cells.actual;
  const value = unwrapValue(text(t));
  if (value === '') return '';
  const n = t !== undefined && t.text === value ? plainNumberOf(t) : plainNumber(value);
  return n !== null ? value + unitSuffix(value, cells) : value;
}

function indicatorsOf(form: FormDraft): Indicator[] {
  const { report } = form;
  const hasLevel1 = form.columns === null || form.columns.some((c) => c.role === 'level1');
  const labels = resolveLabels(form.rows, report, hasLevel1);
  const out: Indicator[] = [];
  const singleGoal = !form.numberedGoals;
  for (const row of form.rows) {
    if (row.kind !== 'indicator') continue;
    out.push(indicatorOf(report, row, labels.get(row) ?? { level1: null, level2: null }, singleGoal));
  }
  return out;
}

// Forms repeat their targets and actuals ('≥95%', '100%', '是'): each text is read once, and each
// indicator gets its own copy (all of parseValue's fields, in its order), since a form may be
// changed in place.
const parsedValue = memo(parseValue);

/**
 * The value a target or actual states. Most often `raw` is the cell's own text (nothing joined to
 * it), whose reading is then kept with the text's other facts: a field of a record the token
 * already holds, rather than a lookup in the cache of every value text, which stays behind it for
 * the texts whose records were not kept.
 */
function readValue(raw: string, t: Tok | undefined): Value {
  return { ...(t !== undefined && t.text === raw ? valueOfTok(t) : parsedValue(raw)) };
}

function valueOfTok(t: Tok): Value {
  const f = factsOfTok(t);
  let v = f.value;
  if (v === undefined) v = f.value = parsedValue(f.text);
  return v;
}

function indicatorOf(
  report: Report,
  row: IndicatorRow,
  labels: { level1: string | null; level2: string | null },
  singleGoal: boolean,
): Indicator {
  const c = row.cells;
  const name = row.name ?? '';
  const deviation = text(c.deviation);
  const indicator: Indicator = {
    goal: singleGoal ? null : row.goal,
    level1: labels.level1,
    level2: labels.level2,
    name,
    target: readValue(targetRaw(c), c.target),
    actual: readValue(actualRaw(c), c.actual),
    weight: scoreOf(report, c.weight, '分值'),
    score: scoreOf(report, c.score, '得分'),
    deviation: deviation === '' || emptyMarkOfText(deviation, c.deviation) ? null : joinLines(deviation),
  };
  const coreCell = text(c.core);
  if (name.startsWith('★') || /^(是|★|√|✓|核心)$/.test(coreCell)) indicator.core = true;
  else if (coreCell === '否') indicator.core = false;
  const adjusted = text(c.adjustedTarget);
  if (adjusted !== '' && !isEmptyMark(adjusted) && adjusted !== text(c.target)) {
    warn(
      report,
      'unused-cell',
      c.adjustedTarget!.where,
      `调整指标值“${adjusted}”与年初指标值不同，目标值按年初指标值记录`,
      adjusted,
    );
  }
  const nature = text(c.op);
  if (
    nature !== '' &&
    isNatureCell(nature) &&
    /定性/.test(nature) &&
    indicator.target.kind === 'quantitative'
  ) {
    warn(report, 'unused-cell', c.op!.where, `指标性质为“${nature}”，但目标值是数字`, nature);
  }
  return indicator;
}

export function finalizeForm(form: FormDraft, file: string | undefined): Evaluation {
  const layout = form.layout;
  const kind = form.department
    ? 'department'
    : form.project !== null
      ? 'project'
      : (layout?.kind ?? 'project');
  if (kind === 'department') form.department = true;
  if (form.goals.length === 0 && form.emptyGoalHeader) {
    const h = form.emptyGoalHeader;
    warn(form.report, 'goal-without-text', h.where, '年度总体目标没有内容', h.text);
  }
  const goals: Goal[] = form.goals.map((g) => ({
    id: g.id,
    text: g.text,
    weight: g.weight,
    outcome: g.outcome,
  }));
  const evaluation: Evaluation = {
    kind,
    year: form.year,
    unit: form.unit ?? form.implementer ?? form.publisher,
    department: form.departmentName,
    project: form.project,
    profile: layout?.profile ?? 'national-2020',
    filledOn: form.filledOn,
    budget: budgetOf(form),
    goals,
    indicators: indicatorsOf(form),
    totalReported: form.total,
    grade: form.grade,
    deviationAnalysis: form.deviationAnalysis,
    improvementPlan: form.improvementPlan,
    import: {
      layout: layout?.id ?? 'generic',
      source: file ?? null,
      repairs: form.report.repairs,
      warnings: form.report.warnings,
    },
  };
  if (form.conclusion !== null) evaluation.conclusion = form.conclusion;
  if (form.problems !== null) evaluation.problems = form.problems;
  return evaluation;
}
