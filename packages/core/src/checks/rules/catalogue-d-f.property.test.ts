/**
 * The rules of classes D–F never fail on what forms contain: any mix of blank, odd and
 * misfiled labels, names, values, weights, and any history (same year, later year, no year,
 * other kind) gives well-formed findings and never a `rule-failed`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { listProfiles } from '../../profiles/registry.ts';
import { check } from '../check.ts';
import { RULES_D_TO_F } from './catalogue-d-f.ts';

const RAW = [
  '',
  '/',
  '0',
  '≥12次',
  '19次',
  '100%',
  '120%',
  '93.6%',
  '=100%',
  '≤45万元',
  '15亿元',
  '19.57亿',
  '1个',
  '90%-95%',
  '部门职工认可度≥90%',
  '满意度≥105%',
  '未发生',
  '12月底前完成',
  '-3',
  '100',
];
const NAMES = [
  '',
  ' ',
  '★补助鱼塘面积(亩)',
  '指标1:培训次数',
  '培训次数',
  '满意度(%)',
  '园区职工满意度',
  '纳税百万以上企业合计纳税',
  '本年新增园区固定资产总投资',
  '招商政策宣传知晓率',
  '满意度调查次数',
  '1、培训次数',
];
const LEVEL1 = [
  null,
  '',
  '产出指标',
  '成本指标',
  '效益指标',
  '满意度指标',
  '满意度',
  '(50分)',
  '数量指标',
  '工作目标',
];
const LEVEL2 = [
  null,
  '',
  '数量指标',
  '质量指标',
  '成本指标',
  '经济成本指标',
  '社会效益指标',
  '公共安全目标',
  '社会公众或服务对象满意度指标',
  '产出指标',
  '(10分)',
];
const TEXTS = [null, '', '无', '基本完成年度预算绩效目标', '培训次数超额因上级增派任务。'];
const amount = fc.option(fc.constantFrom(-5, 0, 0.5, 3, 10, 20, 80, 100, 390.76), { nil: null });

const indicator = fc.record({
  goal: fc.constantFrom(null, 'G1', 'G2'),
  level1: fc.constantFrom(...LEVEL1),
  level2: fc.constantFrom(...LEVEL2),
  name: fc.constantFrom(...NAMES),
  target: fc.record({ raw: fc.constantFrom(...RAW) }),
  actual: fc.record({ raw: fc.constantFrom(...RAW) }),
  weight: amount,
  score: amount,
  deviation: fc.constantFrom(...TEXTS),
  applicable: fc.constantFrom(undefined, true, false),
});

const form = fc.record({
  kind: fc.constantFrom('department', 'project'),
  year: fc.constantFrom(null, 2021, 2022, 2023),
  budget: fc.record({
    moneyUnit: fc.constantFrom('万元', '元', '千美元'),
    basicTotal: amount,
    projectTotal: amount,
    planned: amount,
    executed: amount,
  }),
  goals: fc.constant([
    { id: 'G1', text: '目标一' },
    { id: 'G2', text: '目标二', outcome: '完成' },
  ]),
  indicators: fc.array(indicator, { maxLength: 8 }),
  deviationAnalysis: fc.constantFrom(...TEXTS),
  improvementPlan: fc.constantFrom(...TEXTS),
});

function valid(json: unknown): Evaluation {
  const v = validate(json);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.evaluation;
}

describe('classes D–F on arbitrary forms and histories', () => {
  it('never fail, and every finding is well-formed and points into the form', () => {
    const profiles = listProfiles();
    const codes = new Set(RULES_D_TO_F.map((r) => r.code));
    fc.assert(
      fc.property(form, fc.array(form, { maxLength: 3 }), fc.nat(profiles.length - 1), (now, past, p) => {
        const ev = valid(now);
        const history = past.map(valid);
        const findings = check(ev, profiles[p]!, history, { rules: RULES_D_TO_F });
        expect(findings.filter((f) => f.code === 'rule-failed')).toEqual([]);
        for (const f of findings) {
          if (!codes.has(f.code)) continue;
          expect(f.message).toMatch(/[\u4e00-\u9fff]/);
          expect(f.message).not.toMatch(/undefined|NaN|null/);
          const m = /^indicators\[(\d+)\]/.exec(f.path);
          if (m) expect(Number(m[1])).toBeLessThan(ev.indicators.length);
          else
            expect(['', 'indicators', 'deviationAnalysis', 'budget.basicTotal', 'budget.planned']).toContain(
              f.path,
            );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('find nothing from history that is not earlier than the form', () => {
    fc.assert(
      fc.property(form, form, (now, other) => {
        const ev = valid({ ...now, year: 2022 });
        const later = valid({ ...other, year: 2022 + (other.year === null ? 0 : 1) });
        const found = check(ev, listProfiles()[0]!, [later], { rules: RULES_D_TO_F });
        expect(found.filter((f) => f.class === 'history' && f.code !== 'history-unavailable')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
