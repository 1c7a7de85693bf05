import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VALUE_KINDS, VALUE_OPS, type Value, type ValueOp } from '../model/evaluation.ts';
import { parseDeadline, parseValue } from './parseValue.ts';

function expectWellFormed(raw: string): void {
  const v: Value = parseValue(raw);
  expect(v.raw).toBe(raw);
  expect(VALUE_KINDS).toContain(v.kind);
  if (v.value !== null) expect(Number.isFinite(v.value)).toBe(true);
  if (v.op !== null) expect(VALUE_OPS).toContain(v.op);
  if (v.kind === 'quantitative') {
    expect(v.value).not.toBeNull();
  } else {
    expect([v.op, v.value, v.unit]).toEqual([null, null, null]);
  }
  if (v.upper !== undefined && v.upper !== null) {
    expect(Number.isFinite(v.upper)).toBe(true);
    expect(v.upper).toBeGreaterThanOrEqual(v.value ?? Number.NaN);
  }
  expect(parseValue(raw)).toEqual(v);
  const deadline = parseDeadline(raw);
  if (deadline !== null) expect(v.kind).toBe('deadline');
}

const KNOWN = [
  '≥12次',
  '＞95%',
  '≤5%',
  '=100%',
  '50亿元',
  '109.79亿',
  '1,234.5万元',
  '90%-95%',
  '2天以内',
  '不低于90%',
  '部门职工认可度≥90%',
  '12月底前完成',
  '2023年12月31日前',
  '未发生',
  '——',
  '-5%',
  '１２０',
];

/** Characters that matter to the parser, plus a lone surrogate and a control character. */
const INTERESTING = Array.from(
  '0123456789０９.．,，%％≥≤><=＞＜＝≧≦-—~～万亿元个次以上下内前年月日底第(含)及至 　\t',
) //
  .concat(['\ud800', '\u0000', 'a', 'G']);

const mutated = fc
  .tuple(
    fc.constantFrom(...KNOWN),
    fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('insert', 'delete', 'replace'),
        ch: fc.constantFrom(...INTERESTING),
      }),
      { maxLength: 6 },
    ),
  )
  .map(([seed, edits]) => {
    let s = seed;
    for (const { at, kind, ch } of edits) {
      const p = s.length === 0 ? 0 : at % (s.length + 1);
      if (kind === 'insert') s = s.slice(0, p) + ch + s.slice(p);
      else if (kind === 'delete') s = s.slice(0, p) + s.slice(p + 1);
      else s = s.slice(0, p) + ch + s.slice(p + 1);
    }
    return s;
  });

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

describe('parseValue: invariants for any string', () => {
  it('holds for arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), expectWellFormed));
  });
  it('holds for full Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), expectWellFormed));
  });
  it('holds for strings of raw UTF-16 code units (lone surrogates)', () => {
    fc.assert(fc.property(fc.string({ unit: codeUnit }), expectWellFormed));
  });
  it('holds for mutations of known values', () => {
    fc.assert(fc.property(mutated, expectWellFormed), { numRuns: 500 });
  });
});

const OPS: ReadonlyArray<readonly [string, ValueOp | null]> = [
  ['', null],
  ['≥', '>='],
  ['>=', '>='],
  ['≧', '>='],
  ['＞＝', '>='],
  ['大于等于', '>='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['至少', '>='],
  ['>', '>'],
  ['＞', '>'],
  ['大于', '>'],
  ['超过', '>'],
  ['≤', '<='],
  ['<=', '<='],
  ['≦', '<='],
  ['小于等于', '<='],
  ['不超过', '<='],
  ['不高于', '<='],
  ['<', '<'],
  ['＜', '<'],
  ['低于', '<'],
  ['小于', '<'],
  ['=', '='],
  ['＝', '='],
];

/** [as written, as returned]: full-width percent comes back half-width. */
const UNITS: ReadonlyArray<readonly [string, string | null]> = [
  ['', null],
  ['%', '%'],
  ['％', '%'],
  ['次', '次'],
  ['个', '个'],
  ['人次', '人次'],
  ['万元', '万元'],
  ['亿元', '亿元'],
  ['亿', '亿'],
  ['万', '万'],
  ['元', '元'],
  ['天', '天'],
  ['个工作日', '个工作日'],
  ['亩', '亩'],
  ['场', '场'],
  ['万人次', '万人次'],
  ['次/年', '次/年'],
  ['分', '分'],
  ['个百分点', '个百分点'],
  ['km', 'km'],
  ['千克', '千克'],
];

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

interface GeneratedNumber {
  text: string;
  value: number;
}

/** A decimal as forms write it: optional sign, thousands separators, full-width digits. */
const numberText: fc.Arbitrary<GeneratedNumber> = fc
  .record({
    negative: fc.boolean(),
    integer: fc.oneof(fc.nat({ max: 999 }), fc.nat({ max: 1_000_000_000 })),
    fraction: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 6 })),
    grouped: fc.boolean(),
    fullWidth: fc.boolean(),
  })
  .map(({ negative, integer, fraction, grouped, fullWidth }) => {
    const plain = `${negative ? '-' : ''}${integer}${fraction === null ? '' : `.${fraction}`}`;
    const intText = grouped ? integer.toLocaleString('en-US') : String(integer);
    let text = `${negative ? '-' : ''}${intText}${fraction === null ? '' : `.${fraction}`}`;
    if (fullWidth) {
      text = Array.from(text, (c) =>
        c >= '0' && c <= '9' ? (FULL_WIDTH_DIGITS[Number(c)] ?? c) : c === '.' ? '．' : c === ',' ? '，' : c,
      ).join('');
    }
    // +0 turns -0 into 0, as the parser does
    return { text, value: Number(plain) + 0 };
  });

const space = fc.constantFrom('', '', ' ', '\u3000');

describe('parseValue: recovers operator, number and unit of generated values', () => {
  it('reads operator, number, unit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPS),
        numberText,
        fc.constantFrom(...UNITS),
        space,
        space,
        ([opText, op], n, [unitText, unit], s1, s2) => {
          const raw = `${opText}${s1}${n.text}${s2}${unitText}`;
          expect(parseValue(raw)).toEqual({ raw, op, value: n.value, unit, kind: 'quantitative' });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads number and unit followed by 以上 / 以下 / 以内', () => {
    const suffixes: ReadonlyArray<readonly [string, ValueOp]> = [
      ['以上', '>='],
      ['及以上', '>='],
      ['以下', '<='],
      ['以内', '<='],
    ];
    fc.assert(
      fc.property(
        numberText,
        fc.constantFrom(...UNITS),
        fc.constantFrom(...suffixes),
        (n, [unitText, unit], [sx, op]) => {
          const raw = `${n.text}${unitText}${sx}`;
          expect(parseValue(raw)).toEqual({ raw, op, value: n.value, unit, kind: 'quantitative' });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads ranges a-b with a unit, with the lower bound first', () => {
    fc.assert(
      fc.property(
        numberText.filter((n) => !n.text.startsWith('-')),
        numberText.filter((n) => !n.text.startsWith('-')),
        fc.constantFrom(...UNITS.filter(([u]) => u !== '')),
        fc.constantFrom('-', '~', '～', '至', '—'),
        fc.boolean(),
        (a, b, [unitText, unit], sep, unitOnBoth) => {
          const raw = `${a.text}${unitOnBoth ? unitText : ''}${sep}${b.text}${unitText}`;
          expect(parseValue(raw)).toEqual({
            raw,
            op: '>=',
            value: Math.min(a.value, b.value),
            upper: Math.max(a.value, b.value),
            unit,
            kind: 'quantitative',
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
