/**
 * The reading loop: walks the cell stream once, hands each part of the form to its reader
 * (header fields, budget block, goals, indicator table, footer) and starts a new form when a
 * second one begins in the same file.
 */
import type { IndicatorRole, Layout } from '../layout/types.ts';
import { budgetHeaderAt, readBudget } from './budget.ts';
import { isEmptyMark, isPlaceholderName, joinLines, parseDate, parseMoney, plainNumber } from './cells.ts';
import { type FormDraft, newDraft } from './draft.ts';
import { indicatorHeaderAt, readIndicatorHeader, readIndicatorRow } from './indicators.ts';
import {
  type FooterField,
  footerField,
  goalSubHeader,
  type HeadField,
  inlineValue,
  isBudgetTitle,
  isDepartmentWord,
  isEndMatter,
  isGoalSectionTitle,
  isOverallGoalHeader,
  isTitle,
  numberedGoal,
  overallGoalInline,
  yearIn,
} from './markers.ts';
import { newReport, warn } from './report.ts';
import { type Ctx, isMarker, nextFilled, rowEnd, valueAfter } from './stream.ts';
import { headOf, levelOf, type Tok, valueLikeOf, withText } from './tokens.ts';

/** Instructions a template leaves in its cells: '…(100字以内)'. */
const TEMPLATE_TEXT = /[(（]\d+字以内[)）]\s*$/;

export function parseForms(toks: Tok[], layout: Layout | null): FormDraft[] {
  const forms: FormDraft[] = [];
  const ctx: Ctx = { toks, form: newDraft(0, layout, newReport()) };
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.empty) {
      i++;
      continue;
    }
    if (startsNewForm(ctx.form, t)) {
      ctx.form.lastTok = i - 1;
      forms.push(ctx.form);
      ctx.form = newDraft(i, layout, newReport());
    }
    i = step(ctx, i);
  }
  ctx.form.lastTok = toks.length - 1;
  forms.push(ctx.form);
  return forms.filter((f) => f.sawIndicators || f.budgetSeen);
}

function startsNewForm(form: FormDraft, t: Tok): boolean {
  if (!(form.sawIndicators || form.sawFooter)) return false;
  const field = headOf(t)?.field;
  return (
    isTitle(t.key) || field === 'unit' || field === 'project' || (isBudgetTitle(t.key) && form.budgetSeen)
  );
}

/** Reads what starts at token i; returns the index where reading goes on (always > i). */
function step(ctx: Ctx, i: number): number {
  const { toks, form } = ctx;
  const t = toks[i]!;
  const k = t.key;
  const next = Math.max(i + 1, stepPart(ctx, i, t, k));
  form.lastTok = Math.max(form.lastTok, next - 1);
  return next;
}

function stepPart(ctx: Ctx, i: number, t: Tok, k: string): number {
  const { toks, form } = ctx;
  if (isDepartmentWord(k)) form.department = true;
  const year = yearIn(k);
  if (year !== null && form.year === null && !form.budgetSeen && !form.sawIndicators) form.year = year;
  // isMarker asks every test below at once and keeps the answer on the token: a cell that is no
  // marker (most rows start with one) opens no part, and only a year line or content remains
  if (!isMarker(t)) return year !== null && k.length <= 12 ? i + 1 : stepContent(ctx, i, t);
  const head = headOf(t);
  if (head) return readHeadField(ctx, i, head.field);
  if (isTitle(k) || (year !== null && k.length <= 12)) return i + 1;
  if (isEndMatter(k)) {
    form.sawFooter = form.sawIndicators || form.sawFooter;
    return t.stream ? i + 1 : rowEnd(toks, i);
  }
  if (isBudgetTitle(k) || (!form.budgetSeen && budgetHeaderAt(toks, i))) return readBudget(ctx, i);
  const goal = numberedGoal(k);
  if (goal) return readNumberedGoal(ctx, i, goal.points, goal.inline);
  if (isGoalSectionTitle(k)) return i + 1;
  // a goal block may also come after the indicators: a web page nests it in a table of its own
  const lateGoal = !form.sawIndicators || form.goals.length === 0;
  if (isOverallGoalHeader(k) || (goalSubHeader(k) !== null && lateGoal)) return readGoalBlock(ctx, i);
  const footer = footerField(k);
  if (footer && (form.sawIndicators || footer !== 'total')) return readFooter(ctx, i, footer);
  if (indicatorHeaderAt(toks, i)) return readIndicatorHeader(ctx, i);
  return stepContent(ctx, i, t);
}

/** Reads a cell that opens no part of the form: an indicator row, or text nothing reads. */
function stepContent(ctx: Ctx, i: number, t: Tok): number {
  const { toks, form } = ctx;
  // text outside the tables inside a form: page headers and footers ('第2页，共2页')
  if (t.preamble && (form.sawIndicators || form.budgetSeen)) return i + 1;
  if (form.sawIndicators && !form.sawFooter) {
    if (startsOtherTable(ctx, i)) {
      form.sawFooter = true;
      return unreadableRow(ctx, i);
    }
    return readIndicatorRow(ctx, i);
  }
  // indicator rows without a header row above them: read with the layout's columns
  if (!form.sawIndicators && !t.preamble && levelOf(t) === 'level1' && hasNameAfter(toks, i)) {
    warn(
      form.report,
      'no-indicator-header',
      t.where,
      '指标行上方没有表头（一级指标、二级指标……），按版式的默认列读取',
      t.text,
    );
    const columns = form.layout?.indicatorColumns ?? DEFAULT_INDICATOR_COLUMNS;
    form.columns = columns.map((role) => ({ role, col: null }));
    form.sawIndicators = true;
    return readIndicatorRow(ctx, i);
  }
  if (form.budgetSeen || form.sawIndicators) return unreadableRow(ctx, i);
  // page chrome before the form (site names, dates of publication …)
  return i + 1;
}

const DEFAULT_INDICATOR_COLUMNS: readonly IndicatorRole[] = [
  'level1',
  'level2',
  'name',
  'target',
  'actual',
  'score',
];

/** Reports the row at i, which nothing could read, with its text; returns the index after it. */
function unreadableRow(ctx: Ctx, i: number): number {
  const { toks, form } = ctx;
  const t = toks[i]!;
  const end = t.stream ? i + 1 : rowEnd(toks, i);
  const texts: string[] = [];
  for (let j = i; j < end; j++) if (!toks[j]!.empty) texts.push(toks[j]!.text);
  const text = texts.join(' | ');
  warn(form.report, 'unreadable-row', t.where, '无法识别的内容，未导入', text);
  return end;
}

/** Whether a name-like cell follows the label at i in its row. */
function hasNameAfter(toks: Tok[], i: number): boolean {
  const t = toks[i]!;
  if (t.stream) return false;
  const end = rowEnd(toks, i);
  for (let j = i + 1; j < end; j++) {
    const x = toks[j]!;
    if (x.empty || levelOf(x) !== null) continue;
    return !valueLikeOf(x);
  }
  return false;
}

/**
 * At the first row of another grid inside the indicator table: a row of short words without any
 * value or label is the header of another table (a nested one that a web page or Word put after
 * this one), not the indicators continued on the next page.
 */
function startsOtherTable(ctx: Ctx, i: number): boolean {
  const { toks, form } = ctx;
  const t = toks[i]!;
  if (t.stream || form.lastIndicatorGrid === null || t.grid === form.lastIndicatorGrid) return false;
  // a sheet is a document of its own: another sheet never continues this one's table
  const last = toks.findLast((x) => x.grid === form.lastIndicatorGrid && !x.preamble);
  if (
    last?.source.sheet !== undefined &&
    t.source.sheet !== undefined &&
    last.source.sheet !== t.source.sheet
  )
    return true;
  const cells: Tok[] = [];
  const end = rowEnd(toks, i);
  for (let j = i; j < end; j++) if (!toks[j]!.empty) cells.push(toks[j]!);
  return cells.length >= 2 && cells.every(isWordy);
}

/** A short cell of words: no value, no label, no placeholder. */
function isWordy(c: Tok): boolean {
  return c.key.length <= 8 && !valueLikeOf(c) && levelOf(c) === null && !isPlaceholderName(c.text);
}

function readHeadField(ctx: Ctx, i: number, field: HeadField): number {
  const { toks, form } = ctx;
  const t = toks[i]!;
  let value: string | null = inlineValue(t.text);
  let next = i + 1;
  if (value === null && headOf(t)?.inline == null) {
    const v = valueAfter(toks, i);
    value = v.tok ? v.tok.text : null;
    next = v.next;
  }
  const text = value === null ? null : joinLines(value).trim() || null;
  switch (field) {
    case 'unit':
      form.unit ??= text;
      break;
    case 'implementer':
      form.implementer ??= text;
      break;
    case 'department':
      form.departmentName ??= text;
      break;
    case 'project':
      form.project ??= text;
      break;
    case 'publisher':
      form.publisher ??= text;
      break;
    case 'filledOn':
      form.filledOn ??= text === null ? null : parseDate(text);
      break;
    case 'basicTotal':
    case 'projectTotal': {
      form.department = true;
      const money = text === null ? null : parseMoney(text);
      if (money && !money.ok)
        warn(form.report, 'not-a-number', t.where, `“${t.text}”的值“${text}”不是金额`, text ?? '');
      if (field === 'basicTotal') form.basicTotal ??= money?.value ?? null;
      else form.projectTotal ??= money?.value ?? null;
      break;
    }
    default:
      break;
  }
  return next;
}

function templateOrText(ctx: Ctx, tok: Tok | null): string | null {
  if (!tok || tok.empty) return null;
  const text = joinLines(tok.text).trim();
  if (text === '') return null;
  if (TEMPLATE_TEXT.test(text)) {
    warn(ctx.form.report, 'template-text', tok.where, '单元格仍是模板的填写说明，按空白处理', text);
    return null;
  }
  return text;
}

function readNumberedGoal(ctx: Ctx, i: number, points: number | null, inline: boolean): number {
  const { toks, form } = ctx;
  const t = toks[i]!;
  const v = inline
    ? { tok: withText(t, inlineValue(t.text) ?? '', t.key), next: i + 1 }
    : valueAfter(toks, i);
  const text = templateOrText(ctx, v.tok);
  form.numberedGoals = true;
  if (text === null) {
    const weight = points === null ? '' : `（${points}分）`;
    warn(form.report, 'goal-without-text', t.where, `“${t.text}”没有目标内容${weight}，未记为目标`, t.text);
    form.currentGoal = null;
  } else {
    const id = `G${form.goals.length + 1}`;
    form.goals.push({ id, text, weight: points, outcome: null });
    form.currentGoal = id;
  }
  form.rows.push({
    kind: 'goal',
    rowId: t.row,
    where: t.where,
    text: t.text,
    l1: null,
    l2: null,
    points: null,
    name: null,
    cells: {},
    goal: form.currentGoal,
  });
  return v.next;
}

/** '年度总体目标 | 预期目标 | 实际完成情况' then the goal and its outcome. */
function readGoalBlock(ctx: Ctx, i: number): number {
  const { toks, form } = ctx;
  const header = toks[i]!;
  if (overallGoalInline(header.key) !== null) {
    const text = templateOrText(ctx, withText(header, inlineValue(header.text) ?? '', header.key));
    if (text !== null)
      form.goals.push({ id: `G${form.goals.length + 1}`, text, weight: null, outcome: null });
    return i + 1;
  }
  // the block may open with its sub-headers: a PDF prints the merged '年度总体目标' lower down
  const roles: ('text' | 'outcome')[] = [];
  let j = i;
  while (j < toks.length) {
    const t = toks[j]!;
    if (t.empty) {
      j++;
      continue;
    }
    const overall = isOverallGoalHeader(t.key) || isGoalSectionTitle(t.key);
    const sub = goalSubHeader(t.key);
    if (!overall && sub === null) break;
    if (!overall && sub !== null) roles.push(sub);
    j++;
  }
  if (!roles.includes('text')) roles.unshift('text');
  const found: (Tok | null)[] = [];
  for (const _ of roles) {
    const at = header.stream ? j : nextFilled(toks, j);
    const t = toks[at];
    if (!t || (!t.empty && isMarker(t))) break;
    found.push(t.empty ? null : t);
    j = at + 1;
  }
  const text = templateOrText(ctx, found[roles.indexOf('text')] ?? null);
  const outcomeAt = roles.indexOf('outcome');
  const outcome = outcomeAt < 0 ? null : templateOrText(ctx, found[outcomeAt] ?? null);
  if (text !== null) form.goals.push({ id: `G${form.goals.length + 1}`, text, weight: null, outcome });
  else form.emptyGoalHeader ??= header;
  return j;
}

function readFooter(ctx: Ctx, i: number, field: FooterField): number {
  const { toks, form } = ctx;
  form.sawFooter = form.sawIndicators || form.sawFooter;
  if (field === 'total') return readTotal(ctx, i);
  const v = valueAfter(toks, i);
  const text = templateOrText(ctx, v.tok);
  if (field === 'grade') form.grade ??= text;
  else if (field === 'deviationAnalysis') form.deviationAnalysis ??= text;
  else if (field === 'improvementPlan') form.improvementPlan ??= text;
  else if (field === 'conclusion') form.conclusion ??= text;
  else form.problems ??= text;
  return v.next;
}

/**
 * Whether a total row's cells, read from the right against the header's trailing columns, put
 * its only number under 分值 and leave 得分 empty. Read from the right because the label on the
 * left is often merged over several columns.
 */
function blankScoreBesideWeight(values: readonly Tok[], roles: readonly string[], only: Tok): boolean {
  const w = roles.indexOf('weight');
  const s = roles.indexOf('score');
  if (w < 0 || s < 0 || values.length < roles.length) return false;
  const tail = values.slice(values.length - roles.length);
  const score = tail[s]!;
  return tail[w] === only && (score.empty || isEmptyMark(score.text));
}

/**
 * '总分 | … | 95', '总分 100 100', '合计 | 100 | | ': the numbers are read against the trailing
 * columns of the indicator header (分值, 得分, 偏差原因), so a weight total is never taken for
 * the score.
 */
function readTotal(ctx: Ctx, i: number): number {
  const { toks, form } = ctx;
  const t = toks[i]!;
  const roles = (form.columns ?? [])
    .map((c) => c.role)
    .filter((r) => r === 'weight' || r === 'score' || r === 'deviation');
  if (!roles.includes('score')) roles.push('score');
  const values: Tok[] = [];
  let j = i + 1;
  if (t.stream) {
    while (j < toks.length && values.length < roles.length) {
      const v = toks[j]!;
      if (!v.empty && (isMarker(v) || plainNumber(v.text) === null)) break;
      values.push(v);
      j++;
    }
  } else {
    const end = rowEnd(toks, i);
    for (; j < end; j++) values.push(toks[j]!);
  }
  const numbers = values.filter((v) => !v.empty && !isEmptyMark(v.text));
  let score: Tok | undefined;
  let weight: Tok | undefined;
  if (t.stream && values.length === roles.length) {
    // a stream keeps its empty cells: read them by position
    score = values[roles.indexOf('score')];
    const w = roles.indexOf('weight');
    weight = w >= 0 ? values[w] : undefined;
  } else if (numbers.length === 1 && t.positional && blankScoreBesideWeight(values, roles, numbers[0]!)) {
    // '合计 | 100 | (blank) | (blank)': the one number stands in the 分值 column, the 得分 cell
    // is empty — the form reports no total, and the weight total is not one
    weight = numbers[0];
  } else if (numbers.length >= 2 && roles.includes('weight')) {
    weight = numbers[numbers.length - 2];
    score = numbers[numbers.length - 1];
  } else score = numbers[numbers.length - 1];
  const scoreValue = score && !score.empty ? plainNumber(score.text) : null;
  const weightValue = weight && !weight.empty ? plainNumber(weight.text) : null;
  if (score && !score.empty && scoreValue === null) {
    warn(form.report, 'not-a-number', score.where, `总分“${score.text}”不是数字`, score.text);
  }
  form.total ??= scoreValue;
  form.totalWeight ??= weightValue;
  if (scoreValue === null && weightValue !== null) {
    warn(
      form.report,
      'total-is-weight-sum',
      t.where,
      `“${t.text}”一行的 ${weightValue} 是分值合计，不是自评得分`,
      t.text,
    );
  }
  return Math.max(j, i + 1);
}
