/**
 * The rules never fail on what forms contain: any mix of blanks, odd values, zero and negative
 * amounts, missing weights, stray text, blank, odd and misfiled labels, and any history (same
 * year, later year, no year, other kind) gives findings, never a `rule-failed`, and every finding
 * is well-formed. Each half of the catalogue gets forms aimed at what its rules read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../model/validate.ts';
import { listProfiles } from '../../profiles/registry.ts';
import { check } from '../check.ts';
import { evaluationOf, RULES_A_TO_C, RULES_D_TO_F } from './testkit.ts';

/** What the cells of a generated indicator row are drawn from. */
interface Pool {
  level1: (string | null)[];
  level2: (string | null)[];
  names: string[];
  raw: string[];
  texts: (string | null)[];
  amount: fc.Arbitrary<number | null>;
}

/** The fields of an indicator row whose cells come from `pool`. */
function indicatorFields(pool: Pool) {
  return {
    goal: fc.constantFrom(null, 'G1', 'G2'),
    level1: fc.constantFrom(...pool.level1),
    level2: fc.constantFrom(...pool.level2),
    name: fc.constantFrom(...pool.names),
    target: fc.record({ raw: fc.constantFrom(...pool.raw) }),
    actual: fc.record({ raw: fc.constantFrom(...pool.raw) }),
    weight: pool.amount,
    score: pool.amount,
    deviation: fc.constantFrom(...pool.texts),
    applicable: fc.constantFrom(undefined, true, false),
  };
}

describe('the A–C rules on arbitrary forms', () => {
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
    ...indicatorFields({
      level1: [null, '产出指标', '成本指标', '效益指标', '满意度指标', '(50分)'],
      level2: [null, '数量指标', '经济成本指标', '质量指标', '公共安全目标'],
      names: NAMES,
      raw: RAW,
      texts: TEXTS,
      amount,
    }),
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

describe('classes D–F on arbitrary forms and histories', () => {
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

  const indicator = fc.record(
    indicatorFields({ level1: LEVEL1, level2: LEVEL2, names: NAMES, raw: RAW, texts: TEXTS, amount }),
  );

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

  it('never fail, and every finding is well-formed and points into the form', () => {
    const profiles = listProfiles();
    const codes = new Set(RULES_D_TO_F.map((r) => r.code));
    fc.assert(
      fc.property(form, fc.array(form, { maxLength: 3 }), fc.nat(profiles.length - 1), (now, past, p) => {
        const ev = evaluationOf(now);
        const history = past.map(evaluationOf);
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
        const ev = evaluationOf({ ...now, year: 2022 });
        const later = evaluationOf({ ...other, year: 2022 + (other.year === null ? 0 : 1) });
        const found = check(ev, listProfiles()[0]!, [later], { rules: RULES_D_TO_F });
        expect(found.filter((f) => f.class === 'history' && f.code !== 'history-unavailable')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
