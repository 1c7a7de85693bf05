/**
 * The catalogue over every shared sample form, with what a reviewer reading the form (and its
 * `notes`) would flag. A new sample without expectations here fails the test on purpose.
 *
 * The expected files leave out what they do not judge; two samples print footer text that bears
 * on the rules of classes A–C, so it is taken from the form itself (see FOOTERS) rather than read
 * as blank.
 */
import { describe, expect, it } from 'vitest';
import { loadSamples, type Sample } from '../../../../test-support/samples.ts';
import type { Profile } from '../profiles/schema.ts';
import { check } from './check.ts';
import { evaluationOf, profile, RULES_A_TO_C, RULES_D_TO_F } from './rules/testkit.ts';

const codesAtoC = new Set(RULES_A_TO_C.map((r) => r.code));
const codesDtoF = new Set(RULES_D_TO_F.map((r) => r.code));

/** The profile each sample is scored by: its own, else the template it follows. */
const PROFILES: Record<string, string> = {
  'anhui-project-2022': 'national-2020',
  'anhui-project-2023-core-rows': 'national-2020',
  'hebei-project-2019-paragraphs': 'national-2020',
  // a national-style project template (分值/得分, budget line worth 10), though from Hubei
  'hubei-project-2021-cell-per-line': 'national-2020',
  'seed-hubei-dept-2023': 'hubei-2020',
  'sichuan-510000-template-2023': 'sichuan-2023',
  // 预算执行情况(20分) + 年度绩效目标1(80分): the Hubei template, though the form is from Yunnan
  'yunnan-project-2019': 'hubei-2020',
};

function profileOf(sample: Sample): Profile {
  return profile(PROFILES[sample.name] ?? 'national-2020');
}

/** The cell printed on the line after a label line, in the one-cell-per-line `|` layouts. */
function cellAfter(text: string, label: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.replace(/[\s|]/g, '') === label);
  const next = i < 0 ? undefined : lines[i + 1];
  if (next === undefined) throw new Error(`label ${label} not found in the sample`);
  return next.split('|')[0]?.trim() ?? '';
}

/** Footer text the form prints but the expected file leaves unjudged. */
const FOOTERS: Record<string, (s: Sample) => Record<string, string>> = {
  // The analysis explains the low execution (资金结余，没有100%执行完毕) and the shortfall of
  // 新型农业经营主体; the improvement plan is there (cut off at the end of the page text).
  'yunnan-project-2019': (s) => ({
    deviationAnalysis: cellAfter(s.text, '偏差大或目标未完成原因分析'),
    improvementPlan: cellAfter(s.text, '改进措施及结果应用方案'),
  }),
  // The template's instructions were published in the footer cells instead of answers.
  'sichuan-510000-template-2023': (s) => ({
    conclusion: cellAfter(s.text, '评价结论'),
    problems: cellAfter(s.text, '存在问题'),
    improvementPlan: cellAfter(s.text, '改进措施'),
  }),
};

/** `code path` of each finding of classes A–C a reviewer agrees with. */
const EXPECTED_A_TO_C: Record<string, string[]> = {
  'anhui-project-2022': [
    // The budget row lacks its 执行率 cell (880 of 880 is 100%).
    'value-missing budget.rate',
    // Six indicators carry only weight and score: no target, no actual.
    'value-missing indicators[2]',
    'value-missing indicators[3]',
    'value-missing indicators[4]',
    'value-missing indicators[5]',
    'value-missing indicators[6]',
    'value-missing indicators[7]',
    // 年度资金支付完成率100%: the target is in the name, the target cell blank.
    'target-in-name indicators[3].name',
    // Bare 1 / 1 / 90%; the two counts have no unit at all.
    'target-no-operator indicators[0].target',
    'target-no-operator indicators[1].target',
    'target-no-operator indicators[8].target',
    'unit-missing indicators[0].target',
    'unit-missing indicators[1].target',
  ],
  'anhui-project-2023-core-rows': [
    // The text breaks off before 满意度 and 总分: the visible weights are 80 of 90 and no total is
    // given. True of what was published; the paper form may have both.
    'weights-sum-mismatch indicators',
    'score-missing totalReported',
    // 29.5亩, 3亩, 192只, 95%, 95%, 90人 without ≥ (≥11.376万元 has one).
    'target-no-operator indicators[0].target',
    'target-no-operator indicators[1].target',
    'target-no-operator indicators[2].target',
    'target-no-operator indicators[3].target',
    'target-no-operator indicators[4].target',
    'target-no-operator indicators[6].target',
  ],
  'hebei-project-2019-paragraphs': [
    // 37.24 / 43.2 = 86.2%: 10 × 86.2% = 8.62, scored 9; the 工程资金金额 row repeats the same.
    'budget-score-mismatch budget.score',
    'score-formula-mismatch indicators[0].score',
    // The goal cells hold only numbers (预期目标 43.2).
    'goal-missing goals[0].text',
    // The text ends before the 总分 row.
    'score-missing totalReported',
    // 工程资金金额 missed (37.24 of 43.2) with nothing in its 偏差原因 cell, and 86.2% < 90% unexplained.
    'deviation-missing indicators[0].deviation',
    'low-execution-unexplained budget.rate',
    // Every value is a bare unitless number ("100").
    ...[0, 1, 2, 3, 4, 5, 6, 7, 8].flatMap((i) => [
      `target-no-operator indicators[${i}].target`,
      `unit-missing indicators[${i}].target`,
    ]),
  ],
  'hubei-project-2021-cell-per-line': [
    // Budget line 分值 100 / 得分 98: the form's total and self-score typed into the budget cells.
    'budget-weight-mismatch budget.weight',
    'budget-score-mismatch budget.score',
    // Visible weights 70 (text cut in 社会效益指标); 产出 carries 60 with budget execution scored
    // again as an indicator (weight 20); 效益 shows 10 of its 30.
    'weights-sum-mismatch indicators',
    'weights-sum-mismatch indicators',
    'weights-sum-mismatch indicators',
    // 预算执行率 as an indicator: 83.5% of 100% on 20 points is 16.7, scored 18, with no reason.
    'score-formula-mismatch indicators[0].score',
    'deviation-missing indicators[0].deviation',
    'low-execution-unexplained budget.rate',
    'score-missing totalReported',
    // 100% ×5 and the cost 150万 (a cost is a ≤ target; scored as ≥ it is never missed).
    ...[0, 1, 2, 3, 4, 5].map((i) => `target-no-operator indicators[${i}].target`),
  ],
  'seed-hubei-dept-2023': [
    'total-mismatch totalReported',
    'target-not-a-value indicators[3].target',
    'target-in-name indicators[16].target',
    ...[1, 2, 5, 6, 7, 8, 9, 10, 11, 14, 15].map((i) => `target-no-operator indicators[${i}].target`),
    'overshoot-unexplained indicators[0].deviation',
    'overshoot-unexplained indicators[6].deviation',
    'overshoot-unexplained indicators[10].deviation',
    'overshoot-unexplained indicators[13].deviation',
    'narrative-missing improvementPlan',
    'narrative-boilerplate deviationAnalysis',
    'target-set-low indicators[13].target',
    'weights-unknown indicators',
  ],
  'sichuan-510000-template-2023': [
    // Published as a blank template: no actuals, no scores, no total, instructions for answers.
    'value-missing indicators[0].actual',
    'value-missing indicators[1].actual',
    'score-missing budget.score',
    'score-missing indicators',
    'score-missing totalReported',
    'narrative-missing improvementPlan',
  ],
  'yunnan-project-2019': [
    // 执行率 printed as 0.1 (10%) for 94 / 650 = 14.5%.
    'budget-rate-mismatch budget.rate',
    // No evaluation year stated, and no goal text (only 年度绩效目标1 (80分)).
    'header-missing year',
    'goal-missing goals',
    // 带动贫困户 4164 of 11442: the analysis speaks of 带动建档立卡户 without naming the row (info).
    'deviation-missing indicators[1].deviation',
    // 产值 12767.36 against 8000 (159.6%), and the analysis says nothing of it.
    'overshoot-unexplained indicators[2].deviation',
    ...[0, 1, 2, 3, 4].map((i) => `target-no-operator indicators[${i}].target`),
    // Scores above plausible weights cannot be judged: the form gives no weights.
    'weights-unknown indicators',
  ],
};

/** What the rules of classes A–C find on a sample, with its footer text, and the `weights-unknown` note. */
function findingsOf(sample: Sample) {
  const extra = FOOTERS[sample.name]?.(sample) ?? {};
  const ev = evaluationOf({ ...sample.expected, ...extra });
  return check(ev, profileOf(sample), [], { rules: RULES_A_TO_C }).filter(
    (f) => codesAtoC.has(f.code) || f.code === 'weights-unknown',
  );
}

describe('classes A–C on the shared samples', () => {
  const samples = loadSamples();

  it('cover every sample', () => {
    expect(samples.map((s) => s.name).sort()).toEqual(Object.keys(EXPECTED_A_TO_C).sort());
  });

  for (const sample of samples) {
    it(`find what a reviewer finds on ${sample.name}`, () => {
      const got = findingsOf(sample).map((f) => `${f.code} ${f.path}`);
      expect(got.sort()).toEqual([...(EXPECTED_A_TO_C[sample.name] ?? [])].sort());
    });
  }

  it('say why, with the figures, on the forms’ own gaps', () => {
    const byName = new Map(samples.map((s) => [s.name, findingsOf(s)]));
    const yunnan = byName.get('yunnan-project-2019') ?? [];
    expect(yunnan.find((f) => f.code === 'budget-rate-mismatch')?.message).toBe(
      '执行率填报 10%，按全年执行数 94 ÷ 全年预算数 650 计算应为 14.5%。',
    );
    // Its analysis explains the unspent money and the 新型农业经营主体 shortfall.
    expect(yunnan.some((f) => f.code === 'low-execution-unexplained')).toBe(false);
    expect(yunnan.find((f) => f.code === 'deviation-missing')?.severity).toBe('info');

    const ezhou = byName.get('hubei-project-2021-cell-per-line') ?? [];
    expect(ezhou.find((f) => f.code === 'budget-weight-mismatch')).toMatchObject({ severity: 'error' });
    expect(ezhou.find((f) => f.code === 'budget-score-mismatch')?.message).toContain('填报 98 分');
    expect(ezhou.filter((f) => f.code === 'weights-sum-mismatch').map((f) => f.severity)).toEqual([
      'error',
      'info',
      'info',
    ]);

    const sichuan = byName.get('sichuan-510000-template-2023') ?? [];
    expect(sichuan.find((f) => f.code === 'narrative-missing')?.message).toContain('只保留了模板的填写说明');

    const hebei = byName.get('hebei-project-2019-paragraphs') ?? [];
    expect(hebei.find((f) => f.code === 'budget-score-mismatch')?.message).toBe(
      '预算执行得分填报 9 分，按 10分 × 执行率 86.2% 计算应为 8.62 分，相差 0.38 分。',
    );
  });
});

/** `code path` of each finding of classes D–F a reviewer agrees with. */
const EXPECTED_D_TO_F: Record<string, string[]> = {
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
    expect(samples.map((s) => s.name).sort()).toEqual(Object.keys(EXPECTED_D_TO_F).sort());
  });

  for (const sample of samples) {
    it(`${sample.name}: what a reviewer would flag`, () => {
      const all = check(evaluationOf(sample.expected), profileOf(sample), [], { rules: RULES_D_TO_F });
      expect(all.filter((f) => f.code === 'rule-failed')).toEqual([]);
      const mine = all.filter((f) => codesDtoF.has(f.code)).map((f) => `${f.code} ${f.path}`);
      expect(mine.sort()).toEqual([...(EXPECTED_D_TO_F[sample.name] ?? ['(no expectations)'])].sort());
    });
  }

  it('against itself as last year, each sample with three or more indicators looks copied', () => {
    for (const sample of samples) {
      const ev = evaluationOf(sample.expected);
      const now = { ...ev, year: 2024 };
      const last = { ...ev, year: 2023 };
      const all = check(now, profile(), [last], { rules: RULES_D_TO_F });
      const formLevel = all.filter((f) => f.code === 'copied-from-last-year' && f.path === 'indicators');
      expect(formLevel.length, sample.name).toBe(now.indicators.length >= 3 ? 1 : 0);
      expect(
        all.filter((f) => f.code === 'indicator-disappeared' || f.code === 'budget-sharp-change'),
      ).toEqual([]);
    }
  });
});
