/**
 * What the rules share: paths and figures for messages; the judgement of narrative text (blank,
 * template instructions, stock phrases, whether it names an indicator); per-form facts (labels
 * read against the taxonomy, indicator keys, satisfaction and money readings); and the match of
 * an indicator with last year's.
 *
 * A form is checked thousands of times a second in bulk review and several rules look at the
 * same things, so what they share is computed once per evaluation (or per score result) and
 * memoised by that object; what depends only on a short string from a small vocabulary (a
 * label, a unit, a ratio as displayed) is memoised by the string.
 */
import {
  type Decimal,
  dec,
  percentText,
  quotientOfNumbers,
  quotientPercentText,
} from '../../decimal/decimal.ts';
import type { Evaluation, Indicator, Value } from '../../model/evaluation.ts';
import type { NarrativeField } from '../../profiles/schema.ts';
import type { IndicatorScore } from '../../scoring/types.ts';
import {
  belongsTo,
  type Classified,
  classifyLevel1,
  classifyLevel2,
  compactText,
  inferLevel1,
  normalizeLabel,
} from '../../taxonomy/classify.ts';
import { ECONOMIC_KEYWORDS, type Level1Label, SATISFACTION_KEYWORDS } from '../../taxonomy/data.ts';
import { foldText } from '../../values/text.ts';
import { comparable, normalize } from '../../values/units.ts';
import type { CheckContext } from '../types.ts';

/** A memo keyed by short strings, emptied when it grows past `limit` (a stray form cannot grow it). */
function stringMemo<K, V>(limit: number): (key: K, compute: () => V) => V {
  const map = new Map<K, V>();
  return (key, compute) => {
    const known = map.get(key);
    if (known !== undefined || map.has(key)) return known as V;
    const value = compute();
    if (map.size >= limit) map.clear();
    map.set(key, value);
    return value;
  };
}

/** What is computed once per evaluation; each field is filled when a rule first asks for it. */
interface FormMemo {
  keys?: string[];
  facts?: IndicatorFacts[];
  index?: Map<string, number[]>;
  analysis?: Analysis;
  lastYear?: WeakMap<Evaluation, LastYear>;
}

/** The form's analysis (`analysisText`) under one list of stock phrases, and its `compact` spelling once asked. */
interface Analysis {
  phrases: readonly string[];
  text: string;
  compacted: string | null;
}

// The memos of the last few evaluations asked about (by object identity), not a WeakMap entry per
// evaluation: bulk review checks each form once, and an entry per form cost more in collecting
// than the memo saves (a loop making only such entries spent microseconds an entry, its forms and
// memos carried past young collections into the old generation; without the entries, check took
// 0.85 of its time in paired runs). The rules of one check ask for one form's memo dozens of
// times, a history's earlier years are asked for along with it, and the editor checks the same
// form again: all within the last few.
const memos = recentByIdentity<Evaluation, FormMemo>(8);
const newMemo = (): FormMemo => ({});

function memoOf(ev: Evaluation): FormMemo {
  return memos(ev, newMemo);
}

/**
 * A value per key for the last `limit` keys asked about, matched by identity (the most recent
 * last, the oldest dropped first); `make` gives a new key's value.
 */
function recentByIdentity<K extends object, V>(limit: number): (key: K, make: () => V) => V {
  const recent: { key: K; value: V }[] = [];
  return (key, make) => {
    for (let i = recent.length - 1; i >= 0; i--) {
      const known = recent[i] as { key: K; value: V };
      if (known.key === key) return known.value;
    }
    const value = make();
    if (recent.length >= limit) recent.shift();
    recent.push({ key, value });
    return value;
  };
}

// ---- messages ----

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
// formatted by several rules on every form.
const percentMemo = stringMemo<string, string>(4096);

/** A fraction as a percentage for messages: 1.583333 → "158.3%". */
export function percent(fraction: number | Decimal, places: number): string {
  if (typeof fraction !== 'number') return percentText(fraction, places);
  // A ratio or rate of a few places is its own quotient over 1, whose percentage is told from
  // integers (decimal/quotientPercentText) more cheaply than the key of the memo is built.
  const q = quotientOfNumbers(fraction, 1);
  const text = q === null ? null : quotientPercentText(q, places);
  if (text !== null) return text;
  return percentMemo(`${fraction}|${places}`, () => percentText(fraction, places));
}

/** Text cut to `max` characters for quoting in a message. */
export function excerpt(text: string, max = 24): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max)}…`;
}

// ---- narrative text ----

// Spaces, punctuation and placeholders carry no meaning in a narrative or a name.
const NOISE = /[\s,.;:!?、，。；：！？'"“”‘’()（）[\]【】《》<>〈〉\-—_·/\\|…~*★☆※]/g;

// Narratives and names repeat across rows and forms (stock phrases, standard indicator names),
// and several rules compact the same text: short texts are remembered by their text.
const compactMemo = stringMemo<string, string>(4096);
const COMPACT_MEMO_LENGTH = 256;

/** Folded text with spaces and punctuation removed, for comparing narratives and names. */
export function compact(text: string): string {
  if (text.length > COMPACT_MEMO_LENGTH) return compactOf(text);
  return compactMemo(text, () => compactOf(text));
}

function compactOf(text: string): string {
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
  /** `isBoilerplate` of texts already judged against this set */
  judged: (text: string, judge: () => boolean) => boolean;
}

// A profile's phrase list is one array for as long as the profile lives, and profiles are few.
const phraseSets = new WeakMap<readonly string[], PhraseSet>();

function phraseSet(phrases: readonly string[]): PhraseSet {
  const known = phraseSets.get(phrases);
  if (known) return known;
  const spelled = [...new Set(phrases.map(compact).filter((p) => p !== ''))];
  const set: PhraseSet = {
    inner: spelled.filter((p) => p.length >= 2).sort((a, b) => b.length - a.length),
    whole: new Set(spelled.filter((p) => p.length < 2)),
    judged: stringMemo<string, boolean>(4096),
  };
  phraseSets.set(phrases, set);
  return set;
}

/**
 * Whether a text is nothing but stock phrases: what remains after removing the phrases and
 * filler words is empty, and at least one phrase was there. "已基本完成年度预算绩效目标。" is;
 * "预算执行率95%，基本完成年度目标" is not (it gives a figure).
 */
export function isBoilerplate(text: string | null | undefined, phrases: readonly string[]): boolean {
  if (isBlank(text)) return false;
  const set = phraseSet(phrases);
  const t = text as string;
  if (t.length > COMPACT_MEMO_LENGTH) return boilerplateIn(compactOf(t), set);
  return set.judged(t, () => boilerplateIn(compact(t), set));
}

function boilerplateIn(whole: string, set: PhraseSet): boolean {
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

// ---- indicator names ----

// Template prefixes ("指标1:", "指标2" glued without a colon), the ★ of core indicators and a
// unit moved into the name ("满意度(%)") are not part of a name.
const TEMPLATE_PREFIX = /^指标[0-9一二三四五六七八九十]+[:：.、]?/;
const CORE_MARKS = /[★☆※*]/g;
// List numbering: "1、", "(2)", but not the "1.5" of "1.5万人受益".
const LIST_NUMBER = /^(?:\(?[0-9]{1,2}\)|[0-9]{1,2}[、.](?![0-9]))/;
const TRAILING_UNIT = /\((?:%|‰|[a-zA-Z]{1,4}|[\u4e00-\u9fff]{1,2})\)$/;
// '.' stays: it is a decimal point in names ("1.5万人受益"), and list numbers are gone already.
const KEY_PUNCTUATION = /[,;:!?、，。；：！？'"“”‘’()（）[\]【】《》<>〈〉\-—_·/\\|]/g;

/**
 * Two normalisations of a name, for two different questions; they must stay apart.
 *
 * `indicatorKey` says which indicator a row is, across the rows of one form and across years:
 * it keeps what tells indicators apart (the "." of 1.5万人 against 15万人, a bracket that is not
 * a unit: 收入(总收入)) and ignores case (ＧＤＰ / gdp).
 *
 * `nameKey` is what a narrative quotes of a name, spelled as `compact` spells the narrative:
 * digits lose their "." there too, and a narrative never repeats a bracketed note, whatever it
 * holds. Matching narratives by `indicatorKey` would miss "PM2.5" quoted in a compact text.
 */
export function indicatorKey(name: string | null | undefined): string {
  return typeof name === 'string' ? nameFacts(name).key : '';
}

/** What depends on a row's name alone. */
interface NameFacts {
  compacted: string;
  key: string;
  /** the satisfaction word when the name is such a rate (`satisfactionRateWord`) */
  satisfaction: string | null;
}

// Forms use the same standard indicator names over and over, and each row's name is read for
// its key and its satisfaction word: worked out once per name.
const nameMemo = stringMemo<string, NameFacts>(4096);

function nameFacts(name: string): NameFacts {
  return nameMemo(name, () => {
    const compacted = compactText(name);
    return { compacted, key: keyOfCompacted(compacted), satisfaction: satisfactionRateWord(compacted) };
  });
}

/** `indicatorKey` of a name already through `compactText`. */
function keyOfCompacted(compacted: string): string {
  let s = compacted.replace(CORE_MARKS, '');
  // Most names have no prefix, numbering or unit: a glance at the ends spares the patterns.
  if (s.startsWith('指标')) s = s.replace(TEMPLATE_PREFIX, '');
  const first = s.charCodeAt(0);
  if ((first >= 0x30 && first <= 0x39) || first === 0x28) s = s.replace(LIST_NUMBER, '');
  if (s.endsWith(')')) s = s.replace(TRAILING_UNIT, '');
  return s.replace(KEY_PUNCTUATION, '').toLowerCase();
}

const TRAILING_BRACKET = /[(（][^()（）]{0,8}[)）]$/;

/** The part of an indicator name a narrative would quote (see `indicatorKey` for why it differs). */
export function nameKey(name: string): string {
  // Asked for every row that fell short or overshot, of names forms repeat: remembered by name.
  if (name.length > COMPACT_MEMO_LENGTH) return nameKeyOf(name);
  return nameKeyMemo(name, () => nameKeyOf(name));
}

const nameKeyMemo = stringMemo<string, string>(4096);

function nameKeyOf(name: string): string {
  return foldText(name).replace(TEMPLATE_PREFIX, '').replace(TRAILING_BRACKET, '').replace(NOISE, '');
}

// A narrative quotes a name loosely ("安全生产培训超额完成"), so a run of this many characters of
// the name counts; shorter names must appear whole.
const MENTION_RUN = 5;

/** Whether a narrative names the indicator: its name, or a run of five of its characters. */
export function mentions(text: string, name: string): boolean {
  return mentionedIn(compact(text), name);
}

/** `mentions` for a narrative already through `compact`. */
function mentionedIn(hay: string, name: string): boolean {
  const key = nameKey(name);
  if (key === '') return false;
  if (hay.includes(key)) return true;
  for (let i = 0; i + MENTION_RUN <= key.length; i++) {
    if (hay.includes(key.slice(i, i + MENTION_RUN))) return true;
  }
  return false;
}

// ---- explanations ----

/** The form's own analysis: 偏差分析 and 存在问题 (Sichuan's footer), where they say something. */
export function analysisText(ev: Evaluation, phrases: readonly string[]): string {
  return analysisOf(ev, phrases).text;
}

function analysisOf(ev: Evaluation, phrases: readonly string[]): Analysis {
  const memo = memoOf(ev);
  if (memo.analysis?.phrases === phrases) return memo.analysis;
  const parts = [ev.deviationAnalysis, ev.problems].filter((t): t is string => isSubstantive(t, phrases));
  const analysis: Analysis = { phrases, text: parts.join('\n'), compacted: null };
  memo.analysis = analysis;
  return analysis;
}

/**
 * How an indicator's deviation is explained: a note on its row, the form's analysis naming it,
 * an analysis that exists but does not name it (a reviewer must judge), or nothing.
 */
export type Explanation = 'row' | 'named' | 'unnamed' | 'none';

export function explanationOf(ind: Indicator, ctx: CheckContext): Explanation {
  if (isSubstantive(ind.deviation, ctx.boilerplate)) return 'row';
  const analysis = analysisOf(ctx.evaluation, ctx.boilerplate);
  if (analysis.text === '') return 'none';
  // Every row that fell short or overshot is looked for in the same analysis, which is often
  // longer than `compact` remembers: compacted once per form.
  analysis.compacted ??= compact(analysis.text);
  return mentionedIn(analysis.compacted, ind.name) ? 'named' : 'unnamed';
}

/** The row did not reach its target, or scored below its weight. */
export function fellShort(ind: Indicator, s: IndicatorScore): boolean {
  if (s.status === 'not-applicable') return false;
  if (s.met === false) return true;
  return ind.score !== null && s.effectiveWeight !== null && ind.score < s.effectiveWeight;
}

/** The execution rate a reviewer judges: B/A when it can be computed, else the rate printed. */
export function executionRate(ctx: CheckContext): Decimal | null {
  const rate = judgedRate(ctx);
  return rate === null ? null : dec(rate);
}

function judgedRate(ctx: CheckContext): number | null {
  const r = ctx.score.budget.rate;
  return r.computed ?? r.reported;
}

/**
 * Whether the execution rate a reviewer judges is below the profile's threshold. Both are JSON
 * numbers, which order as their decimals do, so no decimal is made for the common case.
 */
export function isLowExecution(ctx: CheckContext): boolean {
  const rate = judgedRate(ctx);
  return rate !== null && rate < ctx.profile.lowExecutionThreshold;
}

/** What on the form calls for an explanation. */
export interface Gaps {
  overshoots: IndicatorScore[];
  shortfalls: IndicatorScore[];
  lowExecution: boolean;
}

// The gaps of the last few score results asked about, kept as `memoOf` keeps its memos (and why).
const recentGaps = recentByIdentity<object, Gaps>(4);

export function gapsOf(ctx: CheckContext): Gaps {
  return recentGaps(ctx.score, () => {
    const inds = ctx.evaluation.indicators;
    const overshoots = ctx.score.indicators.filter((s) => s.overshoot);
    const shortfalls = ctx.score.indicators.filter((s) => {
      const ind = inds[s.index];
      return ind !== undefined && fellShort(ind, s);
    });
    return { overshoots, shortfalls, lowExecution: isLowExecution(ctx) };
  });
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

export const NARRATIVE_NAMES: Record<NarrativeField, string> = {
  deviationAnalysis: '偏差大或目标未完成原因分析',
  improvementPlan: '改进措施及结果应用方案',
};

/**
 * Whether the form has this narrative cell: the evaluation holds it (even blank), or its layout
 * prints it (the profile's `checks.layouts[layout].narrativeFooter`).
 */
export function hasNarrativeCell(ctx: CheckContext, field: NarrativeField): boolean {
  if (ctx.evaluation[field] !== null) return true;
  const layout = ctx.evaluation.import?.layout ?? ctx.profile.layout;
  return ctx.profile.checks.layouts[layout]?.narrativeFooter.includes(field) ?? false;
}

// ---- amounts ----

// Cheap test before normalising: a money unit has 元 or a magnitude in it.
const MONEY_UNIT_CHARS = /[元万亿千百十]/;

/** A value of 1 in `unit`, to ask values/units about the unit alone. */
function oneIn(unit: string | null): Value {
  return { raw: '', op: null, value: 1, unit, kind: 'quantitative' };
}

// Whether a unit is money, and how two units compare, depend on the units alone, and forms use
// few: each is worked out once (with its decimal powers of ten) and remembered.
const moneyUnits = stringMemo<string, boolean>(1024);
const unitScales = stringMemo<string, UnitScale | null>(4096);

/** The factors for a pair of units; `same` when they are equal, so numbers compare as written. */
interface UnitScale {
  a: Decimal;
  b: Decimal;
  same: boolean;
}

/** Whether a value is an amount of money: 元 with any magnitude, or a bare magnitude (5亿, 150万). */
export function isMoneyValue(v: Value): boolean {
  if (v.kind !== 'quantitative' || v.unit === null || !MONEY_UNIT_CHARS.test(v.unit)) return false;
  if (v.value === null || !Number.isFinite(v.value)) return false;
  const unit = v.unit;
  return moneyUnits(unit, () => {
    const n = normalize(oneIn(unit));
    return n !== null && (n.base.endsWith('元') || n.base === '');
  });
}

/**
 * The factors that bring a value in unit `a` and one in unit `b` onto one scale (values/units
 * `comparable`, which is linear in the values), or null when they measure different things.
 */
function unitScale(a: string | null, b: string | null): UnitScale | null {
  return unitScales(`${a ?? ''}\u0000${b ?? ''}`, () => {
    const pair = comparable(oneIn(a), oneIn(b));
    return pair === null ? null : { ...pair, same: pair.a.equals(pair.b) };
  });
}

/** Whether two numbers in these values' units can be compared (what `comparable` decides). */
export function unitsComparable(a: Value, b: Value): boolean {
  if (a.value === null || b.value === null || !Number.isFinite(a.value) || !Number.isFinite(b.value)) {
    return false;
  }
  return unitScale(a.unit, b.unit) !== null;
}

/**
 * −1, 0 or 1 as `a` is below, equal to or above `b` on one scale (values/comparable), or null
 * when they measure different things. The same unit on both sides needs no rescaling, and
 * ordering two numbers read from decimal text is exact, so that common case skips the decimals.
 */
export function compareAmounts(a: Value, b: Value): number | null {
  if (a.kind !== 'quantitative' || b.kind !== 'quantitative' || a.value === null || b.value === null)
    return null;
  if (a.unit === b.unit) return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (!Number.isFinite(a.value) || !Number.isFinite(b.value)) return null;
  const scale = unitScale(a.unit, b.unit);
  if (scale === null) return null;
  // 15亿元 against 19.57亿: one factor on both sides leaves the numbers in order as written.
  if (scale.same) return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return dec(a.value).times(scale.a).comparedTo(dec(b.value).times(scale.b));
}

/**
 * Whether a value reads as a rate in %: written in %, or unitless on a row whose key ends in 率
 * or 度 (forms drop the % on unitless rate columns).
 */
export function readsAsRate(v: Value, key: string): boolean {
  return v.unit === '%' || ((v.unit === null || v.unit === '') && /[率度]$/.test(key));
}

/** A rate's value as a percentage when it is written in % or without a unit; null otherwise. */
export function percentValue(v: Value, unitless: boolean): { value: number; upper: number | null } | null {
  if (v.kind !== 'quantitative' || v.value === null) return null;
  const unit = v.unit ?? '';
  if (unit !== '%' && !(unit === '' && unitless)) return null;
  return { value: v.value, upper: v.upper ?? null };
}

const MONEY_FACTORS: Record<string, string> = { 元: '1', 千元: '1000', 万元: '10000', 亿元: '100000000' };

/** A budget amount in 元, or null when its money unit is not one of the known ones. */
export function inYuan(amount: number, moneyUnit: string): Decimal | null {
  const factor = MONEY_FACTORS[compactText(moneyUnit)];
  return factor === undefined ? null : dec(amount).times(factor);
}

// ---- per-form facts (classification and plausibility) ----

const HAN = /[\u4e00-\u9fff]/;

/**
 * taxonomy's `findKeyword` for a text already through `compactText`, with the words upper-cased
 * once rather than on every call: the same first word of the list that the text contains.
 */
function keywordFinder(words: readonly string[]): (compacted: string) => string | null {
  const upper = words.map((w) => w.toUpperCase());
  // Han characters have no case: when every word starts with one, a text without any of those
  // first characters holds none of the words, and most indicator names are such texts.
  const firsts = upper.every((w) => HAN.test(w.charAt(0)))
    ? new RegExp(`[${[...new Set(upper.map((w) => w.charAt(0)))].join('')}]`)
    : null;
  return (compacted) => {
    if (compacted === '' || firsts?.test(compacted) === false) return null;
    const haystack = compacted.toUpperCase();
    const i = upper.findIndex((w) => haystack.includes(w));
    return i < 0 ? null : (words[i] ?? null);
  };
}

const satisfactionKeyword = keywordFinder(SATISFACTION_KEYWORDS);
const economicKeyword = keywordFinder(ECONOMIC_KEYWORDS);

const VALUE_WORDS = /达到|不低于|不少于|高于|大于|等于|超过|以上|以内|达|为|在|约|左右|百分比|百分之/g;

/** The satisfaction word when a text (through `compactText`) names such a rate, else null. */
function satisfactionRateWord(compacted: string): string | null {
  const word = satisfactionKeyword(compacted);
  if (word === null) return null;
  const at = compacted.lastIndexOf(word);
  // "满意度调查次数" counts surveys, an output; only a name that ends in the word (values and
  // units may follow: "部门职工认可度≥90%", "满意度(%)") is the rate itself.
  const after = compacted.slice(at + word.length).replace(VALUE_WORDS, '');
  return HAN.test(after) ? null : word;
}

// A unit written in the name: "新型经营主体助农增收 (元)", "投资额（万元）".
const MONEY_IN_NAME = /\((?:[万亿千百]*)元\)/;
// Only a target with words beyond a unit can carry an indicator's name ("部门职工认可度≥90%").
const WORDY = /[\u4e00-\u9fff]{3}/;

export interface IndicatorFacts {
  index: number;
  indicator: Indicator;
  key: string;
  level1: Classified | null;
  level2: Classified | null;
  /** the 一级 the row sits under: its own standard label, else the one its 二级 implies */
  parent: Level1Label | null;
  /** the 二级 standard label, or null when blank or non-standard */
  level2Standard: string | null;
  /** both labels standard and the 二级 belongs under the 一级 (taxonomy `belongsTo`) */
  labelsAgree: boolean;
  /** the satisfaction word, when the name or a target that carries a name is such a rate */
  satisfactionWord: string | null;
  /** where that word was found */
  satisfactionIn: 'name' | 'target' | null;
  /** the economic word, when the name (or a target carrying a name) has one and a value is money */
  moneyWord: string | null;
}

type LabelFacts = Pick<IndicatorFacts, 'level1' | 'level2' | 'parent' | 'level2Standard' | 'labelsAgree'>;

function blankLabel(c: Classified | null): boolean {
  if (c === null) return true;
  return c.standard === 'non-standard' && normalizeLabel(c.raw).label === '';
}

// A form repeats its few 一级 / 二级 labels on every row, and every form uses the same few dozen.
const labelMemo = new Map<string | null, Map<string | null, LabelFacts>>();
const LABEL_MEMO_LIMIT = 1024;
let labelMemoSize = 0;

// The rows of a form come in runs under one pair of labels: the last pair is looked at first. The
// facts depend on the two strings alone, so the last pair stays right whatever the memo forgets.
let lastLabels: { level1: string | null; level2: string | null; facts: LabelFacts } | null = null;

function labelFacts(level1Raw: string | null, level2Raw: string | null): LabelFacts {
  if (lastLabels !== null && lastLabels.level1 === level1Raw && lastLabels.level2 === level2Raw) {
    return lastLabels.facts;
  }
  const facts = labelFactsOf(level1Raw, level2Raw);
  lastLabels = { level1: level1Raw, level2: level2Raw, facts };
  return facts;
}

function labelFactsOf(level1Raw: string | null, level2Raw: string | null): LabelFacts {
  let byLevel2 = labelMemo.get(level1Raw);
  const known = byLevel2?.get(level2Raw);
  if (known) return known;
  const level1 = classifyLevel1(level1Raw);
  const level2 = classifyLevel2(level2Raw, level1Raw);
  const ownParent =
    level1 !== null && level1.standard !== 'non-standard' ? (level1.standard as Level1Label) : null;
  const level2Standard = level2 !== null && level2.standard !== 'non-standard' ? level2.standard : null;
  const facts: LabelFacts = {
    level1: blankLabel(level1) ? null : level1,
    level2: blankLabel(level2) ? null : level2,
    parent: ownParent ?? inferLevel1(level2Raw),
    level2Standard,
    labelsAgree:
      ownParent !== null && level2Standard !== null && level2Raw !== null && level1Raw !== null
        ? belongsTo(level2Raw, level1Raw)
        : false,
  };
  if (labelMemoSize >= LABEL_MEMO_LIMIT) {
    labelMemo.clear();
    labelMemoSize = 0;
    byLevel2 = undefined;
  }
  if (byLevel2 === undefined) {
    byLevel2 = new Map();
    labelMemo.set(level1Raw, byLevel2);
  }
  byLevel2.set(level2Raw, facts);
  labelMemoSize++;
  return facts;
}

function indicatorFacts(ind: Indicator, index: number, name: NameFacts, key: string): IndicatorFacts {
  const compactName = name.compacted;
  const wordyTarget = WORDY.test(ind.target.raw);
  const compactTarget = wordyTarget ? compactText(ind.target.raw) : '';
  const fromName = name.satisfaction;
  // A target that carries a name ("部门职工认可度≥90%") says what is measured as much as the name.
  const fromTarget = fromName === null && wordyTarget ? satisfactionRateWord(compactTarget) : null;

  // The unit test is cheaper than the keyword scan, so it goes first.
  let moneyWord: string | null = null;
  const money =
    isMoneyValue(ind.target) ||
    isMoneyValue(ind.actual) ||
    (ind.name.includes('元') && MONEY_IN_NAME.test(compactName));
  if (money) {
    moneyWord = economicKeyword(compactName) ?? (wordyTarget ? economicKeyword(compactTarget) : null);
  }
  const labels = labelFacts(ind.level1, ind.level2);
  return {
    index,
    indicator: ind,
    key,
    level1: labels.level1,
    level2: labels.level2,
    parent: labels.parent,
    level2Standard: labels.level2Standard,
    labelsAgree: labels.labelsAgree,
    satisfactionWord: fromName ?? fromTarget,
    satisfactionIn: fromName !== null ? 'name' : fromTarget !== null ? 'target' : null,
    moneyWord,
  };
}

/** The key of every indicator of a form, in order (history needs only these of an earlier year). */
export function keysOf(ev: Evaluation): string[] {
  const memo = memoOf(ev);
  memo.keys ??= ev.indicators.map((ind) => indicatorKey(ind.name));
  return memo.keys;
}

/** What the classification and plausibility rules read of each indicator, in order. */
export function factsOf(ev: Evaluation): IndicatorFacts[] {
  const memo = memoOf(ev);
  if (memo.facts) return memo.facts;
  // What is costly in a row's facts depends on its name and labels alone and is remembered by
  // those strings (nameFacts, labelFacts), so a row checked again, as in the editor, costs little;
  // remembering each row by its object cost more than working its facts out again.
  const keys: string[] = [];
  memo.facts = ev.indicators.map((ind, k) => {
    const name = nameFacts(ind.name);
    const key = memo.keys?.[k] ?? name.key;
    keys.push(key);
    return indicatorFacts(ind, k, name, key);
  });
  memo.keys ??= keys;
  return memo.facts;
}

/** "产出指标/质量指标" as the form writes them (spaces dropped), for messages. */
export function labelsText(f: IndicatorFacts): string {
  const l1 = f.indicator.level1 === null ? '' : compactText(f.indicator.level1);
  const l2 = f.indicator.level2 === null ? '' : compactText(f.indicator.level2);
  return `${l1 || '（一级未填）'}/${l2 || '（二级未填）'}`;
}

/**
 * The rows that report a satisfaction rate: a name (or target) ending in a satisfaction word, or
 * a row under 满意度指标 measured in %. Money figures misfiled under 满意度指标 are not rates.
 */
export function isSatisfactionRate(f: IndicatorFacts): boolean {
  if (f.moneyWord !== null) return false;
  if (f.satisfactionWord !== null) return true;
  return f.parent === '满意度指标' && (f.indicator.target.unit === '%' || f.indicator.actual.unit === '%');
}

// ---- history ----

export interface LastYear {
  last: Evaluation;
  /** "上年（2022年）", "2021年" when a year lies between, "上年" when the year is unknown */
  label: string;
  /** for each indicator of this year, the index of its match in `last`, or null */
  matches: (number | null)[];
}

/** Indicator indices by key, for matching another year's rows against this form. */
export function keyIndex(ev: Evaluation): Map<string, number[]> {
  const memo = memoOf(ev);
  if (memo.index) return memo.index;
  const map = new Map<string, number[]>();
  keysOf(ev).forEach((key, k) => {
    if (key === '') return;
    const list = map.get(key);
    if (list) list.push(k);
    else map.set(key, [k]);
  });
  memo.index = map;
  return map;
}

/**
 * The most recent earlier form of the same kind (history is sorted most recent first) and the
 * match of each indicator in it, by key; among rows of the same name the one under the goal of
 * the same id wins. Null when no earlier form is known.
 */
export function lastYearOf(ctx: CheckContext): LastYear | null {
  const ev = ctx.evaluation;
  const last = ctx.history.find(
    (h) => h !== ev && h.kind === ev.kind && (ev.year === null || (h.year !== null && h.year < ev.year)),
  );
  if (last === undefined) return null;
  const memo = memoOf(ev);
  const known = memo.lastYear?.get(last);
  if (known) return known;
  const index = keyIndex(last);
  const matches = keysOf(ev).map((key, i) => {
    const candidates = index.get(key);
    if (candidates === undefined) return null;
    if (candidates.length === 1) return candidates[0] ?? null;
    const goal = ev.indicators[i]?.goal;
    return candidates.find((k) => last.indicators[k]?.goal === goal) ?? candidates[0] ?? null;
  });
  const label =
    last.year === null
      ? '上年'
      : ev.year === null || last.year === ev.year - 1
        ? `上年（${last.year}年）`
        : `${last.year}年`;
  const result: LastYear = { last, label, matches };
  memo.lastYear ??= new WeakMap();
  memo.lastYear.set(last, result);
  return result;
}
