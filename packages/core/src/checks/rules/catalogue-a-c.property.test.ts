/**
 * The rules never fail on what forms contain: any mix of blanks, odd values, zero and negative
 * amounts, missing weights and stray text gives findings, never a `rule-failed`, and every
 * finding is well-formed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../model/validate.ts';
import { listProfiles } from '../../profiles/registry.ts';
import { check } from '../check.ts';
import { RULES_A_TO_C } from './catalogue-a-c.ts';

const RAW = [
  '',
  '/',
  '0',
  '≥0次',
  '≥12次',
  '100%',
  '=0',
  '≤5%',
  '<0',
  '90%-95%',
  '1个',
  '3次',
  '5亿',
  '109.79亿',
  '15000万元',
  '部门职工认可度≥90%',
  '回应率100%',
  '园区民营企业提出困难需求',
  '未发生',
  '12月底前完成',
  '达标',
  '-3',
];
const NAMES = ['', '★补助鱼塘面积(亩)', '年度资金支付完成率100%', '满意度(%)', '指标1:培训次数', '≥90%'];
const TEXTS = [
  null,
  '',
  '0',
  '无',
  '基本完成年度预算绩效目标',
  '结合自评情况。(200字以内)',
  '资金结余，培训次数超额。',
];
const amount = fc.option(fc.constantFrom(-5, 0, 0.1, 1, 8.62, 20, 100, 390.76), { nil: null });

const indicator = fc.record({
  goal: fc.constantFrom(null, 'G1', 'G2'),
  level1: fc.constantFrom(null, '产出指标', '成本指标', '效益指标', '满意度指标', '(50分)'),
  level2: fc.constantFrom(null, '数量指标', '经济成本指标', '质量指标', '公共安全目标'),
  name: fc.constantFrom(...NAMES),
  target: fc.record({ raw: fc.constantFrom(...RAW) }),
  actual: fc.record({ raw: fc.constantFrom(...RAW) }),
  weight: amount,
  score: amount,
  deviation: fc.constantFrom(...TEXTS),
  applicable: fc.constantFrom(undefined, true, false),
  grade: fc.constantFrom(undefined, null, '达成', '部分达成', '未达成'),
});

const form = fc.record({
  kind: fc.constantFrom('department', 'project'),
  year: fc.constantFrom(null, 2023),
  unit: fc.constantFrom(null, '', '某局'),
  goals: fc.constantFrom([], [{ text: '43.2' }], [{ text: '目标一' }, { text: '目标二' }]),
  indicators: fc.array(indicator, { maxLength: 8 }),
  budget: fc.record({
    planned: amount,
    executed: amount,
    rate: fc.option(fc.constantFrom(0, 0.1, 0.86, 1, 1.2), { nil: null }),
    weight: amount,
    score: amount,
    lines: fc.array(
      fc.record({ label: fc.constantFrom('财政拨款', '合计', ''), planned: amount, executed: amount }),
      {
        maxLength: 3,
      },
    ),
  }),
  totalReported: amount,
  grade: fc.constantFrom(null, '', '优', '良好', 'A'),
  deviationAnalysis: fc.constantFrom(...TEXTS),
  improvementPlan: fc.constantFrom(...TEXTS),
});

describe('the A–C rules on arbitrary forms', () => {
  it('never fail and always give well-formed findings', () => {
    const profiles = listProfiles();
    fc.assert(
      fc.property(form, fc.constantFrom(...profiles), (input, profile) => {
        // Goal references that do not exist are refused by validate; point them at real goals.
        const goals = input.goals.map((_, i) => `G${i + 1}`);
        const indicators = input.indicators.map((i) => ({
          ...i,
          goal: i.goal !== null && goals.includes(i.goal) ? i.goal : null,
        }));
        const v = validate({ ...input, indicators });
        if (!v.ok) return;
        for (const f of check(v.evaluation, profile, [], { rules: RULES_A_TO_C })) {
          expect(f.code).not.toBe('rule-failed');
          expect(f.message).toMatch(/[\u4e00-\u9fff]/);
          expect(f.message).not.toMatch(/undefined|NaN|null|\[object/);
          expect(['error', 'warning', 'info']).toContain(f.severity);
        }
      }),
      { numRuns: 400 },
    );
  });
});
