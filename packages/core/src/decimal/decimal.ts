/**
 * Decimal arithmetic in one place (design.md): money and scores never touch binary floating
 * point between the JSON edges. 390.76 × 20 / 390.76 is exactly 20 here.
 */
import { Decimal as DecimalBase } from 'decimal.js';

export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** A decimal from a JSON number, reading its shortest decimal form (0.1 stays 0.1). */
export function dec(n: number | string | Decimal): Decimal {
  return new Decimal(n);
}

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
  return new Decimal(n).toString();
}

/** A fraction as a percentage for messages, half-up: 1.583333 → "158.3%" at one place. */
export function percentText(fraction: Decimal | number, places: number): string {
  return `${plain(round(new Decimal(fraction).times(100), places))}%`;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}
