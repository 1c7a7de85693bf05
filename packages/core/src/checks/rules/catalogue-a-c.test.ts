import { describe, expect, it } from 'vitest';
import { getRule } from '../registry.ts';
import { RULES_A_TO_C } from './catalogue-a-c.ts';

const HAN = /[\u4e00-\u9fff]/;

describe('the A–C catalogue', () => {
  it('has unique kebab-case codes, each reachable through the registry', () => {
    const codes = RULES_A_TO_C.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of RULES_A_TO_C) {
      expect(r.code).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
      expect(getRule(r.code)).toBe(r);
    }
  });

  it('gives every rule a class of A–C, a Chinese title and a one-line basis', () => {
    for (const r of RULES_A_TO_C) {
      expect(['arithmetic', 'completeness', 'target-quality']).toContain(r.class);
      expect(r.title).toMatch(HAN);
      expect(r.basis).toMatch(HAN);
      expect(r.basis).not.toContain('\n');
    }
  });

  it('lists the classes in order A, B, C', () => {
    const order = { arithmetic: 0, completeness: 1, 'target-quality': 2 } as const;
    const ranks = RULES_A_TO_C.map((r) => order[r.class as keyof typeof order]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('declares a need for weights exactly on the rules that judge a score against its weight', () => {
    const needing = RULES_A_TO_C.filter((r) => r.needs?.includes('weights')).map((r) => r.code);
    expect(needing.sort()).toEqual([
      'qualitative-score-out-of-band',
      'score-exceeds-weight',
      'score-formula-mismatch',
      'weights-sum-mismatch',
    ]);
  });
});
