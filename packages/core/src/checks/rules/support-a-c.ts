/**
 * What the rules of classes A–C share: paths and figures for messages, and the judgement of
 * narrative text (blank, template instructions, stock phrases, whether it names an indicator).
 * A form is checked thousands of times a second in bulk review, so what several rules need is
 * computed once per score result and memoised by that object.
 */
import { type Decimal, dec, plain, round } from '../../decimal/decimal.ts';
import type { Evaluation, Indicator, Value } from '../../model/evaluation.ts';
import type { IndicatorScore } from '../../scoring/types.ts';
import { foldText } from '../../values/text.ts';
import type { CheckContext } from '../types.ts';

/** `indicators[3].target`, or `indicators[3]` for the row itself. */
export function indicatorPath(index: number, field?: string): string {
  return field === undefined ? `indicators[${index}]` : `indicators[${index}].${field}`;
}

/** A value as written, for messages. */
export function shown(v: Value): string {
  const raw = v.raw.trim();
  return raw === '' ? '（空）' : raw;
}

// Decimal formatting costs microseconds and the same few ratios (thresholds, overshoots) are
// formatted by several rules on every form, so plain numbers are memoised.
const percentMemo = new Map<string, string>();
const PERCENT_MEMO_LIMIT = 4096;

/** A fraction as a percentage for messages: 1.583333 → "158.3%". */
export function percent(fraction: number | Decimal, places: number): string {
  if (typeof fraction !== 'number') return `${plain(round(fraction.times(100), places))}%`;
  const key = `${fraction}|${places}`;
  const known = percentMemo.get(key);
  if (known !== undefined) return known;
  const text = `${plain(round(dec(fraction).times(100), places))}%`;
  if (percentMemo.size >= PERCENT_MEMO_LIMIT) percentMemo.clear();
  percentMemo.set(key, text);
  return text;
}

/** A number for messages: money and scores as the form writes them (20, not 20.00). */
export function num(n: number | Decimal): string {
  return plain(n);
}

/** Text cut to `max` characters for quoting in a message. */
export function excerpt(text: string, max = 24): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max)}…`;
}

// Spaces, punctuation and placeholders carry no meaning in a narrative or a name.
const NOISE = /[\s,.;:!?、，。；：！？'"“”‘’()（）[\]【】《》<>〈〉\-—_·/\\|…~*★☆※]/g;

/** Folded text with spaces and punctuation removed, for comparing narratives and names. */
export function compact(text: string): string {
  return foldText(text).replace(NOISE, '');
}

const WORD = /\p{L}/u;

/**
 * Whether a narrative cell says nothing at all: null, empty, or only digits and placeholders.
 * A stray "0" in a 偏差原因 column, or "43.2" in a goal cell, is not text.
 */
export function isBlank(text: string | null | undefined): boolean {
  return typeof text !== 'string' || !WORD.test(text);
}

// Templates print their instructions in the cell ("结合自评情况，分析存在的问题及原因。(200字以内)"),
// and published forms often keep them: an instruction is not an answer.
const TEMPLATE_INSTRUCTION = /[(（]\s*\d+\s*字以内\s*[)）]/;

export function isTemplateText(text: string | null | undefined): boolean {
  return typeof text === 'string' && TEMPLATE_INSTRUCTION.test(text);
}

// Words that may surround a stock phrase without adding anything ("已基本完成…", "本项目…").
const FILLER = [
  '本项目',
  '本单位',
  '本部门',
  '已经',
  '均已',
  '全部',
  '各项',
  '总体',
  '整体',
  '顺利',
  '圆满',
  '已',
  '均',
];

interface PhraseSet {
  /** compact spellings of two characters or more, longest first: removed wherever they occur */
  inner: string[];
  /** compact spellings of one character ("无"): they only count as the whole text */
  whole: Set<string>;
}

// The runner builds a new phrase list per form; the lists themselves rarely differ, so they are
// memoised by content.
const phraseMemo = new Map<string, PhraseSet>();
const PHRASE_MEMO_LIMIT = 64;

function phraseSet(phrases: readonly string[]): PhraseSet {
  const id = phrases.join('\u0001');
  const known = phraseMemo.get(id);
  if (known) return known;
  const spelled = [...new Set(phrases.map(compact).filter((p) => p !== ''))];
  const set: PhraseSet = {
    inner: spelled.filter((p) => p.length >= 2).sort((a, b) => b.length - a.length),
    whole: new Set(spelled.filter((p) => p.length < 2)),
  };
  if (phraseMemo.size >= PHRASE_MEMO_LIMIT) phraseMemo.clear();
  phraseMemo.set(id, set);
  return set;
}

/**
 * Whether a text is nothing but stock phrases: what remains after removing the phrases and
 * filler words is empty, and at least one phrase was there. "已基本完成年度预算绩效目标。" is;
 * "预算执行率95%，基本完成年度目标" is not (it gives a figure).
 */
export function isBoilerplate(text: string | null | undefined, phrases: readonly string[]): boolean {
  if (isBlank(text)) return false;
  const whole = compact(text as string);
  const set = phraseSet(phrases);
  if (set.whole.has(whole)) return true;
  let rest = whole;
  for (const p of set.inner) if (rest.includes(p)) rest = rest.split(p).join('');
  if (rest === whole) return false;
  for (const f of FILLER) if (rest.includes(f)) rest = rest.split(f).join('');
  return rest === '';
}

/** Text that actually explains something: not blank, not template instructions, not stock phrases. */
export function isSubstantive(text: string | null | undefined, phrases: readonly string[]): boolean {
  return !isBlank(text) && !isTemplateText(text) && !isBoilerplate(text, phrases);
}

const TEMPLATE_PREFIX = /^指标[0-9一二三四五六七八九十]+[:：]?/;
const TRAILING_BRACKET = /[(（][^()（）]{0,8}[)）]$/;

/** The part of an indicator name a narrative would quote: no ★, template prefix, unit in brackets or punctuation. */
export function nameKey(name: string): string {
  const folded = foldText(name).replace(TEMPLATE_PREFIX, '').replace(TRAILING_BRACKET, '');
  return folded.replace(NOISE, '');
}

// A narrative quotes a name loosely ("安全生产培训超额完成"), so a run of this many characters of
// the name counts; shorter names must appear whole.
const MENTION_RUN = 5;

/** Whether a narrative names the indicator: its name, or a run of five of its characters. */
export function mentions(text: string, name: string): boolean {
  const key = nameKey(name);
  if (key === '') return false;
  const hay = compact(text);
  if (hay.includes(key)) return true;
  for (let i = 0; i + MENTION_RUN <= key.length; i++) {
    if (hay.includes(key.slice(i, i + MENTION_RUN))) return true;
  }
  return false;
}

const analysisMemo = new WeakMap<Evaluation, { phrases: readonly string[]; text: string }>();

/** The form's own analysis: 偏差分析 and 存在问题 (Sichuan's footer), where they say something. */
export function analysisText(ev: Evaluation, phrases: readonly string[]): string {
  const known = analysisMemo.get(ev);
  if (known && known.phrases === phrases) return known.text;
  const parts = [ev.deviationAnalysis, ev.problems].filter((t): t is string => isSubstantive(t, phrases));
  const text = parts.join('\n');
  analysisMemo.set(ev, { phrases, text });
  return text;
}

/**
 * How an indicator's deviation is explained: a note on its row, the form's analysis naming it,
 * an analysis that exists but does not name it (a reviewer must judge), or nothing.
 */
export type Explanation = 'row' | 'named' | 'unnamed' | 'none';

export function explanationOf(ind: Indicator, ctx: CheckContext): Explanation {
  if (isSubstantive(ind.deviation, ctx.boilerplate)) return 'row';
  const analysis = analysisText(ctx.evaluation, ctx.boilerplate);
  if (analysis === '') return 'none';
  return mentions(analysis, ind.name) ? 'named' : 'unnamed';
}

/** The row did not reach its target, or scored below its weight. */
export function fellShort(ind: Indicator, s: IndicatorScore): boolean {
  if (s.status === 'not-applicable') return false;
  if (s.met === false) return true;
  return ind.score !== null && s.effectiveWeight !== null && dec(ind.score).lessThan(s.effectiveWeight);
}

/** The execution rate a reviewer judges: B/A when it can be computed, else the rate printed. */
export function executionRate(ctx: CheckContext): Decimal | null {
  const r = ctx.score.budget.rate;
  const rate = r.computed ?? r.reported;
  return rate === null ? null : dec(rate);
}

/** What on the form calls for an explanation. */
export interface Gaps {
  overshoots: IndicatorScore[];
  shortfalls: IndicatorScore[];
  lowExecution: boolean;
}

const gapsMemo = new WeakMap<object, Gaps>();

export function gapsOf(ctx: CheckContext): Gaps {
  const known = gapsMemo.get(ctx.score);
  if (known) return known;
  const inds = ctx.evaluation.indicators;
  const overshoots = ctx.score.indicators.filter((s) => s.overshoot);
  const shortfalls = ctx.score.indicators.filter((s) => {
    const ind = inds[s.index];
    return ind !== undefined && fellShort(ind, s);
  });
  const rate = executionRate(ctx);
  const gaps: Gaps = {
    overshoots,
    shortfalls,
    lowExecution: rate?.lessThan(ctx.profile.lowExecutionThreshold) === true,
  };
  gapsMemo.set(ctx.score, gaps);
  return gaps;
}

/** "4 个指标超过目标 130% 以上（安全生产培训次数 400%、…）" and the like, for narrative findings. */
export function gapsText(ctx: CheckContext, gaps: Gaps): string {
  const places = ctx.profile.rounding.percent;
  const parts: string[] = [];
  if (gaps.overshoots.length > 0) {
    const listed = gaps.overshoots
      .slice(0, 3)
      .map((s) => `${s.name} ${percent(s.ratio ?? 0, places)}`)
      .join('、');
    const more = gaps.overshoots.length > 3 ? '等' : '';
    parts.push(
      `有 ${gaps.overshoots.length} 个指标实际完成值达到目标值的 ${percent(ctx.profile.overshootThreshold, 0)} 以上（${listed}${more}）`,
    );
  }
  if (gaps.shortfalls.length > 0) {
    const listed = gaps.shortfalls
      .slice(0, 3)
      .map((s) => s.name)
      .join('、');
    const more = gaps.shortfalls.length > 3 ? '等' : '';
    parts.push(`有 ${gaps.shortfalls.length} 个指标未达成目标或未得满分（${listed}${more}）`);
  }
  if (gaps.lowExecution) {
    const rate = executionRate(ctx);
    if (rate !== null) parts.push(`预算执行率仅 ${percent(rate, places)}`);
  }
  return parts.join('，');
}

export type NarrativeField = 'deviationAnalysis' | 'improvementPlan';

export const NARRATIVE_NAMES: Record<NarrativeField, string> = {
  deviationAnalysis: '偏差大或目标未完成原因分析',
  improvementPlan: '改进措施及结果应用方案',
};

// Which footer narratives a layout prints. National project templates put the explanation in a
// per-row 偏差原因分析及改进措施 column instead; Sichuan's footer has 存在问题 and 改进措施.
const LAYOUT_NARRATIVES: Record<string, readonly NarrativeField[]> = {
  'hubei-department': ['deviationAnalysis', 'improvementPlan'],
  'hubei-project': ['deviationAnalysis', 'improvementPlan'],
  'sichuan-2023': ['improvementPlan'],
};

/** Whether the form has this narrative cell: the evaluation holds it (even blank), or its layout prints it. */
export function hasNarrativeCell(ctx: CheckContext, field: NarrativeField): boolean {
  if (ctx.evaluation[field] !== null) return true;
  const layout = ctx.evaluation.import?.layout ?? ctx.profile.layout;
  return LAYOUT_NARRATIVES[layout]?.includes(field) ?? false;
}
