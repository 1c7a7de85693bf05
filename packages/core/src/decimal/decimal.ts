/**
 * Decimal arithmetic in one place (design.md): money and scores never touch binary floating
 * point between the JSON edges. 390.76 × 20 / 390.76 is exactly 20 here.
 */
import { Decimal as DecimalBase } from 'decimal.js';

export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** A decimal from a JSON number, reading its shortest decimal form (0.1 stays 0.1). */
export function dec(n: number | string | Decimal): Decimal {
  if (typeof n !== 'number') return new Decimal(n);
  // Sums start from 0 and blank figures read as 0: +0 is one shared decimal, -0 stays apart.
  if (n === 0) return Object.is(n, 0) ? ZERO : new Decimal(n);
  // Small whole numbers (weights, scores, 100, 95) are kept in an array: an index is cheaper than
  // hashing the number for the map below. Each is made once, as the map would make it.
  if (n > 0 && n < SMALL_LIMIT && Number.isInteger(n)) {
    let s = small[n];
    if (s === undefined) {
      s = new Decimal(n);
      small[n] = s;
    }
    return s;
  }
  // Forms repeat the same few figures (weights, scores, targets like 100 or 95) and reading a
  // non-integer number goes through its text; decimals are immutable, so one may be shared.
  let d = fromNumber.get(n);
  if (d === undefined) {
    d = new Decimal(n);
    if (fromNumber.size >= FROM_NUMBER_LIMIT) fromNumber.clear();
    fromNumber.set(n, d);
  }
  return d;
}

// Bounded so that a stream of distinct figures cannot grow it; 0 is left out because the map
// does not tell 0 from -0, which decimal.js does.
const fromNumber = new Map<number, Decimal>();
const FROM_NUMBER_LIMIT = 8192;
const SMALL_LIMIT = 1024;
const small: (Decimal | undefined)[] = new Array(SMALL_LIMIT).fill(undefined);
const ZERO = new Decimal(0);

// Exact powers of ten as doubles (10^22 is the largest one a double holds exactly).
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

function digitCount(w: number): number {
  return w < 10 ? 1 : w < 100 ? 2 : w < 1000 ? 3 : w < 10000 ? 4 : w < 100000 ? 5 : w < 1000000 ? 6 : 7;
}

/**
 * The JSON number of a decimal, as `toNumber()` gives it. Scores and rounded ratios have at most
 * fourteen digits (two of decimal.js's 7-digit words): their digits as an integer times or over
 * an exact power of ten is one correctly rounded double operation, the same double that
 * reading the decimal's text gives, without building the text. Anything else goes the long way.
 */
export function numberOf(n: Decimal): number {
  return shortDouble(n) ?? n.toNumber();
}

/** numberOf's reading from the digits: the double of a non-zero decimal of at most fourteen digits, else null. */
function shortDouble(n: Decimal): number | null {
  const d = n.d;
  if (!d || d.length > 2) return null;
  const w0 = d[0] as number;
  if (w0 === 0) return null;
  const c = d.length === 1 ? w0 : w0 * 1e7 + (d[1] as number);
  const k = n.e + 1 - digitCount(w0) - (d.length - 1) * 7;
  const v =
    k >= 0 ? (k <= 22 ? c * (POW10[k] as number) : null) : k >= -22 ? c / (POW10[-k] as number) : null;
  return v === null ? null : n.s < 0 ? -v : v;
}

/**
 * The exact decimal sum of JSON numbers, nulls skipped. Numbers of at most six places are read
 * from their text as whole numbers of millionths (or less), and whole numbers add exactly while
 * they stay safe, so the total is the decimal sum without a decimal per term; otherwise (more
 * places, a sum past 2^53) the terms are added as decimals.
 */
export function sumNumbers(values: readonly (number | null)[]): Decimal {
  return sumExact(values) ?? values.reduce<Decimal>((s, v) => (v === null ? s : s.plus(dec(v))), ZERO);
}

/** sumNumbers' whole-number path; null where it cannot be exact. */
function sumExact(values: readonly (number | null)[]): Decimal | null {
  // Whole numbers of 10^-scale (scaledNumber), the scale raised as a value needs more places:
  // the sum so far is then scaled up with it, exactly while it stays safe.
  let scale = 0;
  let sum = 0;
  for (const v of values) {
    if (v === null) continue;
    let n = scaledNumber(v, scale);
    while (n === null) {
      if (scale >= 6) return null;
      scale++;
      sum *= 10;
      if (!Number.isSafeInteger(sum)) return null;
      n = scaledNumber(v, scale);
    }
    sum += n;
    if (!Number.isSafeInteger(sum)) return null;
  }
  // Below 10^15 the sum has at most fifteen digits, so the double sum ÷ 10^scale (one correctly
  // rounded division) reads back as exactly that decimal, and `dec` may have it already made:
  // no text to build and parse.
  if (Math.abs(sum) < 1e15) return dec(sum / (POW10[scale] as number));
  return new Decimal(`${sum}e-${scale}`);
}

/** Half-up rounding to `places` decimals, returned as a JSON number for the edges. */
export function roundNumber(n: Decimal, places: number): number {
  return numberOf(round(n, places));
}

/** Half-up rounding kept as a decimal, for further exact comparison. */
export function round(n: Decimal, places: number): Decimal {
  // A decimal with no more places is its own rounding, and decimals are immutable: weights,
  // scores and most figures are whole or short, and copying them is what rounding cost.
  if (n.d && n.decimalPlaces() <= places) return n;
  return n.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/**
 * −1, 0 or 1 as `x` is below, equal to or above `y`: decimal.js's `comparedTo` for two decimals,
 * read from their digits without the copy of `y` that method makes on every call.
 */
export function compare(x: Decimal, y: Decimal): number {
  const xd = x.d;
  const yd = y.d;
  if (!xd || !yd) return x.comparedTo(y);
  const xs = x.s;
  const ys = y.s;
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (x.e !== y.e) return x.e > y.e !== xs < 0 ? 1 : -1;
  const xl = xd.length;
  const yl = yd.length;
  for (let i = 0, j = Math.min(xl, yl); i < j; i++) {
    const a = xd[i] as number;
    const b = yd[i] as number;
    if (a !== b) return a > b !== xs < 0 ? 1 : -1;
  }
  return xl === yl ? 0 : xl > yl !== xs < 0 ? 1 : -1;
}

/** Fixed-decimal text for display ("20.00"), half-up. */
export function fixed(n: Decimal | number, places: number): string {
  return new Decimal(n).toFixed(places, Decimal.ROUND_HALF_UP);
}

/** Shortest plain text of a number for messages: 20 not "20.00", 19.57 stays "19.57". */
export function plain(n: Decimal | number): string {
  // A JS number's own text is the shortest decimal form, which is what decimal.js reads it as,
  // and both switch to exponent notation at the same magnitudes (1e-7, 1e+21): identical text
  // without building a Decimal (checked over millions of numbers, -0, NaN and Infinity included).
  if (typeof n === 'number') return String(n);
  // A non-zero decimal of at most fourteen digits is the shortest text of its double: every
  // decimal of up to fifteen significant digits reads as a double of its own, so no shorter text
  // reads as that double, and the text is written as decimal.js writes it (above). Scores,
  // weights and rounded figures are such decimals; decimal.js builds its text from its words.
  const v = shortDouble(n);
  return v === null ? n.toString() : String(v);
}

/** A fraction as a percentage for messages, half-up: 1.583333 → "158.3%" at one place. */
export function percentText(fraction: Decimal | number, places: number): string {
  const d = typeof fraction === 'number' ? new Decimal(fraction) : fraction;
  // Rounding to two more places and then scaling is the same decimal as scaling and rounding,
  // and spares a multiplication of all 40 digits of a quotient.
  const r = round(d, places + 2);
  return `${percentDigits(r, places) ?? r.times(100).toString()}%`;
}

/**
 * `r.times(100).toString()` for a decimal of at most `places + 2` places, written from its digits
 * as a safe integer when it has at most fourteen (two 7-digit words) and is not zero; null
 * otherwise. Such a percentage is at least 10^-places and below 2^53, so decimal.js would not
 * write it with an exponent either.
 */
function percentDigits(r: Decimal, places: number): string | null {
  const d = r.d;
  if (!d || d.length > 2 || places > 6) return null;
  const w0 = d[0] as number;
  if (w0 === 0) return null;
  const c = d.length === 1 ? w0 : w0 * 1e7 + (d[1] as number);
  // r = c × 10^k, and r × 10^(places + 2) is a whole number
  const shift = r.e + 1 - digitCount(w0) - (d.length - 1) * 7 + places + 2;
  if (shift < 0 || shift > 15) return null;
  const n = c * (POW10[shift] as number);
  if (!Number.isSafeInteger(n)) return null;
  const text = scaledText(n, places);
  return r.s < 0 ? `-${text}` : text;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) < 0 ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) > 0 ? a : b;
}

/**
 * A quotient x ÷ y of a non-negative decimal by a positive one, as safe integers n ÷ d (the same
 * rational number). The formulas' ratios (actual ÷ target, executed ÷ planned) are such quotients
 * of short figures, and what the results show of them (a ratio rounded to 6 places, a percentage,
 * whether a threshold is reached) can be read from n and d exactly, without the 40-digit quotient
 * decimal.js would work out first. See `quotientRound` for why the two always agree.
 */
export interface Quotient {
  n: number;
  d: number;
}

/** A decimal of at most fourteen digits as c × 10^k (c a safe integer), or null. */
function scaledOf(x: Decimal): { c: number; k: number } | null {
  const d = x.d;
  if (!d || d.length > 2) return null;
  const w0 = d[0] as number;
  if (w0 === 0) return { c: 0, k: 0 };
  let c = d.length === 1 ? w0 : w0 * 1e7 + (d[1] as number);
  let k = x.e + 1 - digitCount(w0) - (d.length - 1) * 7;
  // a second word is padded with zeros (1.3 is 13000000 × 10^-7): dropped, the integers stay small
  while (c % 10 === 0) {
    c /= 10;
    k++;
  }
  return { c, k };
}

/** x ÷ y as n ÷ d, or null unless x ≥ 0 (not −0), y > 0, both short and the integers safe. */
export function quotientOf(x: Decimal, y: Decimal): Quotient | null {
  if (x.s !== 1 || y.s !== 1) return null;
  const a = scaledOf(x);
  const b = scaledOf(y);
  if (a === null || b === null || b.c === 0) return null;
  const shift = a.k - b.k;
  if (shift > 15 || shift < -15) return null;
  const n = shift > 0 ? a.c * (POW10[shift] as number) : a.c;
  const d = shift < 0 ? b.c * (POW10[-shift] as number) : b.c;
  return Number.isSafeInteger(n) && Number.isSafeInteger(d) ? { n, d } : null;
}

/**
 * n ÷ d rounded half-up to `places` decimals, as the whole number of 10^-places it is, or null
 * when n × 10^places is not a safe integer.
 *
 * This is `round(x.dividedBy(y), places)` (times 10^places): decimal.js first rounds the quotient
 * to 40 significant digits, and a second rounding can only differ from rounding once when a
 * half-way point at `places` lies between the exact quotient and its 40-digit rounding. A
 * half-way point other than the quotient itself is at least 1 / (2 × 10^places × d) from it,
 * while the 40-digit rounding moves it by at most 10^-39 × (n ÷ d); as n × 10^places < 2^53 < 10^16,
 * the first is always the larger. A quotient that is itself a half-way point has few digits and
 * is exact in 40 digits.
 */
export function quotientRound(q: Quotient, places: number): number | null {
  if (places < 0 || places > 15) return null;
  const x = q.n * (POW10[places] as number);
  if (!Number.isSafeInteger(x) || x + q.d > Number.MAX_SAFE_INTEGER) return null;
  const { f, r } = floorDivide(x, q.d);
  return 2 * r >= q.d ? f + 1 : f;
}

/**
 * num ÷ den for safe integers num ≥ 0 < den with num + den safe: the floor f and the remainder r,
 * exactly. The correctly rounded double quotient is off by at most one; the exact remainder
 * (every product f × den stays safe) corrects it.
 */
function floorDivide(num: number, den: number): { f: number; r: number } {
  let f = Math.floor(num / den);
  let r = num - f * den;
  if (r < 0) {
    f--;
    r += den;
  } else if (r >= den) {
    f++;
    r -= den;
  }
  return { f, r };
}

/** `numberOf(round(x.dividedBy(y), places))` for a quotient, or null (see `quotientRound`). */
export function quotientNumber(q: Quotient, places: number): number | null {
  const r = quotientRound(q, places);
  // r × 10^-places as one correctly rounded division: the double numberOf gives for that decimal
  return r === null ? null : r / (POW10[places] as number);
}

/** `percentText(x.dividedBy(y), places)` for a quotient, or null (see `quotientRound`). */
export function quotientPercentText(q: Quotient, places: number): string | null {
  if (places > 6) return null;
  const r = quotientRound(q, places + 2);
  if (r === null) return null;
  // percentText writes a zero percentage through decimal.js, which gives "0"
  return r === 0 ? '0%' : `${scaledText(r, places)}%`;
}

/**
 * −1, 0 or 1 as x ÷ y is below, equal to or above `t`: `compare(x.dividedBy(y), t)` for a positive
 * `t` of few digits, or null. Unequal, n ÷ d and t = T × 10^-m are at least 1 / (d × 10^m) apart,
 * far more than the 40-digit rounding of the quotient moves it; equal, the quotient is exact.
 */
export function quotientCompare(q: Quotient, t: Decimal): number | null {
  const s = comparandOf(t);
  return s === null ? null : quotientCompareScaled(q, s);
}

/** A positive decimal of few digits as c × 10^k (c a safe integer), the comparand `quotientCompare` needs. */
export interface Comparand {
  c: number;
  k: number;
}

/**
 * `t` as `quotientCompareScaled` compares with it, or null where `quotientCompare` gives null
 * whatever the quotient: worked out once for a threshold that every row is compared with.
 */
export function comparandOf(t: Decimal): Comparand | null {
  if (t.s !== 1) return null;
  const s = scaledOf(t);
  if (s === null || s.c === 0 || s.k > 15 || s.k < -15) return null;
  return s;
}

/** `quotientCompare(q, t)` for t's comparand (`comparandOf`). */
export function quotientCompareScaled(q: Quotient, s: Comparand): number | null {
  // n ÷ d against c × 10^k: n × 10^-k against c × d, or n against c × 10^k × d
  const left = s.k < 0 ? q.n * (POW10[-s.k] as number) : q.n;
  const right = s.k > 0 ? s.c * (POW10[s.k] as number) * q.d : s.c * q.d;
  if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right)) return null;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * A positive whole number n of 10^-places as the shortest plain text (trailing zeros dropped):
 * percentDigits' writing, shared.
 */
function scaledText(n: number, places: number): string {
  // Below 10^15, n ÷ 10^places (one correctly rounded division) has that decimal as its shortest
  // text, which is what JavaScript writes, trailing zeros dropped; at least 10^-6, it is written
  // without an exponent.
  if (n < 1e15 && places <= 6) return String(n / (POW10[places] as number));
  let text = String(n);
  if (places > 0) {
    text = text.padStart(places + 1, '0');
    const whole = text.slice(0, text.length - places);
    let end = text.length;
    while (end > whole.length && text.charCodeAt(end - 1) === 0x30) end--;
    text = end > whole.length ? `${whole}.${text.slice(whole.length, end)}` : whole;
  }
  return text;
}

/**
 * `round(w.times(x.dividedBy(y)), places)` for x ÷ y as the quotient q, as the whole number of
 * 10^-places it is (below 10^15, so that number ÷ 10^places reads back as that decimal); null when
 * that cannot be told from the integers. decimal.js rounds three times (the quotient and the
 * product to 40 digits, then to `places`); together those move the product by at most
 * 2 × 10^-38 of it, while a half-way point at `places` that the exact product is not on is at
 * least 1 / (2 × den × 10^places) from it, den < 2^53 below. An exact product on a half-way point
 * is left to decimal.js (null): the 40-digit quotient may fall short of it.
 */
export function quotientTimesRound(q: Quotient, w: Decimal, places: number): number | null {
  if (w.s !== 1 || places < 0 || places > 15) return null;
  const s = scaledOf(w);
  if (s === null || s.k > 15 || s.k < -15) return null;
  // w × n ÷ d × 10^places = num ÷ den
  const wc = s.k > 0 ? s.c * (POW10[s.k] as number) : s.c;
  const scale = places + Math.min(s.k, 0);
  if (scale < -15 || scale > 15) return null;
  const num = scale >= 0 ? wc * q.n * (POW10[scale] as number) : wc * q.n;
  const den = scale < 0 ? q.d * (POW10[-scale] as number) : q.d;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num + den > Number.MAX_SAFE_INTEGER)
    return null;
  const { f, r } = floorDivide(num, den);
  if (2 * r === den) return null;
  const rounded = 2 * r > den ? f + 1 : f;
  return rounded < 1e15 ? rounded : null;
}

/** A whole number of 10^-places below 10^15 as its decimal (the shortest text of the double is it). */
export function scaledDecimal(n: number, places: number): Decimal {
  return dec(n / (POW10[places] as number));
}

/**
 * A JSON number as a whole number of 10^-places: v × 10^places when the decimal `dec(v)` has at
 * most `places` places, exactly; null when it has more, or cannot be told cheaply. Below
 * 10^(15 − places) the doubles are closer together than 10^-places, so only one decimal of that
 * many places reads as v; the integer n with n ÷ 10^places = v is that decimal, and it is also v's
 * shortest text, which is what decimal.js reads.
 */
export function scaledNumber(v: number, places: number): number | null {
  if (places < 0 || places > 15) return null;
  const f = POW10[places] as number;
  if (Number.isInteger(v)) {
    const n = v * f;
    return Number.isSafeInteger(n) ? n : null;
  }
  if (!(Math.abs(v) < (POW10[15 - places] as number))) return null;
  const n = Math.round(v * f);
  return n / f === v ? n : null;
}

/**
 * x ÷ y of two JSON numbers as the quotient of their decimals (`dec`), n ÷ d in safe integers;
 * null unless x ≥ 0 (not −0), y > 0 and both have at most six places (scaledNumber).
 */
export function quotientOfNumbers(x: number, y: number): Quotient | null {
  if (!(x >= 0) || !(y > 0) || Object.is(x, -0)) return null;
  let places = 0;
  let n = scaledNumber(x, 0);
  let d = scaledNumber(y, 0);
  // the fewest places both are whole in: scaling both alike keeps the quotient
  while (n === null || d === null) {
    if (places >= 6) return null;
    places++;
    n = scaledNumber(x, places);
    d = scaledNumber(y, places);
  }
  return d === 0 ? null : { n, d };
}
