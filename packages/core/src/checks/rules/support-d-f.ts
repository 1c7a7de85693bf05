/**
 * What the rules of classes D–F share: per-form facts computed once (labels read against the
 * taxonomy, indicator keys, satisfaction and money readings) and the match of an indicator with
 * last year's. Several rules look at the same indicators, and a form is checked many thousand
 * times a second in bulk review, so the facts are memoised by the evaluation object itself.
 */
import { type Decimal, dec, plain, round } from '../../decimal/decimal.ts';
import type { Evaluation, Indicator, Value } from '../../model/evaluation.ts';
import {
  type Classified,
  classifyLevel1,
  classifyLevel2,
  compactText,
  inferLevel1,
  normalizeLabel,
} from '../../taxonomy/classify.ts';
import type { Level1Label } from '../../taxonomy/data.ts';
import { findEconomicKeyword, findSatisfactionKeyword } from '../../taxonomy/keywords.ts';
import { foldText } from '../../values/text.ts';
import { comparable, normalize } from '../../values/units.ts';
import type { CheckContext } from '../types.ts';

/** `indicators[3].level2` */
export function indicatorPath(index: number, field?: string): string {
  return field === undefined ? `indicators[${index}]` : `indicators[${index}].${field}`;
}

/** A value as written, for messages. */
export function shown(v: Value): string {
  const raw = v.raw.trim();
  return raw === '' ? '（空）' : raw;
}

/** A share as a percentage for messages: 0.954 → "95.4%". */
export function percentOf(share: Decimal, places = 1): string {
  return `${plain(round(share.times(100), places))}%`;
}

// Template prefixes ("指标1:", "指标2" glued without a colon), list numbering ("1、", "(2)") and
// the ★ of core indicators are not part of a name; neither is a unit in trailing parentheses
// ("满意度(%)", "带动贫困户(人)"), which some templates move into the name.
const CORE_MARKS = /[★☆※*]/g;
const TEMPLATE_PREFIX = /^指标[0-9一二三四五六七八九十]+[:.、]?/;
const LIST_NUMBER = /^(?:\(?[0-9]{1,2}\)|[0-9]{1,2}[、.](?![0-9]))/;
const TRAILING_UNIT = /\((?:%|‰|[a-zA-Z]{1,4}|[\u4e00-\u9fff]{1,2})\)$/;
// '.' stays: it is a decimal point in names ("1.5万人受益"), and list numbers are gone already.
const PUNCTUATION = /[,;:!?、，。；：！？'"“”‘’()（）[\]【】《》<>〈〉\-—_·/\\|]/g;

/**
 * The key an indicator is matched by, across the rows of one form and across years: the name
 * with spaces, full-width forms, ★, template prefixes, list numbers, a trailing unit and
 * punctuation removed. '' when nothing of a name is left.
 */
export function indicatorKey(name: string | null | undefined): string {
  if (typeof name !== 'string') return '';
  let s = compactText(name).replace(CORE_MARKS, '');
  s = s.replace(TEMPLATE_PREFIX, '').replace(LIST_NUMBER, '');
  s = s.replace(TRAILING_UNIT, '');
  return s.replace(PUNCTUATION, '').toLowerCase();
}

/** The satisfaction word when `text` names a satisfaction or recognition rate, else null. */
function satisfactionRateWord(text: string): string | null {
  const word = findSatisfactionKeyword(text);
  if (word === null) return null;
  const compact = compactText(text);
  const at = compact.lastIndexOf(word);
  // "满意度调查次数" counts surveys, an output; only a name that ends in the word (values and
  // units may follow: "部门职工认可度≥90%", "满意度(%)") is the rate itself.
  const after = compact.slice(at + word.length).replace(VALUE_WORDS, '');
  return /[\u4e00-\u9fff]/.test(after) ? null : word;
}
const VALUE_WORDS = /达到|不低于|不少于|高于|大于|等于|超过|以上|以内|达|为|在|约|左右|百分比|百分之/g;

// A unit written in the name: "新型经营主体助农增收 (元)", "投资额（万元）".
const MONEY_IN_NAME = /\((?:[万亿千百]*)元\)/;
// Cheap test before normalising: a money unit has 元 or a magnitude in it.
const MONEY_UNIT_CHARS = /[元万亿千百十]/;

/** Whether a value is an amount of money: 元 with any magnitude, or a bare magnitude (5亿, 150万). */
export function isMoneyValue(v: Value): boolean {
  if (v.kind !== 'quantitative' || v.unit === null || !MONEY_UNIT_CHARS.test(v.unit)) return false;
  const n = normalize(v);
  if (n === null) return false;
  return n.base.endsWith('元') || n.base === '';
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
  const pair = comparable(a, b);
  return pair === null ? null : pair.a.comparedTo(pair.b);
}

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
  /** the satisfaction word, when the name or a target that carries a name is such a rate */
  satisfactionWord: string | null;
  /** where that word was found */
  satisfactionIn: 'name' | 'target' | null;
  /** the economic word, when the name (or a target carrying a name) has one and a value is money */
  moneyWord: string | null;
}

export interface FormFacts {
  indicators: IndicatorFacts[];
}

const factsMemo = new WeakMap<Evaluation, FormFacts>();
const keysMemo = new WeakMap<Evaluation, string[]>();

/** The key of every indicator of a form, in order (history needs only these of an earlier year). */
export function keysOf(ev: Evaluation): string[] {
  const known = keysMemo.get(ev);
  if (known) return known;
  const keys = ev.indicators.map((ind) => indicatorKey(ind.name));
  keysMemo.set(ev, keys);
  return keys;
}

function blankLabel(c: Classified | null): boolean {
  if (c === null) return true;
  return c.standard === 'non-standard' && normalizeLabel(c.raw).label === '';
}

function indicatorFacts(ind: Indicator, index: number, key: string): IndicatorFacts {
  const level1 = classifyLevel1(ind.level1);
  const level2 = classifyLevel2(ind.level2, ind.level1);
  const ownParent =
    level1 !== null && level1.standard !== 'non-standard' ? (level1.standard as Level1Label) : null;
  const parent = ownParent ?? inferLevel1(ind.level2);
  const level2Standard = level2 !== null && level2.standard !== 'non-standard' ? level2.standard : null;

  const wordyTarget = WORDY.test(ind.target.raw);
  const fromName = satisfactionRateWord(ind.name);
  // A target that carries a name ("部门职工认可度≥90%") says what is measured as much as the name.
  const fromTarget = fromName === null && wordyTarget ? satisfactionRateWord(ind.target.raw) : null;

  // The unit test is cheaper than the keyword scan, so it goes first.
  let moneyWord: string | null = null;
  const money =
    isMoneyValue(ind.target) ||
    isMoneyValue(ind.actual) ||
    (ind.name.includes('元') && MONEY_IN_NAME.test(compactText(ind.name)));
  if (money) {
    moneyWord = findEconomicKeyword(ind.name) ?? (wordyTarget ? findEconomicKeyword(ind.target.raw) : null);
  }
  return {
    index,
    indicator: ind,
    key,
    level1: blankLabel(level1) ? null : level1,
    level2: blankLabel(level2) ? null : level2,
    parent,
    level2Standard,
    satisfactionWord: fromName ?? fromTarget,
    satisfactionIn: fromName !== null ? 'name' : fromTarget !== null ? 'target' : null,
    moneyWord,
  };
}

export function factsOf(ev: Evaluation): FormFacts {
  const known = factsMemo.get(ev);
  if (known) return known;
  const keys = keysOf(ev);
  const facts: FormFacts = {
    indicators: ev.indicators.map((ind, k) => indicatorFacts(ind, k, keys[k] ?? '')),
  };
  factsMemo.set(ev, facts);
  return facts;
}

/** "产出指标/质量指标" as the form writes them (spaces dropped), for messages. */
export function labelsText(f: IndicatorFacts): string {
  const l1 = f.indicator.level1 === null ? '' : compactText(f.indicator.level1);
  const l2 = f.indicator.level2 === null ? '' : compactText(f.indicator.level2);
  return `${l1 || '（一级未填）'}/${l2 || '（二级未填）'}`;
}

/** A rate's value as a percentage when it is written in % or without a unit; null otherwise. */
export function percentValue(v: Value, unitless: boolean): { value: number; upper: number | null } | null {
  if (v.kind !== 'quantitative' || v.value === null) return null;
  const unit = v.unit ?? '';
  if (unit !== '%' && !(unit === '' && unitless)) return null;
  return { value: v.value, upper: v.upper ?? null };
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

// Narrative that only repeats a stock phrase or a placeholder says nothing.
const NARRATIVE_NOISE = /[\s,.;:!?、，。；：！？'"“”‘’()（）\-—…/]/g;

/** Whether a text explains something: not blank, not a placeholder, not a stock phrase. */
export function isNarrative(text: string | null | undefined, boilerplate: readonly string[]): boolean {
  if (typeof text !== 'string') return false;
  const compact = foldText(text).replace(NARRATIVE_NOISE, '');
  if (compact === '') return false;
  return !boilerplate.some((phrase) => foldText(phrase).replace(NARRATIVE_NOISE, '') === compact);
}

// ---- history ----

export interface LastYear {
  last: Evaluation;
  /** "上年（2022年）", "2021年" when a year lies between, "上年" when the year is unknown */
  label: string;
  /** for each indicator of this year, the index of its match in `last`, or null */
  matches: (number | null)[];
}

const indexMemo = new WeakMap<Evaluation, Map<string, number[]>>();

/** Indicator indices by key, for matching another year's rows against this form. */
export function keyIndex(ev: Evaluation): Map<string, number[]> {
  const known = indexMemo.get(ev);
  if (known) return known;
  const map = new Map<string, number[]>();
  keysOf(ev).forEach((key, k) => {
    if (key === '') return;
    const list = map.get(key);
    if (list) list.push(k);
    else map.set(key, [k]);
  });
  indexMemo.set(ev, map);
  return map;
}

const lastYearMemo = new WeakMap<Evaluation, WeakMap<Evaluation, LastYear>>();

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
  let byLast = lastYearMemo.get(ev);
  const known = byLast?.get(last);
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
  if (!byLast) {
    byLast = new WeakMap();
    lastYearMemo.set(ev, byLast);
  }
  byLast.set(last, result);
  return result;
}

const MONEY_FACTORS: Record<string, string> = { 元: '1', 千元: '1000', 万元: '10000', 亿元: '100000000' };

/** A budget amount in 元, or null when its money unit is not one of the known ones. */
export function inYuan(amount: number, moneyUnit: string): Decimal | null {
  const factor = MONEY_FACTORS[compactText(moneyUnit)];
  return factor === undefined ? null : dec(amount).times(factor);
}
