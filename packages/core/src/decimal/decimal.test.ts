import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compare,
  Decimal,
  dec,
  fixed,
  max,
  min,
  numberOf,
  percentText,
  plain,
  round,
  roundNumber,
  sumNumbers,
} from './decimal.ts';

describe('decimal', () => {
  it('keeps 390.76 × 20 / 390.76 exactly 20', () => {
    expect(dec(390.76).times(20).dividedBy(390.76).toString()).toBe('20');
  });
  it('rounds half up, not half even and not binary', () => {
    expect(roundNumber(dec(2.675), 2)).toBe(2.68); // binary float gives 2.67
    expect(roundNumber(dec(0.125), 2)).toBe(0.13);
    expect(roundNumber(dec(-0.125), 2)).toBe(-0.13);
    expect(fixed(dec(83.45), 1)).toBe('83.5');
  });
  it('adds 0.1 + 0.2 to exactly 0.3', () => {
    expect(dec(0.1).plus(0.2).toNumber()).toBe(0.3);
    expect(plain(dec(19.57))).toBe('19.57');
  });
});

// The shortcuts read decimal.js's digits directly; each must give exactly what decimal.js gives.
describe('decimal shortcuts agree with decimal.js', () => {
  // decimal text as forms have it: up to 12 whole digits and up to 9 places, either sign
  const decimalText = fc
    .tuple(
      fc.boolean(),
      fc.bigInt({ min: 0n, max: 999_999_999_999n }),
      fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: null }),
    )
    .map(
      ([negative, whole, places]) => `${negative ? '-' : ''}${whole}${places === null ? '' : `.${places}`}`,
    );
  const json = decimalText.map((t) => Number(t));

  it('numberOf is toNumber', () => {
    fc.assert(
      fc.property(decimalText, (t) => {
        const d = new Decimal(t);
        expect(Object.is(numberOf(d), d.toNumber())).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('compare is comparedTo, and min and max follow it', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = new Decimal(a);
        const y = new Decimal(b);
        expect(compare(x, y)).toBe(x.comparedTo(y));
        expect(compare(x, x)).toBe(0);
        expect(min(x, y).equals(x.lessThan(y) ? x : y)).toBe(true);
        expect(max(x, y).equals(x.greaterThan(y) ? x : y)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('round is decimal.js half-up rounding, and percentText its scaled text', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 6 }), (t, places) => {
        const d = new Decimal(t);
        expect(round(d, places).toString()).toBe(d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toString());
        expect(percentText(d, places)).toBe(
          `${d
            .toDecimalPlaces(places + 2, Decimal.ROUND_HALF_UP)
            .times(100)
            .toString()}%`,
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('sumNumbers is the decimal sum of the JSON numbers, nulls skipped', () => {
    fc.assert(
      fc.property(fc.array(fc.option(json, { nil: null }), { maxLength: 30 }), (values) => {
        const expected = values.reduce<Decimal>(
          (s, v) => (v === null ? s : s.plus(new Decimal(v))),
          new Decimal(0),
        );
        expect(sumNumbers(values).toString()).toBe(expected.toString());
      }),
      { numRuns: 3000 },
    );
    // past 2^53 in whole millionths, and more than six places: the decimal way
    expect(sumNumbers([9_007_199_254.740_993, 0.000_001]).toString()).toBe('9007199254.740994');
    expect(sumNumbers([0.123_456_7, 0.1]).toString()).toBe('0.2234567');
  });

  // Scoring skips weight × 1 for a full share (scoring/indicator.ts, scoring/budget.ts): the weight
  // itself must be the same decimal, written weights and rescaled ones of 40 digits alike.
  it('a weight times 1 is the weight itself', () => {
    const one = dec(1);
    fc.assert(
      fc.property(
        decimalText,
        decimalText,
        decimalText,
        fc.integer({ min: 0, max: 6 }),
        (a, b, c, places) => {
          const written = new Decimal(a);
          const divisor = new Decimal(c);
          const rescaled = divisor.isZero() ? written : written.times(new Decimal(b).dividedBy(divisor));
          for (const w of [written, rescaled]) {
            const product = w.times(one);
            expect(product.equals(w)).toBe(true);
            expect(product.toString()).toBe(w.toString());
            expect(round(product, places).toString()).toBe(round(w, places).toString());
            expect(Object.is(numberOf(round(product, places)), numberOf(round(w, places)))).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
