/**
 * The value parser: a target or actual cell as written ("≥12次", "90%以上", "12月底前完成",
 * "达成预期指标", "/") → { raw, op, value, unit, kind } (domain.md §2, Values).
 *
 * It never throws and runs in linear time: one left-to-right scan over the folded text,
 * with fixed-size word lists tried at each position and no backtracking regular expressions.
 *
 * How a text is judged (the rule the checks and the scoring engine rely on):
 * 1. Placeholders ("", "/", "—", "……", "无") are `empty`.
 * 2. The scan collects quantities (optional operator, number, unit, range, suffix such as
 *    以上) and dates (2023年12月31日, 12月底, 2023-12-31). Numbers that are dates, ordinals
 *    (第3季度) or part of an identifier (PM2.5, 5G基站, COVID-19) are not quantities.
 * 3. Exactly one quantity → `quantitative`, whatever words surround it: the words are then
 *    an indicator name ("部门职工认可度≥90%", "回应率100%") or a phrase around the count
 *    ("完成3个项目的验收工作并及时上报" → 3 个). The checks still see `raw` and can flag a
 *    target written as a sentence.
 * 4. Several quantities are ambiguous, and a guessed number is worse than none, so the text is
 *    `qualitative` — except the "name with a number, then operator and value" shape
 *    ("引进100亿元以上项目数≥3个"): the last quantity has an operator written before it, ends
 *    the text, and no earlier quantity has one.
 * 5. No quantity: a date or a time-limit word (按期, 及时, 年底, 前完成 …) makes it a
 *    `deadline`, anything else is `qualitative`.
 */
import type { Value, ValueOp } from '../model/evaluation.ts';
import { foldText, isAsciiLetterAt, isDigitAt, isHanAt, longestAt } from './text.ts';
import {
  APPROX_AFTER_NUMBER,
  APPROX_AFTER_UNIT,
  BASE_UNIT_INDEX,
  DEADLINE_WORDS,
  EMPTY_CHARS,
  EMPTY_WORDS,
  MAGNITUDE_INDEX,
  NOT_A_UNIT,
  PERIOD_MONTH,
  PREFIX_OP_INDEX,
  type PrefixOp,
  SUFFIX_OP_INDEX,
  TIME_UNITS,
} from './vocabulary.ts';

/** The date a deadline names; a part the text does not give is null. */
export interface DeadlineDate {
  year: number | null;
  month: number | null;
  day: number | null;
}

interface Quantity {
  op: ValueOp | null;
  /** the operator was written before the number (≥90%), not inferred from 以上 or a range */
  prefixOp: boolean;
  /** false for "≠ 5": a number was written but no operator of VALUE_OPS fits it */
  representable: boolean;
  value: number;
  upper: number | null;
  unit: string | null;
  end: number;
}

interface DateToken extends DeadlineDate {
  end: number;
}

interface Scan {
  text: string;
  quantities: Quantity[];
  dates: DateToken[];
}

/** Integer digits beyond this cannot be a finite JS number; skip them without parsing. */
const MAX_INTEGER_DIGITS = 300;

export function parseValue(raw: string): Value {
  const text = foldText(raw);
  if (isEmptyText(text)) return { raw, op: null, value: null, unit: null, kind: 'empty' };
  const scan = scanText(text);
  const chosen = chooseQuantity(scan);
  if (chosen !== null) {
    const value: Value = { raw, op: chosen.op, value: chosen.value, unit: chosen.unit, kind: 'quantitative' };
    if (chosen.upper !== null) value.upper = chosen.upper;
    return value;
  }
  const kind = scan.quantities.length === 0 && isDeadline(scan) ? 'deadline' : 'qualitative';
  return { raw, op: null, value: null, unit: null, kind };
}

/**
 * The date a deadline value names ("2023年12月31日前" → 2023-12-31, "12月底前完成" → month
 * 12, "年底前" → month 12). Null when the text is not a deadline or names no date (按期完成).
 * When a span is given ("2023年1月至12月") the end counts, taking the year from the start.
 */
export function parseDeadline(raw: string): DeadlineDate | null {
  const text = foldText(raw);
  if (isEmptyText(text)) return null;
  const scan = scanText(text);
  if (scan.quantities.length > 0 || !isDeadline(scan)) return null;
  const last = scan.dates.at(-1);
  if (last !== undefined) {
    let year = last.year;
    for (let i = scan.dates.length - 2; year === null && i >= 0; i--) year = scan.dates[i]?.year ?? null;
    return { year, month: last.month, day: last.day };
  }
  for (const [word, month] of PERIOD_MONTH) {
    if (text.includes(word)) return { year: null, month, day: null };
  }
  return null;
}

function isEmptyText(text: string): boolean {
  if (text === '' || EMPTY_WORDS.has(text)) return true;
  for (let i = 0; i < text.length; i++) {
    if (!EMPTY_CHARS.has(text.charAt(i))) return false;
  }
  return true;
}

function isDeadline(scan: Scan): boolean {
  return scan.dates.length > 0 || DEADLINE_WORDS.some((word) => scan.text.includes(word));
}

function chooseQuantity(scan: Scan): Quantity | null {
  const { quantities, text } = scan;
  if (quantities.length === 1) {
    const only = quantities[0];
    return only?.representable ? only : null;
  }
  const last = quantities.at(-1);
  if (last === undefined || !last.prefixOp) return null;
  for (let i = last.end; i < text.length; i++) {
    if (isHanAt(text, i) || isAsciiLetterAt(text, i) || isDigitAt(text, i)) return null;
  }
  for (let i = 0; i < quantities.length - 1; i++) {
    if (quantities[i]?.prefixOp) return null;
  }
  return last.representable ? last : null;
}

function scanText(text: string): Scan {
  const quantities: Quantity[] = [];
  const dates: DateToken[] = [];
  let pendingOp: { op: PrefixOp; end: number } | null = null;
  let i = 0;
  while (i < text.length) {
    const numberStart = numberStartAt(text, i);
    if (numberStart !== null) {
      const before = i > 0 ? text.charAt(i - 1) : '';
      if (i > 0 && isAsciiLetterAt(text, i - 1)) {
        i = skipIdentifier(text, i);
        continue;
      }
      if (before === '第') {
        const ordinal = digitsAt(text, numberStart, 2);
        // 第3季度 is a time: the end of that quarter.
        if (
          ordinal !== null &&
          ordinal.value >= 1 &&
          ordinal.value <= 4 &&
          text.startsWith('季度', ordinal.end)
        ) {
          dates.push({ year: null, month: ordinal.value * 3, day: null, end: ordinal.end + 2 });
          i = ordinal.end + 2;
        } else {
          i = skipDigits(text, numberStart);
        }
        continue;
      }
      if (numberStart === i) {
        const date = dateAt(text, i);
        if (date !== null) {
          dates.push(date);
          i = date.end;
          continue;
        }
      }
      const op = pendingOp !== null && pendingOp.end === i ? pendingOp.op : null;
      const quantity = quantityAt(text, i, op);
      if (quantity === null) {
        i = skipDigits(text, numberStart);
      } else if (quantity === 'identifier') {
        i = skipIdentifier(text, i);
      } else {
        quantities.push(quantity);
        i = quantity.end;
      }
      continue;
    }
    const opWord = longestAt(text, i, PREFIX_OP_INDEX);
    if (opWord !== null) {
      let end = i + opWord[0].length;
      while (text.charAt(end) === ':') end++;
      pendingOp = { op: opWord[1], end };
      i = end;
      continue;
    }
    i++;
  }
  return { text, quantities, dates };
}

/** Where the digits of a number starting at `i` begin (after a sign), or null. */
function numberStartAt(s: string, i: number): number | null {
  const c = s.charAt(i);
  let p = i;
  if (c === '-' || c === '+') p = i + 1;
  if (isDigitAt(s, p)) return p;
  if (s.charAt(p) === '.' && isDigitAt(s, p + 1)) return p;
  return null;
}

function skipDigits(s: string, i: number): number {
  let p = i;
  while (isDigitAt(s, p) || s.charAt(p) === '.') p++;
  return Math.max(p, i + 1);
}

function skipIdentifier(s: string, i: number): number {
  let p = i + 1;
  while (
    p < s.length &&
    (isDigitAt(s, p) || isAsciiLetterAt(s, p) || s.charAt(p) === '.' || s.charAt(p) === '-')
  )
    p++;
  return p;
}

interface NumberToken {
  value: number;
  end: number;
}

/** A decimal number with optional sign and thousands separators, as a finite JS number. */
function numberAt(s: string, i: number): NumberToken | null {
  let p = i;
  let negative = false;
  if (s.charAt(p) === '-' || s.charAt(p) === '+') {
    negative = s.charAt(p) === '-';
    p++;
  }
  const intStart = p;
  while (isDigitAt(s, p)) p++;
  // "1,234.5": a comma followed by exactly three digits continues the number. Only such a number
  // needs its digits copied without the commas; any other is read straight from the text.
  let grouped: string[] | null = null;
  while (
    p > intStart &&
    s.charAt(p) === ',' &&
    isDigitAt(s, p + 1) &&
    isDigitAt(s, p + 2) &&
    isDigitAt(s, p + 3) &&
    !isDigitAt(s, p + 4)
  ) {
    grouped ??= [s.slice(intStart, p)];
    grouped.push(s.slice(p + 1, p + 4));
    p += 4;
  }
  const intEnd = p;
  if (s.charAt(p) === '.' && isDigitAt(s, p + 1)) {
    p += 1;
    while (isDigitAt(s, p)) p++;
  }
  if (p === intStart) return null;
  const integerDigits = grouped === null ? intEnd - intStart : intEnd - intStart - (grouped.length - 1);
  if (integerDigits > MAX_INTEGER_DIGITS) return null;
  // The double nearest the decimal text, as reading the text as a decimal and then converting
  // gives (decimal.js converts through its own text of the same value), without the decimal.
  // The text is the number's own ("12.5", ".5"): Number reads ".5" as "0.5", and leading zeros
  // change nothing.
  const text = grouped === null ? s.slice(intStart, p) : grouped.join('') + s.slice(intEnd, p);
  const value = Number(negative ? `-${text}` : text);
  if (!Number.isFinite(value)) return null;
  return { value: value === 0 ? 0 : value, end: p };
}

interface UnitToken {
  unit: string | null;
  end: number;
  identifier: boolean;
}

/** A unit such as 次, %, 亿元, 万人次, 次/年, km; the longest reading wins. */
function unitAt(s: string, i: number): UnitToken {
  let p = i;
  if (APPROX_AFTER_NUMBER.has(s.charAt(p))) p++;
  const single = singleUnitAt(s, p);
  if (single.unit === null || single.identifier) return single;
  let end = single.end;
  let unit = single.unit;
  if (s.charAt(end) === '/') {
    const per = singleUnitAt(s, end + 1);
    if (per.unit !== null && !per.identifier) {
      unit = `${unit}/${per.unit}`;
      end = per.end;
    }
  }
  return { unit, end, identifier: false };
}

function singleUnitAt(s: string, i: number): UnitToken {
  const base = longestAt(s, i, BASE_UNIT_INDEX)?.[0] ?? null;
  const magnitude = longestAt(s, i, MAGNITUDE_INDEX)?.[0] ?? null;
  let withMagnitude: string | null = null;
  if (magnitude !== null) {
    const after = i + magnitude.length;
    const rest = longestAt(s, after, BASE_UNIT_INDEX)?.[0] ?? fallbackHanUnit(s, after);
    withMagnitude = magnitude + (rest ?? '');
  }
  const best =
    base !== null && (withMagnitude === null || base.length >= withMagnitude.length) ? base : withMagnitude;
  if (best !== null) return { unit: best, end: i + best.length, identifier: false };
  const han = fallbackHanUnit(s, i);
  if (han !== null) return { unit: han, end: i + 1, identifier: false };
  return latinUnitAt(s, i);
}

/** An unlisted measure word: one ideograph that is not grammar (宗, 例 …). */
function fallbackHanUnit(s: string, i: number): string | null {
  if (!isHanAt(s, i)) return null;
  const c = s.charAt(i);
  return NOT_A_UNIT.has(c) ? null : c;
}

/**
 * Latin units (km, kg, m2, kWh). Letters glued to a following digit or word are a name instead
 * ("5G基站", "3A级", "10kV线路"): the number then is no quantity at all. Grammar after the
 * letters ("10km以上", "5km至8km") does not make them a name.
 */
function latinUnitAt(s: string, i: number): UnitToken {
  let p = i;
  while (p < s.length && isAsciiLetterAt(s, p) && p - i < 8) p++;
  if (p === i) return { unit: null, end: i, identifier: false };
  const c = s.charAt(p);
  if (c === '2' || c === '3' || c === '²' || c === '³') p++;
  const glued = isAsciiLetterAt(s, p) || isDigitAt(s, p) || (isHanAt(s, p) && !NOT_A_UNIT.has(s.charAt(p)));
  if (glued) return { unit: null, end: p, identifier: true };
  return { unit: s.slice(i, p), end: p, identifier: false };
}

function skipApproxAfterUnit(s: string, i: number): number {
  let p = i;
  for (const word of APPROX_AFTER_UNIT) {
    if (s.startsWith(word, p)) p += word.length;
  }
  return p;
}

const RANGE_SEPARATORS = new Set(['-', '~', '至', '到']);

/**
 * A quantity starting at `i`: number, unit, then either a range ("90%-95%", "90-95%",
 * "3至5天") or a suffix comparison (以上, 以内, "2天内"). Null when the number is not finite;
 * 'identifier' when the number is part of a name.
 */
function quantityAt(s: string, i: number, written: PrefixOp | null): Quantity | 'identifier' | null {
  const representable = written !== 'not-equal';
  const prefixOp = written === 'not-equal' ? null : written;
  const first = numberAt(s, i);
  if (first === null) return null;
  const firstUnit = unitAt(s, first.end);
  if (firstUnit.identifier) return 'identifier';
  let end = skipApproxAfterUnit(s, firstUnit.end);

  const range = rangeAt(s, end, first.value, firstUnit.unit);
  if (range !== null) {
    return {
      op: '>=',
      prefixOp: written !== null,
      representable,
      ...range,
      end: skipApproxAfterUnit(s, range.end),
    };
  }

  let op = prefixOp;
  const suffix = longestAt(s, end, SUFFIX_OP_INDEX);
  if (suffix !== null) {
    op ??= suffix[1];
    end += suffix[0].length;
  } else if (s.charAt(end) === '内' && firstUnit.unit !== null && TIME_UNITS.has(firstUnit.unit)) {
    op ??= '<=';
    end += 1;
  }
  return {
    op: representable ? op : null,
    prefixOp: written !== null,
    representable,
    value: first.value,
    upper: null,
    unit: firstUnit.unit,
    end,
  };
}

function rangeAt(
  s: string,
  i: number,
  lower: number,
  lowerUnit: string | null,
): { value: number; upper: number; unit: string | null; end: number } | null {
  if (!RANGE_SEPARATORS.has(s.charAt(i))) return null;
  let p = i + 1;
  if (s.charAt(i) === '-' && s.charAt(p) === '-') p++;
  if (numberStartAt(s, p) === null) return null;
  const second = numberAt(s, p);
  if (second === null) return null;
  const secondUnit = unitAt(s, second.end);
  if (secondUnit.identifier) return null;
  const unit = rangeUnit(lowerUnit, secondUnit.unit);
  if (unit === undefined) return null;
  const [low, high] = lower <= second.value ? [lower, second.value] : [second.value, lower];
  return { value: low, upper: high, unit, end: secondUnit.end };
}

/**
 * The unit of a range: one side may omit it ("90-95%"), or carry only the magnitude of the
 * other ("1万-2万元"). Any other pair is two quantities, not a range (undefined).
 */
function rangeUnit(a: string | null, b: string | null): string | null | undefined {
  if (a === null) return b;
  if (b === null || a === b) return a;
  if (b.startsWith(a)) return b;
  return undefined;
}

function digitsAt(s: string, i: number, maxLength: number): { value: number; end: number } | null {
  let p = i;
  while (isDigitAt(s, p)) p++;
  if (p === i || p - i > maxLength) return null;
  return { value: Number(s.slice(i, p)), end: p };
}

/** "M月" or a month span "M-M月" (the later month counts); M in 1–12. */
function monthAt(s: string, i: number): { month: number; end: number } | null {
  const m = digitsAt(s, i, 2);
  if (m === null || m.value < 1 || m.value > 12) return null;
  if (s.charAt(m.end) === '月') return { month: m.value, end: m.end + 1 };
  if (RANGE_SEPARATORS.has(s.charAt(m.end))) {
    const m2 = digitsAt(s, m.end + 1, 2);
    if (m2 !== null && m2.value >= 1 && m2.value <= 12 && s.charAt(m2.end) === '月') {
      return { month: m2.value, end: m2.end + 1 };
    }
  }
  return null;
}

function dayAt(s: string, i: number): { day: number; end: number } | null {
  const d = digitsAt(s, i, 2);
  if (d === null || d.value < 1 || d.value > 31) return null;
  const c = s.charAt(d.end);
  return c === '日' || c === '号' ? { day: d.value, end: d.end + 1 } : null;
}

function isYear(n: number): boolean {
  return n >= 1900 && n <= 2199;
}

/**
 * A calendar date starting at `i`: "2023年12月31日", "2023年底", "12月底", "2023-12-31",
 * "2023.12.31", "12.31前", "15日前". "N月" with N in 1–12 is read as a calendar month, so a
 * duration must be written "N个月" (which forms do).
 */
function dateAt(s: string, i: number): DateToken | null {
  const lead = digitsAt(s, i, 4);
  if (lead === null) return null;
  const sep = s.charAt(lead.end);
  if (lead.end - i === 4 && isYear(lead.value)) {
    if (sep === '年') {
      const date: DateToken = { year: lead.value, month: null, day: null, end: lead.end + 1 };
      return monthDayAfter(s, date);
    }
    if (sep === '-' || sep === '/' || sep === '.') {
      const m = digitsAt(s, lead.end + 1, 2);
      if (m === null || m.value < 1 || m.value > 12 || s.charAt(m.end) !== sep) return null;
      const d = digitsAt(s, m.end + 1, 2);
      if (d === null || d.value < 1 || d.value > 31) return null;
      return { year: lead.value, month: m.value, day: d.value, end: d.end };
    }
    return null;
  }
  if (lead.end - i > 2) return null;
  if (sep === '.' && lead.value >= 1 && lead.value <= 12) {
    // "12.31前": month.day, told apart from the decimal 12.31 by the 前 that follows
    const d = digitsAt(s, lead.end + 1, 2);
    if (d !== null && d.value >= 1 && d.value <= 31 && isBeforeAt(s, d.end)) {
      return { year: null, month: lead.value, day: d.value, end: d.end };
    }
  }
  const month = monthAt(s, i);
  if (month !== null) {
    return monthDayAfter(s, { year: null, month: month.month, day: null, end: month.end }, true);
  }
  const day = dayAt(s, i);
  if (day !== null && isBeforeAt(s, day.end)) {
    return { year: null, month: null, day: day.day, end: day.end };
  }
  return null;
}

function isBeforeAt(s: string, i: number): boolean {
  return s.startsWith('前', i) || s.startsWith('之前', i) || s.startsWith('以前', i);
}

/** Extends a date after its 年 or 月 with the month, day and 底/末 that follow. */
function monthDayAfter(s: string, date: DateToken, monthRead = false): DateToken {
  let p = date.end;
  const endOfPeriod = s.charAt(p) === '底' || s.charAt(p) === '末' || s.charAt(p) === '终';
  if (!monthRead) {
    if (endOfPeriod) return { ...date, month: 12, end: p + 1 };
    const month = monthAt(s, p);
    if (month === null) return date;
    p = month.end;
    date = { ...date, month: month.month, end: p };
  }
  if (s.charAt(p) === '底' || s.charAt(p) === '末') return { ...date, end: p + 1 };
  const day = dayAt(s, p);
  return day === null ? date : { ...date, day: day.day, end: day.end };
}
