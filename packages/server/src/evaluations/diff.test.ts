import { describe, expect, it } from 'vitest';
import { changeMaps, diffDocuments, valueAtPath } from './diff.ts';

describe('diffDocuments', () => {
  it('lists each changed field by its path', () => {
    const a = {
      year: 2023,
      indicators: [
        { name: 'a', target: { raw: '≥1' } },
        { name: 'b', score: 3 },
      ],
    };
    const b = {
      year: 2024,
      indicators: [
        { name: 'a', target: { raw: '≥2' } },
        { name: 'b', score: 3 },
      ],
    };
    expect(diffDocuments(a, b)).toEqual([
      { path: 'year', before: 2023, after: 2024 },
      { path: 'indicators[0].target.raw', before: '≥1', after: '≥2' },
    ]);
  });

  it('reports added and removed rows and fields', () => {
    expect(diffDocuments({ goals: [1] }, { goals: [1, 2], grade: '优' })).toEqual([
      { path: 'goals[1]', after: 2 },
      { path: 'grade', after: '优' },
    ]);
    expect(diffDocuments({ goals: [1, 2], grade: null }, { goals: [1] })).toEqual([
      { path: 'goals[1]', before: 2 },
      { path: 'grade', before: null },
    ]);
  });

  it('finds nothing between equal documents, and null differs from 0', () => {
    expect(diffDocuments({ a: [{ b: null }] }, { a: [{ b: null }] })).toEqual([]);
    expect(diffDocuments({ score: null }, { score: 0 })).toEqual([{ path: 'score', before: null, after: 0 }]);
  });

  it('turns changes into before/after maps', () => {
    expect(
      changeMaps([
        { path: 'x', before: 1, after: 2 },
        { path: 'y', after: 'n' },
      ]),
    ).toEqual({
      before: { x: 1, y: null },
      after: { x: 2, y: 'n' },
    });
  });
});

describe('valueAtPath', () => {
  const doc = { indicators: [{ target: { raw: '≥12次' } }], unit: '单位' };
  it('follows a path into a document', () => {
    expect(valueAtPath(doc, 'indicators[0].target.raw')).toBe('≥12次');
    expect(valueAtPath(doc, 'unit')).toBe('单位');
    expect(valueAtPath(doc, '')).toBe(doc);
  });
  it('gives undefined for a path that is not there or not well formed', () => {
    expect(valueAtPath(doc, 'indicators[3]')).toBeUndefined();
    expect(valueAtPath(doc, 'indicators.0')).toBeUndefined();
    expect(valueAtPath(doc, 'unit..x')).toBeUndefined();
    expect(valueAtPath(doc, 'toString')).toBeUndefined();
  });
});
