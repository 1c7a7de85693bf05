import { describe, expect, it } from 'vitest';
import { gradeMismatch } from './grade-mismatch.ts';
import { form, run } from './testkit.ts';

describe('grade-mismatch', () => {
  it('reports a grade the total does not earn, with the band', () => {
    const ev = form([], { totalReported: 85, grade: '优' });
    expect(run(gradeMismatch, ev)).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'grade',
        message: '自评等级填报“优”，按填报总分 85 分应为“良”（“良”为 80 分（含）至 90 分）。',
      }),
    ]);
  });

  it('reads grades written in full (优秀, 良好)', () => {
    expect(run(gradeMismatch, form([], { totalReported: 95, grade: '优秀' }))).toEqual([]);
    expect(run(gradeMismatch, form([], { totalReported: 95, grade: '良好' }))).toHaveLength(1);
  });

  it('says nothing without a total or for a grade scale the profile does not know', () => {
    expect(run(gradeMismatch, form([], { grade: '优' }))).toEqual([]);
    expect(run(gradeMismatch, form([], { totalReported: 85, grade: 'A' }))).toEqual([]);
  });
});
