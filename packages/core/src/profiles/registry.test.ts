import { describe, expect, it } from 'vitest';
import { getProfile, listProfiles, parseProfile, resolveProfile } from './registry.ts';

describe('scoring profiles', () => {
  it('ships hubei-2020, national-2020 and sichuan-2023 with the weights of domain.md §3', () => {
    const byId = Object.fromEntries(listProfiles().map((p) => [p.id, p]));
    expect(Object.keys(byId).sort()).toEqual(['hubei-2020', 'national-2020', 'sichuan-2023']);
    expect([byId['hubei-2020']?.budgetWeight, byId['hubei-2020']?.indicatorTotal]).toEqual([20, 80]);
    expect([byId['national-2020']?.budgetWeight, byId['national-2020']?.indicatorTotal]).toEqual([10, 90]);
    expect([byId['sichuan-2023']?.budgetWeight, byId['sichuan-2023']?.indicatorTotal]).toEqual([10, 90]);
    expect(byId['national-2020']?.level1Weights).toEqual({ 产出指标: 50, 效益指标: 30, 满意度指标: 10 });
  });
  it('has contiguous qualitative bands covering 0–100% of the weight', () => {
    for (const p of listProfiles()) {
      const bands = [...p.qualitativeBands].sort((a, b) => a.min - b.min);
      expect(bands[0]?.min).toBe(0);
      expect(bands.at(-1)?.max).toBe(1);
      for (let i = 1; i < bands.length; i++) expect(bands[i]?.min).toBe(bands[i - 1]?.max);
    }
    expect(getProfile('hubei-2020')?.qualitativeBands.find((b) => b.grade === '部分达成')?.min).toBe(0.5);
    expect(getProfile('national-2020')?.qualitativeBands.find((b) => b.grade === '部分达成')?.min).toBe(0.6);
  });
  it('resolves the requested profile, else the named one, else national; never an unknown one', () => {
    expect(resolveProfile('sichuan-2023', 'hubei-2020')).toMatchObject({ profile: { id: 'sichuan-2023' } });
    expect(resolveProfile(undefined, 'hubei-2020')).toMatchObject({ profile: { id: 'hubei-2020' } });
    expect(resolveProfile(undefined, null)).toMatchObject({ profile: { id: 'national-2020' } });
    expect(resolveProfile('x', null)).toEqual({
      error: '未知的评分规则“x”，可用：hubei-2020、national-2020、sichuan-2023。',
    });
  });
  it('validates a region’s own profile file and says what is wrong', () => {
    const ok = parseProfile({ ...getProfile('national-2020'), id: 'zhejiang-2024', budgetWeight: 15 });
    expect(ok.ok).toBe(true);
    const bad = parseProfile({ ...getProfile('national-2020'), id: 'Bad Id', overshootThreshold: 0.5 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.message).toContain('id');
      expect(bad.message).toContain('overshootThreshold');
    }
  });
});
