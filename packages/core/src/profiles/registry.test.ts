import { describe, expect, it } from 'vitest';
import checkDefaults from './data/check-defaults.json' with { type: 'json' };
import { CHECK_DEFAULTS, getProfile, listProfiles, parseProfile, resolveProfile } from './registry.ts';
import { checkSettingsSchema } from './schema.ts';

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
  it('loads every profile over the shared check defaults, the profile’s own values winning', () => {
    expect(checkSettingsSchema.safeParse(checkDefaults).success).toBe(true);
    for (const p of listProfiles()) {
      expect(p.checks.thresholds).toEqual(CHECK_DEFAULTS.thresholds);
      expect(p.checks.boilerplate).toEqual(CHECK_DEFAULTS.boilerplate);
      expect(p.checks.layouts['hubei-department']?.narrativeFooter).toEqual([
        'deviationAnalysis',
        'improvementPlan',
      ]);
      expect(p.checks.layouts['sichuan-2023']?.narrativeFooter).toEqual(['improvementPlan']);
    }
    const national = getProfile('national-2020');
    const local = parseProfile({
      ...national,
      id: 'zhejiang-2024',
      checks: {
        thresholds: { targetSetLow: 3 },
        boilerplate: ['强化绩效意识', '无'],
        layouts: {
          'sichuan-2023': { narrativeFooter: [] },
          'zhejiang-project': { narrativeFooter: ['improvementPlan'] },
        },
        rules: { 'unit-missing': { enabled: false } },
      },
    });
    if (!local.ok) throw new Error(local.message);
    const checks = local.profile.checks;
    expect(checks.thresholds).toEqual({ ...CHECK_DEFAULTS.thresholds, targetSetLow: 3 });
    expect(checks.boilerplate).toEqual([...CHECK_DEFAULTS.boilerplate, '强化绩效意识']);
    expect(checks.layouts['sichuan-2023']?.narrativeFooter).toEqual([]);
    expect(checks.layouts['zhejiang-project']?.narrativeFooter).toEqual(['improvementPlan']);
    expect(checks.layouts['hubei-project']?.narrativeFooter).toEqual([
      'deviationAnalysis',
      'improvementPlan',
    ]);
    expect(checks.rules['unit-missing']).toEqual({ enabled: false });
    // A loaded profile given back as data loads to the same profile.
    const again = parseProfile(local.profile);
    expect(again.ok && again.profile).toEqual(local.profile);
  });
  it('refuses a layout setting that names no narrative cell', () => {
    const bad = parseProfile({
      ...getProfile('national-2020'),
      checks: { layouts: { 'national-project': { narrativeFooter: ['conclusion'] } } },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('narrativeFooter');
  });
});
