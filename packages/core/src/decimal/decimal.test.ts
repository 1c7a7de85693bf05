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
  quotientCompare,
  quotientNumber,
  quotientOf,
  quotientOfNumbers,
  quotientPercentText,
  quotientTimesRound,
  round,
  roundNumber,
  scaledDecimal,
  scaledNumber,
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

  it('plain writes a decimal as decimal.js does', () => {
    // up to fourteen digits (the text of the double) and more (decimal.js's own), any magnitude
    const digits = fc.oneof(
      fc.bigInt({ min: 1n, max: 99_999_999_999_999n }),
      fc.bigInt({ min: 1n, max: 10n ** 30n }),
    );
    fc.assert(
      fc.property(fc.boolean(), digits, fc.integer({ min: -40, max: 40 }), (negative, c, k) => {
        const d = new Decimal(`${negative ? '-' : ''}${c}e${k}`);
        expect(plain(d)).toBe(d.toString());
      }),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = new Decimal(a);
        const y = new Decimal(b);
        for (const d of [x, x.plus(y), x.times(y), y.isZero() ? x : x.dividedBy(y), round(x.times(y), 2)]) {
          expect(plain(d)).toBe(d.toString());
        }
      }),
      { numRuns: 5000 },
    );
    for (const d of [new Decimal(0), new Decimal('-0'), new Decimal(Number.NaN), new Decimal(-Infinity)]) {
      expect(plain(d)).toBe(d.toString());
    }
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

  // The formulas' ratios read from exact quotients of safe integers (scoring/indicator.ts,
  // scoring/budget.ts): each reading must be what decimal.js gives from its 40-digit quotient.
  // Figures as forms have them, and small ones, whose quotients repeat and land on half-way points.
  const small = fc
    .tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom(0, 0, 1, 2))
    .map(([n, places]) => (n / 10 ** places).toString());
  const figure = fc.oneof(
    small,
    decimalText.map((t) => t.replace('-', '')),
  );
  const weight = fc.oneof(
    fc.constantFrom('1.5', '2.5', '0.5', '3', '5', '7.5', '10', '12.5', '15', '20', '0', '0.25'),
    figure,
  );

  it('a quotient is the same rational number, and reads as decimal.js reads the quotient', () => {
    fc.assert(
      fc.property(
        figure,
        figure,
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        (a, b, k, places) => {
          const x = new Decimal(a);
          const y = new Decimal(b);
          const q = quotientOf(x, y);
          if (y.isZero()) {
            expect(q).toBeNull();
            return;
          }
          if (q === null) return;
          const exact = x.dividedBy(y);
          expect(new Decimal(q.n).dividedBy(q.d).equals(exact)).toBe(true);
          const n = quotientNumber(q, k);
          if (n !== null) expect(Object.is(n, numberOf(round(exact, k)))).toBe(true);
          const text = quotientPercentText(q, places);
          if (text !== null) expect(text).toBe(percentText(exact, places));
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('a quotient compares with a threshold as its decimal does', () => {
    const threshold = fc.oneof(
      fc.constantFrom('1', '1.3', '1.5', '2', '0.9', '1.2', '3'),
      figure.filter((t) => Number(t) > 0),
    );
    fc.assert(
      fc.property(figure, figure, threshold, (a, b, t) => {
        const x = new Decimal(a);
        const y = new Decimal(b);
        const q = quotientOf(x, y);
        if (q === null) return;
        const c = quotientCompare(q, new Decimal(t));
        if (c !== null) expect(c).toBe(compare(x.dividedBy(y), new Decimal(t)));
      }),
      { numRuns: 20000 },
    );
    // a quotient on the threshold exactly, and one just off it
    expect(quotientCompare({ n: 13, d: 10 }, new Decimal('1.3'))).toBe(0);
    expect(quotientCompare({ n: 1300000001, d: 1000000000 }, new Decimal('1.3'))).toBe(1);
  });

  it('weight × quotient rounds as decimal.js rounds weight × its 40-digit quotient', () => {
    fc.assert(
      fc.property(figure, figure, weight, fc.integer({ min: 0, max: 4 }), (a, b, wt, places) => {
        const x = new Decimal(a);
        const y = new Decimal(b);
        const q = quotientOf(x, y);
        if (q === null) return;
        const w = new Decimal(wt);
        const r = quotientTimesRound(q, w, places);
        if (r === null) return;
        const expected = round(w.times(x.dividedBy(y)), places);
        const got = scaledDecimal(r, places);
        expect(got.toString()).toBe(expected.toString());
        expect(Object.is(numberOf(got), numberOf(expected))).toBe(true);
      }),
      { numRuns: 20000 },
    );
    // 1.5 × 1/3 is 0.5 exactly, which the 40-digit third misses (its 40-digit product may or may
    // not come back to it): left to decimal.js
    expect(quotientTimesRound({ n: 1, d: 3 }, new Decimal('1.5'), 0)).toBeNull();
    // 2.5 × 1/5 is 0.5 exactly, and so is the 40-digit fifth: still left to decimal.js
    expect(quotientTimesRound({ n: 1, d: 5 }, new Decimal('2.5'), 0)).toBeNull();
    expect(quotientTimesRound({ n: 1, d: 3 }, new Decimal('10'), 2)).toBe(333);
  });

  it('scaledNumber is the decimal of a JSON number in whole units of 10^-places, when it has no more places', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 9 }), (t, places) => {
        const v = Number(t);
        const d = new Decimal(v);
        const n = scaledNumber(v, places);
        if (n !== null) {
          expect(new Decimal(n).dividedBy(new Decimal(10).pow(places)).equals(d)).toBe(true);
          expect(d.decimalPlaces()).toBeLessThanOrEqual(places);
        } else if (Math.abs(v) < 1e6 && places <= 6) {
          // where it must answer, it does: only a figure of more places is refused
          expect(d.decimalPlaces()).toBeGreaterThan(places);
        }
      }),
      { numRuns: 20000 },
    );
  });

  // satisfaction-all-round: whole millionths against a whole step, for decimal.js's remainder
  it('whole millionths divide as decimal.js modulo says', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 1, max: 20 }), (t, step) => {
        const v = Number(t);
        const n = scaledNumber(v, 6);
        if (n === null) return;
        expect(n % (step * 1e6) === 0).toBe(new Decimal(v).modulo(step).isZero());
      }),
      { numRuns: 20000 },
    );
    expect(scaledNumber(93.5, 6)).toBe(93_500_000);
    expect(scaledNumber(95, 6)).toBe(95_000_000);
  });

  it('quotientOfNumbers is the quotient of the two decimals', () => {
    fc.assert(
      fc.property(json, json, (x, y) => {
        const q = quotientOfNumbers(x, y);
        if (q === null) return;
        expect(x >= 0 && y > 0).toBe(true);
        expect(new Decimal(q.n).dividedBy(q.d).equals(new Decimal(x).dividedBy(new Decimal(y)))).toBe(true);
      }),
      { numRuns: 20000 },
    );
    expect(quotientOfNumbers(19, 12)).toEqual({ n: 19, d: 12 });
    expect(quotientOfNumbers(93.5, 95)).toEqual({ n: 935, d: 950 });
    expect(quotientOfNumbers(-0, 5)).toBeNull();
  });

  it('sumNumbers keeps the sign of a zero sum as decimal.js does', () => {
    for (const values of [[-0], [0, -0], [-0, -0], [], [null], [1.5, -1.5]]) {
      const expected = values.reduce<Decimal>(
        (s, v) => (v === null ? s : s.plus(new Decimal(v))),
        new Decimal(0),
      );
      expect(Object.is(sumNumbers(values).toNumber(), expected.toNumber())).toBe(true);
    }
  });

  // checks/rules/support `percent` of a JSON number: its quotient over 1
  it('a JSON number over 1 gives percentText of its decimal', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 4 }), (x, places) => {
        const q = quotientOfNumbers(x, 1);
        const text = q === null ? null : quotientPercentText(q, places);
        if (text !== null) expect(text).toBe(percentText(new Decimal(x), places));
      }),
      { numRuns: 20000 },
    );
  });
});
