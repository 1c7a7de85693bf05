import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { allFullMarksNoNarrative as rule } from './all-full-marks-no-narrative.ts';
import { CLEAN, type Edit, edited, rowAt, run as runRule } from './testkit.ts';

const run = (edit: Edit) => runRule(rule, edited(CLEAN, edit));
/** Every row at full marks and every narrative field blank. */
function perfectAndSilent(j: EvaluationInput) {
  const row = rowAt(j, 2);
  Object.assign(row, { actual: { raw: '96%' }, score: 10, deviation: null });
  j.deviationAnalysis = null;
  j.improvementPlan = '';
  j.goals![0]!.outcome = null;
}

describe('all-full-marks-no-narrative', () => {
  it('finds nothing on the clean fixture (one score below its weight, and narrative given)', () => {
    expect(run(() => {}).filter((f) => f.code === rule.code)).toEqual([]);
  });

  it('warns when every indicator has full marks and nothing is explained', () => {
    const found = run(perfectAndSilent).filter((f) => f.code === rule.code);
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'deviationAnalysis',
        message:
          '全部7个指标均为满分（指标得分合计90分），但偏差分析、改进措施、目标完成情况和各指标均无任何说明；满分自评应说明完成情况和佐证依据。',
      }),
    ]);
  });

  it('counts stock phrases and placeholders as no narrative', () => {
    const found = run((j) => {
      perfectAndSilent(j);
      j.deviationAnalysis = '基本完成年度预算绩效目标。';
      j.improvementPlan = '无';
      j.indicators![0]!.deviation = '/';
    }).filter((f) => f.code === rule.code);
    expect(found).toHaveLength(1);
  });

  it('judges narrative as the completeness rules do: numbers, template instructions and filler are none', () => {
    const found = run((j) => {
      perfectAndSilent(j);
      j.deviationAnalysis = '已基本完成年度预算绩效目标。';
      j.improvementPlan = '针对问题提出改进措施。(200字以内)';
      rowAt(j, 0).deviation = '0';
      j.goals![0]!.outcome = '43.2';
    }).filter((f) => f.code === rule.code);
    expect(found).toHaveLength(1);
  });

  it.each([
    [
      'the deviation analysis',
      (j: EvaluationInput) => (j.deviationAnalysis = '12处工程全部按期完工并通过验收，见验收报告。'),
    ],
    ['an indicator note', (j: EvaluationInput) => (j.indicators![1]!.deviation = '验收报告编号2023-015')],
    ['the goal outcome', (j: EvaluationInput) => (j.goals![0]!.outcome = '完成12处集中供水工程改造。')],
  ])('is satisfied by %s', (_, explain) => {
    expect(
      run((j) => {
        perfectAndSilent(j);
        explain(j);
      }).filter((f) => f.code === rule.code),
    ).toEqual([]);
  });

  it('is silent when one score is below its weight', () => {
    const found = run((j) => {
      perfectAndSilent(j);
      j.indicators![0]!.score = 19;
    }).filter((f) => f.code === rule.code);
    expect(found).toEqual([]);
  });

  it('is skipped, not guessed, when the form has no weights', () => {
    const all = run((j) => {
      perfectAndSilent(j);
      for (const i of j.indicators!) i.weight = null;
    });
    expect(all.filter((f) => f.code === rule.code)).toEqual([]);
    expect(all.find((f) => f.code === 'weights-unknown')?.message).toContain(rule.title);
  });
});
