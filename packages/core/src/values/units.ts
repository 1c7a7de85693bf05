/**
 * Making magnitudes comparable: a target "100亿元" and an actual "109.79亿" are the same kind of
 * amount (domain.md §2), "1.5亿元" equals "15000万元", but "3次" and "3个" count different things.
 */
import { Decimal, dec } from '../decimal/decimal.ts';
import type { Value } from '../model/evaluation.ts';
import { MAGNITUDES } from './vocabulary.ts';

const MAGNITUDES_LONGEST_FIRST = [...MAGNITUDES].sort((a, b) => b[0].length - a[0].length);

/** ‰ is a tenth of a percent point, so it compares with %. */
const SCALED_BASES: ReadonlyMap<string, { base: string; factor: Decimal }> = new Map([
  ['‰', { base: '%', factor: dec('0.1') }],
]);

/** The money units a bare magnitude ("109.79亿") is taken to be short for. */
const MONEY_BASES = new Set(['元']);

interface Split {
  power: number;
  base: string;
}

// Units come from a small vocabulary and every row of every form splits two of them: remember
// the split by the unit text, emptied when it grows past a bound (a stray form cannot grow it).
const splits = new Map<string, Split>();
const SPLIT_LIMIT = 2048;

/** Peels magnitude prefixes off a unit: 亿元 → 10^8 元, 万人次 → 10^4 人次, 万千瓦时 → 10^7 瓦时. */
function splitUnit(unit: string): Split {
  const known = splits.get(unit);
  if (known !== undefined) return known;
  const split = peel(unit);
  if (splits.size >= SPLIT_LIMIT) splits.clear();
  splits.set(unit, split);
  return split;
}

function peel(unit: string): Split {
  let power = 0;
  let rest = unit;
  for (let peeled = true; peeled && rest !== ''; ) {
    peeled = false;
    for (const [prefix, exponent] of MAGNITUDES_LONGEST_FIRST) {
      if (rest.startsWith(prefix)) {
        power += exponent;
        rest = rest.slice(prefix.length);
        peeled = true;
        break;
      }
    }
  }
  return { power, base: rest };
}

/**
 * The amount of a quantitative value in its base unit without magnitude: "5亿" → 500000000
 * with base "" , "125.25万元" → 1252500 元, "90%" → 90 %. Null for any other kind.
 */
export function normalize(v: Value): { amount: Decimal; base: string } | null {
  if (v.kind !== 'quantitative' || v.value === null || !Number.isFinite(v.value)) return null;
  const { power, base } = splitUnit(v.unit ?? '');
  let amount = power === 0 ? dec(v.value) : dec(v.value).times(powerOfTen(power));
  const scaled = SCALED_BASES.get(base);
  if (scaled !== undefined) {
    amount = amount.times(scaled.factor);
    return { amount, base: scaled.base };
  }
  return { amount, base };
}

const powers = new Map<number, Decimal>();

function powerOfTen(power: number): Decimal {
  let p = powers.get(power);
  if (p === undefined) {
    p = new Decimal(10).pow(power);
    powers.set(power, p);
  }
  return p;
}

function hasUnit(v: Value): boolean {
  return v.unit !== null && v.unit !== '';
}

/**
 * Both amounts on one scale, or null when the units measure different things. Compatible:
 * - the same base after magnitudes are removed (15亿元 / 19.57亿元, 1.5亿元 / 15000万元);
 * - one side written without any unit: forms drop it on one side, so the numbers are compared
 *   as written (target "90%", actual "93");
 * - a bare magnitude (5亿, 150万) against a money unit (元, 亿元, 万元) or against any unit that
 *   is itself written with a magnitude (150万 / 150万人次): the unit word was dropped, the
 *   magnitude was not. Against a plain unit (5万 / 3个) the two are not taken to be alike.
 * Count words (次, 个, 项, 场, 家, 人, 人次 …) only match themselves, and % only % or no unit.
 */
/**
 * Whether `comparable` takes two values as written: both quantitative finite numbers, and one
 * without a unit or both in one unit without magnitude or ‰ (a common magnitude scales both
 * alike, but is left to the general path). Most rows are such: the caller may then compare and
 * divide the JSON numbers themselves.
 */
function bothFiniteQuantities(a: Value, b: Value): boolean {
  return (
    a.kind === 'quantitative' &&
    b.kind === 'quantitative' &&
    a.value !== null &&
    b.value !== null &&
    Number.isFinite(a.value) &&
    Number.isFinite(b.value)
  );
}

function comparesAsWritten(a: Value, b: Value): boolean {
  if (!bothFiniteQuantities(a, b)) return false;
  if (!hasUnit(a) || !hasUnit(b)) return true;
  if (a.unit !== b.unit) return false;
  const { power, base } = splitUnit(a.unit ?? '');
  return power === 0 && !SCALED_BASES.has(base);
}

/**
 * Whether `comparable` brings two values onto one scale by one and the same positive factor, or
 * none: both quantitative finite numbers, and one without a unit or both in the same unit
 * (10^power, ‰ → % alike on both sides). The two amounts then order, and divide, as the JSON
 * numbers do.
 */
export function scalesAlike(a: Value, b: Value): boolean {
  if (!bothFiniteQuantities(a, b)) return false;
  return !hasUnit(a) || !hasUnit(b) || a.unit === b.unit;
}

export function comparable(a: Value, b: Value): { a: Decimal; b: Decimal } | null {
  // Most rows write one unit on both sides, or none on one: then the numbers compare as written.
  if (comparesAsWritten(a, b)) return { a: dec(a.value as number), b: dec(b.value as number) };
  const na = normalize(a);
  const nb = normalize(b);
  if (na === null || nb === null || a.value === null || b.value === null) return null;
  if (!hasUnit(a) || !hasUnit(b)) return { a: dec(a.value), b: dec(b.value) };
  if (na.base === nb.base) return { a: na.amount, b: nb.amount };
  if (bareMagnitudeMatches(na.base, b, nb.base) || bareMagnitudeMatches(nb.base, a, na.base)) {
    return { a: na.amount, b: nb.amount };
  }
  return null;
}

function bareMagnitudeMatches(bareBase: string, other: Value, otherBase: string): boolean {
  if (bareBase !== '' || otherBase === '%') return false;
  if (MONEY_BASES.has(otherBase)) return true;
  return splitUnit(other.unit ?? '').power > 0;
}
