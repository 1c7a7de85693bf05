/**
 * Classes D–F over every shared sample form, with what a reviewer reading the form (and its
 * `notes`) would flag. A new sample without expectations here fails the test on purpose.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../test-support/samples.ts';
import { validate } from '../model/validate.ts';
import { getProfile } from '../profiles/registry.ts';
import { check } from './check.ts';
import { RULES_D_TO_F } from './rules/catalogue-d-f.ts';

const codes = new Set(RULES_D_TO_F.map((r) => r.code));

/** The profile each sample is scored by: its own, else the template it follows. */
const PROFILES: Record<string, string> = {
  'anhui-project-2022': 'national-2020',
  'anhui-project-2023-core-rows': 'national-2020',
  'hebei-project-2019-paragraphs': 'national-2020',
  'hubei-project-2021-cell-per-line': 'national-2020',
  'seed-hubei-dept-2023': 'hubei-2020',
  'sichuan-510000-template-2023': 'sichuan-2023',
  // 预算执行情况(20分) + 年度绩效目标1(80分): the Hubei template, though the form is from Yunnan
  'yunnan-project-2019': 'hubei-2020',
};

/** `code path` of each finding a reviewer agrees with. */
const EXPECTED: Record<string, string[]> = {
  // Every indicator 10 of 10, four without any target or actual, and not a word of analysis.
  'anhui-project-2022': ['all-full-marks-no-narrative deviationAnalysis'],
  // All seven visible indicators at full marks with no narrative; the text breaks off before the
  // satisfaction row and the footer, so a narrative may exist on the paper form: still worth asking.
  'anhui-project-2023-core-rows': ['all-full-marks-no-narrative deviationAnalysis'],
  // Standard labels throughout; 工程资金金额 under 产出 is the project's own money (资金 is no
  // economic effect), 学生满意度 100 is a single rate; the 9 against weight 10 rules out all-full-marks.
  'hebei-project-2019-paragraphs': [],
  // 市民中心运行维护费 150万 sits under 产出/成本指标, where money belongs before 2021.
  'hubei-project-2021-cell-per-line': [],
  'seed-hubei-dept-2023': [
    'level2-wrong-parent indicators[7].level2',
    'level2-wrong-parent indicators[8].level2',
    'level2-wrong-parent indicators[9].level2',
    'money-in-wrong-level1 indicators[10].level1',
    'money-in-wrong-level1 indicators[11].level1',
    'satisfaction-outside-satisfaction indicators[16].level1',
    'level2-non-standard indicators[17].level2',
    'basic-spending-zero budget.basicTotal',
  ],
  // A template with weights and no scores yet: nothing is misfiled, nothing is at full marks.
  'sichuan-510000-template-2023': [],
  // 满意度(%) 90 → 100 is plausible; 产值 and 增收 sit under 效益/经济效益指标, where they belong.
  // Its real problem (scores above their weights) needs weights the form does not give.
  'yunnan-project-2019': [],
};

describe('classes D–F on the shared samples', () => {
  const samples = loadSamples();

  it('cover every sample', () => {
    expect(samples.map((s) => s.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const sample of samples) {
    it(`${sample.name}: what a reviewer would flag`, () => {
      const v = validate(sample.expected);
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      const profile = getProfile(PROFILES[sample.name] ?? 'national-2020')!;
      const all = check(v.evaluation, profile, [], { rules: RULES_D_TO_F });
      expect(all.filter((f) => f.code === 'rule-failed')).toEqual([]);
      const mine = all.filter((f) => codes.has(f.code)).map((f) => `${f.code} ${f.path}`);
      expect(mine.sort()).toEqual([...(EXPECTED[sample.name] ?? ['(no expectations)'])].sort());
    });
  }

  it('against itself as last year, each sample with three or more indicators looks copied', () => {
    for (const sample of samples) {
      const v = validate(sample.expected);
      if (!v.ok) throw new Error(sample.name);
      const now = { ...v.evaluation, year: 2024 };
      const last = { ...v.evaluation, year: 2023 };
      const all = check(now, getProfile('national-2020')!, [last], { rules: RULES_D_TO_F });
      const formLevel = all.filter((f) => f.code === 'copied-from-last-year' && f.path === 'indicators');
      expect(formLevel.length, sample.name).toBe(now.indicators.length >= 3 ? 1 : 0);
      expect(
        all.filter((f) => f.code === 'indicator-disappeared' || f.code === 'budget-sharp-change'),
      ).toEqual([]);
    }
  });
});
