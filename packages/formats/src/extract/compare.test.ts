import { describe, expect, it } from 'vitest';
import { compareWithExpected } from './compare.ts';

describe('compareWithExpected', () => {
  it('judges only the fields the expectation gives, null included', () => {
    const c = compareWithExpected(
      { year: 2023, unit: 'A', grade: '优', filledOn: null },
      { year: 2023, unit: 'B', filledOn: null, source: 'http://x', notes: '…', complete: false },
    );
    expect(c.fields).toBe(3);
    expect(c.right).toBe(2);
    expect(c.wrong).toEqual([{ path: 'unit', expected: 'B', actual: 'A' }]);
  });

  it('compares numbers by value and strings exactly', () => {
    const c = compareWithExpected({ a: 8, b: '1 个' }, { a: 8.0, b: '1个' });
    expect(c.right).toBe(1);
    expect(c.wrong.map((w) => w.path)).toEqual(['b']);
  });

  it('accepts a standard name or the form’s own label for level1 and level2', () => {
    const actual = { indicators: [{ name: 'x', level1: '产 出 指 标', level2: '经济效益' }] };
    expect(
      compareWithExpected(actual, { indicators: [{ name: 'x', level1: '产出指标', level2: '经济效益指标' }] })
        .right,
    ).toBe(3);
    const c = compareWithExpected(actual, {
      indicators: [{ name: 'x', level1: '效益指标', level2: '社会效益指标' }],
    });
    expect(c.wrong.map((w) => w.path)).toEqual(['indicators[0].level1', 'indicators[0].level2']);
  });

  it('pairs indicators by name, and counts a missing one in full and an extra one once', () => {
    const expected = {
      indicators: [
        { name: 'a', score: 1 },
        { name: 'b', score: 2 },
      ],
    };
    const swapped = compareWithExpected(
      {
        indicators: [
          { name: 'b', score: 2 },
          { name: 'a', score: 1 },
        ],
      },
      expected,
    );
    expect(swapped).toMatchObject({ fields: 4, right: 4 });
    const missing = compareWithExpected({ indicators: [{ name: 'a', score: 1 }] }, expected);
    expect(missing).toMatchObject({ fields: 4, right: 2 });
    const extra = compareWithExpected(
      {
        indicators: [
          { name: 'a', score: 1 },
          { name: 'b', score: 2 },
          { name: '岗', score: null },
        ],
      },
      expected,
    );
    expect(extra).toMatchObject({ fields: 5, right: 4 });
    expect(extra.wrong).toEqual([{ path: 'indicators[+2]', expected: undefined, actual: '岗' }]);
  });

  it('judges an expected empty list by its length', () => {
    expect(compareWithExpected({ goals: [] }, { goals: [] })).toMatchObject({ fields: 1, right: 1 });
    expect(compareWithExpected({ goals: [{ text: 'x' }] }, { goals: [] })).toMatchObject({
      fields: 1,
      right: 0,
    });
  });

  it('accepts an alternative reading of an ambiguous row', () => {
    const expected = {
      indicators: [
        {
          name: '保障部门工作正常开展',
          target: { raw: '部门职工认可度≥90%', op: '>=' },
          alternatives: [{ name: '部门职工认可度', target: { raw: '≥90%' } }],
        },
      ],
    };
    const main = compareWithExpected(
      { indicators: [{ name: '保障部门工作正常开展', target: { raw: '部门职工认可度≥90%', op: '>=' } }] },
      expected,
    );
    const alt = compareWithExpected(
      { indicators: [{ name: '部门职工认可度', target: { raw: '≥90%', op: '>=' } }] },
      expected,
    );
    const neither = compareWithExpected(
      { indicators: [{ name: '部门职工认可度', target: { raw: '90%', op: null } }] },
      expected,
    );
    expect([main.right, alt.right, neither.right]).toEqual([3, 3, 1]);
    expect(main.fields).toBe(3);
  });

  it('tallies accuracy per field path without indices', () => {
    const c = compareWithExpected(
      {
        indicators: [
          { name: 'a', score: 1 },
          { name: 'b', score: 3 },
        ],
      },
      {
        indicators: [
          { name: 'a', score: 1 },
          { name: 'b', score: 2 },
        ],
      },
    );
    expect(c.byPath['indicators.score']).toEqual({ fields: 2, right: 1 });
    expect(c.byPath['indicators.name']).toEqual({ fields: 2, right: 2 });
  });
});
