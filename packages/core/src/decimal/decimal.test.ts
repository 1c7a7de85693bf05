import { describe, expect, it } from 'vitest';
import { dec, fixed, plain, roundNumber } from './decimal.ts';

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
