/**
 * Decimal arithmetic in one place (design.md): money and scores never touch binary floating
 * point between the JSON edges. 390.76 × 20 / 390.76 is exactly 20 here.
 */
import { Decimal as DecimalBase } from 'decimal.js';

export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** A decimal from a JSON number, reading its shortest decimal form (0.1 stays 0.1). */
export function dec(n: number | string | Decimal): Decimal {
  if (typeof n !== 'number' || n === 0) return new Decimal(n);
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

/** Half-up rounding to `places` decimals, returned as a JSON number for the edges. */
export function roundNumber(n: Decimal, places: number): number {
  return n.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber();
}

/** Half-up rounding kept as a decimal, for further exact comparison. */
export function round(n: Decimal, places: number): Decimal {
  return n.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
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
  return `${round(d, places + 2)
    .times(100)
    .toString()}%`;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}
