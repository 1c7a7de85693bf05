/**
 * Targets and actuals as units write them, each with the reading a perfect importer gives it
 * ({raw, op, value, unit, kind}, domain.md §2 Values) and the share of the weight it earns.
 * The reading is built from the same choices that wrote the text, never by parsing it; the
 * generator's tests check it against the core value parser.
 */
import { type Decimal, dec } from '@jixiao/core';
import type { Rng } from './random.ts';
import {
  DEADLINE_ACTUALS_LATE,
  DEADLINE_ACTUALS_MET,
  DEADLINE_TARGETS,
  type IndicatorSpec,
  QUALITATIVE_VALUES,
} from './vocabulary.ts';

export type TruthOp = '>=' | '>' | '<=' | '<' | '=';
export type TruthKind = 'quantitative' | 'qualitative' | 'deadline' | 'empty';

export interface TruthValue {
  raw: string;
  op: TruthOp | null;
  value: number | null;
  unit: string | null;
  kind: TruthKind;
  upper?: number;
}

export interface ValuePair {
  target: TruthValue;
  actual: TruthValue;
  /** share of the weight the actual earns under the national rule, 0…1 */
  earned: Decimal;
  /** the actual is at least 130% of a positive target: the form should explain */
  overshoot: boolean;
}

/** Shortest decimal text of a number: 12, 98.5, 0.75. */
export function num(n: Decimal | number): string {
  return dec(n).toDecimalPlaces(4).toString();
}

function q(raw: string, op: TruthOp | null, value: Decimal | number, unit: string | null): TruthValue {
  return { raw, op, value: dec(value).toNumber(), unit, kind: 'quantitative' };
}

function words(raw: string, kind: 'qualitative' | 'deadline'): TruthValue {
  return { raw, op: null, value: null, unit: null, kind };
}

export function emptyValue(raw = ''): TruthValue {
  return { raw, op: null, value: null, unit: null, kind: 'empty' };
}

/** A round number in [min, max] at the scale of the range: 12, 350, 4500. */
function roundIn(rng: Rng, min: number, max: number): Decimal {
  const n = rng.int(min, max);
  const step = max >= 5000 ? 100 : max >= 500 ? 10 : 1;
  return dec(Math.max(min, Math.round(n / step) * step));
}

function ratio(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) return dec(1);
  const r = a.div(b);
  return r.greaterThan(1) ? dec(1) : r.lessThan(0) ? dec(0) : r;
}

/** A positive target with an operator written one of the ways forms write it. */
function positiveTarget(rng: Rng, n: Decimal, unit: string): TruthValue {
  const s = num(n);
  const how = rng.weighted([
    ['≥', 45],
    ['bare', 25],
    ['>=', 5],
    ['不少于', 10],
    ['以上', 10],
    ['＞', 5],
  ] as const);
  switch (how) {
    case '≥':
      return q(`≥${s}${unit}`, '>=', n, unit);
    case '>=':
      return q(`>=${s}${unit}`, '>=', n, unit);
    case '不少于':
      return q(`不少于${s}${unit}`, '>=', n, unit);
    case '以上':
      return q(`${s}${unit}以上`, '>=', n, unit);
    case '＞':
      return q(`＞${s}${unit}`, '>', n, unit);
    default:
      return q(`${s}${unit}`, null, n, unit);
  }
}

const MEASURES = new Set(['亩', '公里', '平方米', '万元', '元', '平方公里']);

function count(rng: Rng, spec: IndicatorSpec): ValuePair {
  const unit = spec.unit ?? '';
  const n = roundIn(rng, spec.min ?? 1, spec.max ?? 100);
  const target = positiveTarget(rng, n, unit);
  const met = rng.chance(0.8);
  const factor = met ? dec(rng.int(100, 170)).div(100) : dec(rng.int(50, 95)).div(100);
  // things counted one by one (次, 人, 个) are whole; areas, lengths and money may have decimals
  const whole = !MEASURES.has(unit) || n.greaterThanOrEqualTo(100);
  let m = n.mul(factor).toDecimalPlaces(whole ? 0 : 1);
  if (met && m.lessThan(n)) m = n;
  const bare = rng.chance(0.1);
  const actual = q(`${num(m)}${bare ? '' : unit}`, null, m, bare ? null : unit || null);
  if (unit === '') target.unit = null;
  return { target, actual, earned: ratio(m, n), overshoot: m.greaterThanOrEqualTo(n.mul(1.3)) };
}

function rate(rng: Rng, satisfaction: boolean): ValuePair {
  const base = satisfaction ? rng.pick([80, 85, 90, 90, 95]) : rng.pick([90, 95, 98, 100, 100]);
  const n = dec(base);
  let target: TruthValue;
  const how = rng.weighted([
    ['≥', 50],
    ['bare', 20],
    ['=', base === 100 ? 15 : 0],
    ['以上', 10],
    ['不低于', 5],
  ] as const);
  switch (how) {
    case '≥':
      target = q(`≥${base}%`, '>=', n, '%');
      break;
    case '=':
      target = q(`=${base}%`, '=', n, '%');
      break;
    case '以上':
      target = q(`${base}%以上`, '>=', n, '%');
      break;
    case '不低于':
      target = q(`不低于${base}%`, '>=', n, '%');
      break;
    default:
      target = q(`${base}%`, null, n, '%');
  }
  const met = rng.chance(0.85);
  let m: Decimal;
  if (met) {
    m = base === 100 ? dec(100) : n.plus(dec(rng.int(0, (100 - base) * 10)).div(10));
  } else {
    m = n.minus(dec(rng.int(5, 120)).div(10));
  }
  const actual = q(`${num(m)}%`, null, m, '%');
  return { target, actual, earned: ratio(m, n), overshoot: false };
}

function reverseRate(rng: Rng, spec: IndicatorSpec): ValuePair {
  const base = spec.max ?? rng.pick([3, 5, 5, 10]);
  const n = dec(base);
  const how = rng.weighted([
    ['≤', 60],
    ['<', 10],
    ['以下', 15],
    ['不超过', 15],
  ] as const);
  const target =
    how === '≤'
      ? q(`≤${base}%`, '<=', n, '%')
      : how === '<'
        ? q(`<${base}%`, '<', n, '%')
        : how === '以下'
          ? q(`${base}%以下`, '<=', n, '%')
          : q(`不超过${base}%`, '<=', n, '%');
  const met = rng.chance(0.85);
  const m = met
    ? n.mul(dec(rng.int(40, 100)).div(100)).toDecimalPlaces(1)
    : n.mul(dec(rng.int(105, 160)).div(100)).toDecimalPlaces(1);
  const actual = q(`${num(m)}%`, null, m, '%');
  return { target, actual, earned: m.isZero() ? dec(1) : ratio(n, m), overshoot: false };
}

const MONEY_UNITS = [
  ['亿', 1, 200],
  ['亿元', 1, 200],
  ['万元', 50, 9000],
] as const;

function money(rng: Rng): ValuePair {
  const [unit, lo, hi] = rng.pick(MONEY_UNITS);
  const n = unit === '万元' ? roundIn(rng, lo, hi) : dec(rng.int(lo * 10, hi * 10)).div(10);
  // the seed writes targets bare ("5亿", "160亿") and actuals with 元 ("54.26亿元"), or the reverse
  const actualUnit = unit === '万元' ? '万元' : rng.chance(0.4) ? (unit === '亿' ? '亿元' : '亿') : unit;
  const target = rng.chance(0.7)
    ? q(`${num(n)}${unit}`, null, n, unit)
    : q(`≥${num(n)}${unit}`, '>=', n, unit);
  const met = rng.chance(0.8);
  const m = n.mul(dec(met ? rng.int(100, 140) : rng.int(60, 97)).div(100)).toDecimalPlaces(2);
  const actual = q(`${num(m)}${actualUnit}`, null, m, actualUnit);
  return { target, actual, earned: ratio(m, n), overshoot: m.greaterThanOrEqualTo(n.mul(1.3)) };
}

function cost(rng: Rng, spec: IndicatorSpec): ValuePair {
  const unit = spec.unit ?? '万元';
  const n = roundIn(rng, spec.min ?? 10, spec.max ?? 1000);
  const s = num(n);
  const how = rng.weighted([
    ['≤', 60],
    ['不超过', 20],
    ['以内', 20],
  ] as const);
  const raw = how === '≤' ? `≤${s}${unit}` : how === '不超过' ? `不超过${s}${unit}` : `${s}${unit}以内`;
  const target = q(raw, '<=', n, unit);
  const met = rng.chance(0.85);
  const m = n.mul(dec(met ? rng.int(80, 100) : rng.int(101, 120)).div(100)).toDecimalPlaces(2);
  const actual = q(`${num(m)}${unit}`, null, m, unit);
  return { target, actual, earned: ratio(n, m), overshoot: false };
}

function deadline(rng: Rng): ValuePair {
  const target = words(rng.pick(DEADLINE_TARGETS), 'deadline');
  const met = rng.chance(0.85);
  const raw = met ? rng.pick(DEADLINE_ACTUALS_MET) : rng.pick(DEADLINE_ACTUALS_LATE);
  const actual = words(raw, /按期|如期/.test(raw) ? 'deadline' : 'qualitative');
  return { target, actual, earned: met ? dec(1) : dec('0.6'), overshoot: false };
}

function qualitative(rng: Rng, spec: IndicatorSpec): ValuePair {
  const choices = QUALITATIVE_VALUES[spec.name] ?? [['达成预期', '达成', '部分达成']];
  const [t, good, poor] = rng.pick(choices);
  const met = rng.chance(0.85);
  return {
    target: words(t, 'qualitative'),
    actual: words(met ? good : poor, 'qualitative'),
    earned: met ? dec(1) : dec('0.7'),
    overshoot: false,
  };
}

function range(rng: Rng): ValuePair {
  const lo = rng.pick([80, 85, 90]);
  const hi = lo + rng.pick([5, 10]);
  const sep = rng.pick(['-', '~', '至']);
  const target: TruthValue = { ...q(`${lo}%${sep}${hi}%`, '>=', lo, '%'), upper: hi };
  const m = dec(rng.int(lo * 10 - 30, hi * 10)).div(10);
  const actual = q(`${num(m)}%`, null, m, '%');
  return { target, actual, earned: ratio(m, dec(lo)), overshoot: false };
}

function years(rng: Rng, spec: IndicatorSpec): ValuePair {
  const n = roundIn(rng, spec.min ?? 1, spec.max ?? 20);
  const unit = spec.unit ?? '年';
  const target = rng.chance(0.7)
    ? q(`≥${num(n)}${unit}`, '>=', n, unit)
    : q(`${num(n)}${unit}`, null, n, unit);
  return { target, actual: q(`${num(n)}${unit}`, null, n, unit), earned: dec(1), overshoot: false };
}

function days(rng: Rng): ValuePair {
  const n = dec(rng.pick([5, 7, 10, 15, 30]));
  const unit = rng.pick(['个工作日', '天']);
  const target = rng.chance(0.5)
    ? q(`${num(n)}${unit}内`, '<=', n, unit)
    : q(`≤${num(n)}${unit}`, '<=', n, unit);
  const met = rng.chance(0.85);
  const m = met ? dec(rng.int(1, n.toNumber())) : n.plus(rng.int(1, 5));
  return { target, actual: q(`${num(m)}${unit}`, null, m, unit), earned: ratio(n, m), overshoot: false };
}

/** A target and an actual for an indicator of the given spec. */
export function makeValues(rng: Rng, spec: IndicatorSpec): ValuePair {
  switch (spec.shape) {
    case 'count':
      return count(rng, spec);
    case 'rate':
      return rate(rng, false);
    case 'satisfaction':
      return rate(rng, true);
    case 'reverse-rate':
      return reverseRate(rng, spec);
    case 'money':
      return money(rng);
    case 'cost':
      return cost(rng, spec);
    case 'deadline':
      return deadline(rng);
    case 'qualitative':
      return qualitative(rng, spec);
    case 'range':
      return range(rng);
    case 'years':
      return years(rng, spec);
    case 'days':
      return days(rng);
  }
}

const FULL_WIDTH: Record<string, string> = {
  '%': '％',
  '>': '＞',
  '<': '＜',
  '=': '＝',
  '.': '．',
  '-': '－',
  '~': '～',
};

/** Digits, operators and the percent sign as full-width forms (what some Chinese fonts and IMEs type). */
export function toFullWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0x30 && code <= 0x39) out += String.fromCharCode(code + 0xfee0);
    else out += FULL_WIDTH[ch] ?? ch;
  }
  return out;
}
