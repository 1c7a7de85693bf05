import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.ts';
import { CLEAN, type Edit, edited, profile, rowAt, run as runRule } from './testkit.ts';
import { weightImplausible as rule } from './weight-implausible.ts';

const run = (edit: Edit, profileId = 'national-2020') =>
  runRule(rule, edited(CLEAN, edit), profile(profileId));
const mine = (fs: Finding[]) => fs.filter((f) => f.code === rule.code);

describe('weight-implausible', () => {
  it('finds nothing on the clean fixture', () => {
    expect(mine(run(() => {}))).toEqual([]);
  });

  it('flags a weight above the profile’s indicator total', () => {
    const found = mine(
      run((j) => {
        rowAt(j, 0).weight = 100;
      }, 'hubei-2020'),
    );
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'indicators[0].weight',
        message: '“集中供水工程改造处数”的分值100分超过绩效指标总分80分（湖北省预算绩效自评（2020年起））。',
      }),
    ]);
  });

  it('flags a weight of 0 that scored, and a negative weight', () => {
    const found = mine(
      run((j) => {
        rowAt(j, 1).weight = 0;
        rowAt(j, 2).weight = -5;
      }),
    );
    expect(found.map((f) => f.path)).toEqual(['indicators[1].weight', 'indicators[2].weight']);
    expect(found[0]!.message).toBe('“工程验收合格率”的分值为0，却填报得分15分。');
  });

  it('accepts a weight of 0 without a score, and the whole total on one row', () => {
    expect(
      mine(
        run((j) => {
          Object.assign(rowAt(j, 1), { weight: 0, score: 0 });
          Object.assign(rowAt(j, 2), { weight: 90 });
        }),
      ),
    ).toEqual([]);
  });

  it('is skipped when no weight is known', () => {
    const all = run((j) => {
      for (const i of j.indicators!) i.weight = null;
    });
    expect(mine(all)).toEqual([]);
    expect(all.some((f) => f.code === 'weights-unknown')).toBe(true);
  });
});
