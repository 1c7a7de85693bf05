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
  const d = n.d;
  if (d && d.length <= 2) {
    const w0 = d[0] as number;
    if (w0 === 0) return n.toNumber();
    const c = d.length === 1 ? w0 : w0 * 1e7 + (d[1] as number);
    const k = n.e + 1 - digitCount(w0) - (d.length - 1) * 7;
    const v =
      k >= 0
        ? k <= 22
          ? c * (POW10[k] as number)
          : Number.NaN
        : k >= -22
          ? c / (POW10[-k] as number)
          : Number.NaN;
    if (!Number.isNaN(v)) return n.s < 0 ? -v : v;
  }
  return n.toNumber();
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
  let scale = 0;
  for (const v of values) {
    if (v === null || Number.isInteger(v)) continue;
    const t = String(v);
    const dot = t.indexOf('.');
    if (dot < 0 || t.includes('e')) return null;
    const places = t.length - dot - 1;
    if (places > 6) return null;
    if (places > scale) scale = places;
  }
  const factor = POW10[scale] as number;
  let sum = 0;
  for (const v of values) {
    if (v === null) continue;
    let n: number;
    if (Number.isInteger(v)) n = v * factor;
    else {
      const t = String(v);
      const dot = t.indexOf('.');
      n = Number(t.slice(0, dot) + t.slice(dot + 1)) * (POW10[scale - (t.length - dot - 1)] as number);
    }
    sum += n;
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(sum)) return null;
  }
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
  return typeof n === 'number' ? String(n) : n.toString();
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
  let text = String(n);
  if (places > 0) {
    text = text.padStart(places + 1, '0');
    const whole = text.slice(0, text.length - places);
    let end = text.length;
    while (end > whole.length && text.charCodeAt(end - 1) === 0x30) end--;
    text = end > whole.length ? `${whole}.${text.slice(whole.length, end)}` : whole;
  }
  return r.s < 0 ? `-${text}` : text;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) < 0 ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) > 0 ? a : b;
}
