import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evaluation, Indicator, Value, ValueOp } from '../model/evaluation.ts';
import { validate } from '../model/validate.ts';
import { getProfile } from '../profiles/registry.ts';
import type { Profile } from '../profiles/schema.ts';
import { withinBand } from './indicator.ts';
import { gradeFor, score } from './score.ts';

const national = getProfile('national-2020')!;
const hubei = getProfile('hubei-2020')!;
const linear: Profile = {
  ...national,
  id: 'linear-test',
  formulas: { ...national.formulas, reverse: 'linear' },
};
const allOrNothing: Profile = {
  ...national,
  id: 'aon-test',
  formulas: { ...national.formulas, equalMissed: 'all-or-nothing' },
};

/** A value spelled out, so these tests depend on the formulas alone and not on the parser. */
function v(raw: string, op: ValueOp | null, value: number | null, unit: string | null): Value {
  return {
    raw,
    op,
    value,
    unit,
    kind: value === null ? (raw === '' ? 'empty' : 'qualitative') : 'quantitative',
  };
}

function ind(
  target: Value,
  actual: Value,
  weight: number | null,
  reported: number | null = null,
  extra: Partial<Indicator> = {},
): Indicator {
  return {
    goal: null,
    level1: '产出指标',
    level2: '数量指标',
    name: `指标 ${target.raw}/${actual.raw}`,
    target,
    actual,
    weight,
    score: reported,
    deviation: null,
    ...extra,
  };
}

function form(
  indicators: Indicator[],
  budget: Partial<Evaluation['budget']> = {},
  rest: Partial<Evaluation> = {},
): Evaluation {
  return {
    kind: 'project',
    year: 2023,
    unit: '测试单位',
    department: null,
    project: '测试项目',
    profile: 'national-2020',
    filledOn: null,
    budget: {
      moneyUnit: '万元',
      initial: null,
      planned: 100,
      executed: 100,
      rate: 1,
      weight: 10,
      score: 10,
      lines: [],
      ...budget,
    },
    goals: [],
    indicators,
    totalReported: null,
    grade: null,
    deviationAnalysis: null,
    improvementPlan: null,
    ...rest,
  };
}

/** The computed score of a single indicator under a profile. */
function one(target: Value, actual: Value, weight: number | null, profile: Profile = national) {
  return score(form([ind(target, actual, weight)]), profile).indicators[0]!;
}

describe('budget score', () => {
  it('gives the seed its 20 points: 390.76 of 390.76 executed under hubei-2020', () => {
    const r = score(form([], { planned: 390.76, executed: 390.76, rate: 1, weight: 20, score: 20 }), hubei);
    expect(r.budget.rate.computed).toBe(1);
    expect(r.budget.score.computed).toBe(20);
    expect(r.differences).toEqual([]);
  });
  it('scores weight × rate, half-up to two places', () => {
    const r = score(form([], { planned: 650, executed: 94, rate: 0.1446, weight: 20, score: 2.89 }), hubei);
    // 94 / 650 = 0.144615…; 20 × that = 2.8923… → 2.89
    expect(r.budget.score.computed).toBe(2.89);
    expect(r.budget.rate.computed).toBeCloseTo(0.144615, 6);
    expect(r.differences).toEqual([]);
  });
  it('accepts a score printed with fewer decimals (2.9 for 2.89) but not a whole-number rounding', () => {
    const ok = score(form([], { planned: 650, executed: 94, rate: null, weight: 20, score: 2.9 }), hubei);
    expect(ok.differences.map((d) => d.what)).toEqual([]);
    const off = score(form([], { planned: 650, executed: 94, rate: null, weight: 20, score: 3 }), hubei);
    expect(off.differences.map((d) => d.what)).toEqual(['budget-score']);
  });
  it('caps the rate at 100% for the score', () => {
    const r = score(form([], { planned: 100, executed: 120, rate: 1.2, score: 10 }), national);
    expect(r.budget.rate.computed).toBe(1.2);
    expect(r.budget.score.computed).toBe(10);
  });
  it('cannot compute a rate when A = 0 or B is missing, and says so', () => {
    const zero = score(form([], { planned: 0, executed: 5, rate: null, score: null }), national);
    expect(zero.budget.rate.computed).toBeNull();
    expect(zero.budget.score.computed).toBeNull();
    expect(zero.budget.explanation).toContain('无法计算执行率');
    const missing = score(form([], { planned: 100, executed: null, rate: null, score: null }), national);
    expect(missing.budget.score.computed).toBeNull();
    expect(missing.budget.explanation).toContain('全年执行数未填写');
  });
  it('gives 0 when nothing was executed (B = 0)', () => {
    const r = score(form([], { planned: 100, executed: 0, rate: 0, score: 0 }), national);
    expect(r.budget.rate.computed).toBe(0);
    expect(r.budget.score.computed).toBe(0);
  });
  it('flags a reported rate that differs from B/A, and a weight that differs from the profile', () => {
    const r = score(
      form([], { planned: 150, executed: 125.25, rate: 0.9, weight: 100, score: 98 }),
      national,
    );
    const what = r.differences.map((d) => d.what);
    expect(what).toContain('rate');
    expect(what).toContain('budget-score');
    expect(what).toContain('budget-weight');
    expect(r.budget.rate.computed).toBe(0.835);
    expect(r.budget.score.computed).toBe(8.35);
  });
});

describe('indicator formulas', () => {
  it('positive met: full marks, with the ratio and the overshoot', () => {
    const s = one(v('≥12次', '>=', 12, '次'), v('19次', null, 19, '次'), 10);
    expect(s.computed).toBe(10);
    expect(s.status).toBe('scored');
    expect(s.met).toBe(true);
    expect(s.ratio).toBeCloseTo(1.583333, 6);
    expect(s.overshoot).toBe(true);
    expect(s.explanation).toContain('正向指标：实际 19次 ≥ 目标 12次');
    expect(s.explanation).toContain('达成');
  });
  it('positive missed: w × B/A', () => {
    const s = one(v('≥15个', '>=', 15, '个'), v('6个', null, 6, '个'), 10);
    expect(s.computed).toBe(4);
    expect(s.met).toBe(false);
    expect(s.overshoot).toBe(false);
  });
  it('a strict > target reached exactly is not met, and scores its ratio', () => {
    const s = one(v('>95%', '>', 95, '%'), v('95%', null, 95, '%'), 10);
    expect(s.met).toBe(false);
    expect(s.computed).toBe(10);
  });
  it('a target with no operator is scored as ≥ and the assumption is recorded', () => {
    const s = one(v('1个', null, 1, '个'), v('1个', null, 1, '个'), 5);
    expect(s.computed).toBe(5);
    expect(s.directionAssumed).toBe(true);
    expect(s.explanation).toContain('按“≥”计');
  });
  it('overshoot starts exactly at the threshold (130%)', () => {
    expect(one(v('≥10', '>=', 10, null), v('13', null, 13, null), 5).overshoot).toBe(true);
    expect(one(v('≥10', '>=', 10, null), v('12.99', null, 12.99, null), 5).overshoot).toBe(false);
  });
  it('reverse ratio: w × A/B when missed, full when met', () => {
    expect(one(v('≤5%', '<=', 5, '%'), v('8%', null, 8, '%'), 10).computed).toBe(6.25);
    expect(one(v('≤5%', '<=', 5, '%'), v('3%', null, 3, '%'), 10).computed).toBe(10);
    expect(one(v('≤5%', '<=', 5, '%'), v('0%', null, 0, '%'), 10).computed).toBe(10);
  });
  it('reverse linear: w × max(0, 1 − (B−A)/A)', () => {
    expect(one(v('≤5%', '<=', 5, '%'), v('8%', null, 8, '%'), 10, linear).computed).toBe(4);
    expect(one(v('≤5%', '<=', 5, '%'), v('11%', null, 11, '%'), 10, linear).computed).toBe(0);
  });
  it('reverse with target 0: full only when B ≤ 0', () => {
    expect(one(v('≤0起', '<=', 0, '起'), v('0起', null, 0, '起'), 10).computed).toBe(10);
    expect(one(v('≤0起', '<=', 0, '起'), v('1起', null, 1, '起'), 10).computed).toBe(0);
  });
  it('= target: full when met; proportional or nothing when missed, as the profile says', () => {
    expect(one(v('=100%', '=', 100, '%'), v('100%', null, 100, '%'), 10).computed).toBe(10);
    expect(one(v('=100%', '=', 100, '%'), v('98%', null, 98, '%'), 10).computed).toBe(9.8);
    expect(one(v('=100%', '=', 100, '%'), v('98%', null, 98, '%'), 10, allOrNothing).computed).toBe(0);
  });
  it('= target 0: full only when B ≤ 0', () => {
    expect(one(v('=0', '=', 0, null), v('0', null, 0, null), 10).computed).toBe(10);
    expect(one(v('=0', '=', 0, null), v('2', null, 2, null), 10).computed).toBe(0);
    expect(one(v('=0', '=', 0, null), v('2', null, 2, null), 10).formula).toBe('equal-zero');
  });
  it('positive with target 0 or below is met or not, never divided by zero', () => {
    expect(one(v('≥0', '>=', 0, null), v('3', null, 3, null), 10).computed).toBe(10);
    expect(one(v('≥-5%', '>=', -5, '%'), v('-3%', null, -3, '%'), 10).computed).toBe(10);
    expect(one(v('≥-5%', '>=', -5, '%'), v('-8%', null, -8, '%'), 10).computed).toBe(0);
  });
  it('a negative actual against a positive target scores 0, not below', () => {
    expect(one(v('≥10', '>=', 10, null), v('-2', null, -2, null), 10).computed).toBe(0);
  });
  it('ranges: full inside, proportional outside', () => {
    const range = { ...v('90%-95%', '>=', 90, '%'), upper: 95 };
    expect(one(range, v('93%', null, 93, '%'), 10).computed).toBe(10);
    expect(one(range, v('81%', null, 81, '%'), 10).computed).toBe(9);
    expect(one(range, v('100%', null, 100, '%'), 10).computed).toBe(9.5);
  });
  it('converts magnitudes: 亿 vs 亿元, 万元 vs 亿元, 元 vs 万元', () => {
    expect(one(v('≥5亿', '>=', 5, '亿'), v('5.9亿元', null, 5.9, '亿元'), 10).computed).toBe(10);
    expect(one(v('100亿元', null, 100, '亿元'), v('109.79亿', null, 109.79, '亿'), 10).met).toBe(true);
    expect(one(v('≥1.5亿元', '>=', 1.5, '亿元'), v('12000万元', null, 12000, '万元'), 10).computed).toBe(8);
    // 500元 against 600元 (0.06万元): 500/600 = 0.8333… → 8.33
    expect(one(v('≤500元', '<=', 500, '元'), v('0.06万元', null, 0.06, '万元'), 10).computed).toBe(8.33);
  });
  it('refuses to compare units that differ in kind', () => {
    const s = one(v('≥3次', '>=', 3, '次'), v('3个', null, 3, '个'), 10);
    expect(s.status).toBe('unscorable');
    expect(s.computed).toBeNull();
    expect(s.explanation).toContain('不可比');
  });
  it('an empty actual or target cannot be scored and says which is missing', () => {
    const noActual = one(v('≥90%', '>=', 90, '%'), v('', null, null, null), 10);
    expect(noActual.status).toBe('unscorable');
    expect(noActual.explanation).toContain('未填实际完成值');
    const noTarget = one(v('', null, null, null), v('90%', null, 90, '%'), 10);
    expect(noTarget.explanation).toContain('未填目标值');
  });
  it('never exceeds the weight', () => {
    const s = one(v('≥1', '>=', 1, null), v('1000', null, 1000, null), 7.5);
    expect(s.computed).toBe(7.5);
  });
  it('an unknown weight is never invented: the indicator is unverifiable', () => {
    const s = one(v('≥12次', '>=', 12, '次'), v('19次', null, 19, '次'), null);
    expect(s.status).toBe('unverifiable');
    expect(s.computed).toBeNull();
    expect(s.effectiveWeight).toBeNull();
    expect(s.explanation).toContain('未填分值，无法核验得分');
  });
});

describe('qualitative indicators', () => {
  const q = (grade: '达成' | '部分达成' | '未达成', weight: number, reported: number, profile = national) =>
    score(
      form([
        ind(v('效果明显', null, null, null), v('达成预期', null, null, null), weight, reported, { grade }),
      ]),
      profile,
    ).indicators[0]!;

  it('gives the band of the chosen grade, as a share of the weight', () => {
    expect(q('达成', 10, 9).band).toEqual({ grade: '达成', min: 8, max: 10, maxInclusive: true });
    expect(q('部分达成', 10, 7).band).toEqual({ grade: '部分达成', min: 6, max: 8, maxInclusive: false });
    expect(q('部分达成', 10, 7, hubei).band).toEqual({
      grade: '部分达成',
      min: 5,
      max: 8,
      maxInclusive: false,
    });
    expect(q('未达成', 10, 0).band).toEqual({ grade: '未达成', min: 0, max: 6, maxInclusive: false });
  });
  it('band edges: lower bound in, upper bound out except for 达成', () => {
    const partial = q('部分达成', 10, 7).band!;
    expect(withinBand(6, partial)).toBe(true);
    expect(withinBand(5.99, partial)).toBe(false);
    expect(withinBand(7.99, partial)).toBe(true);
    expect(withinBand(8, partial)).toBe(false);
    const full = q('达成', 10, 10).band!;
    expect(withinBand(10, full)).toBe(true);
    expect(withinBand(8, full)).toBe(true);
    expect(withinBand(10.01, full)).toBe(false);
  });
  it('without a grade, the score is qualitative and unchecked, never computed', () => {
    const s = score(form([ind(v('效果明显', null, null, null), v('好', null, null, null), 10, 9)]), national)
      .indicators[0]!;
    expect(s.status).toBe('qualitative');
    expect(s.computed).toBeNull();
    expect(s.band).toBeNull();
  });
});

describe('totals, rescaling and grades', () => {
  it('rescales the weights of applicable indicators when one does not apply', () => {
    const inds = [
      ind(v('≥10', '>=', 10, null), v('10', null, 10, null), 30, 45),
      ind(v('≥10', '>=', 10, null), v('5', null, 5, null), 30, 22.5),
      ind(v('≥10', '>=', 10, null), v('', null, null, null), 30, null, { applicable: false }),
    ];
    const r = score(form(inds, {}, { totalReported: 77.5 }), national);
    expect(r.indicators.map((i) => i.effectiveWeight)).toEqual([45, 45, null]);
    expect(r.indicators.map((i) => i.computed)).toEqual([45, 22.5, null]);
    expect(r.indicators[2]!.status).toBe('not-applicable');
    expect(r.totals.computed).toBe(77.5);
    expect(r.totals.computedComplete).toBe(true);
    expect(r.differences).toEqual([]);
    expect(r.notes.join('')).toContain('按 90 ÷ 60 的比例放大');
  });
  it('maps totals to grades at the band edges', () => {
    expect(gradeFor(90, national)).toBe('优');
    expect(gradeFor(89.99, national)).toBe('良');
    expect(gradeFor(80, national)).toBe('良');
    expect(gradeFor(79.99, national)).toBe('中');
    expect(gradeFor(60, national)).toBe('中');
    expect(gradeFor(59.99, national)).toBe('差');
    expect(gradeFor(0, national)).toBe('差');
    expect(gradeFor(null, national)).toBeNull();
  });
  it('flags a printed grade that does not match the printed total', () => {
    const r = score(form([], { score: 10 }, { totalReported: 85, grade: '优' }), national);
    expect(r.differences.find((d) => d.what === 'grade')?.message).toBe(
      '自评等级填报“优”，按填报总分 85 应为“良”。',
    );
  });
});

describe('a generated project form with weights, against figures computed by hand', () => {
  // Budget: 200 planned, 183.5 executed → 91.75% → 10 × 0.9175 = 9.175 → 9.18 (half-up).
  // 1 ≥20个 / 24个, w 20 → met → 20
  // 2 ≥95% / 90%, w 15 → 15 × 90/95 = 14.2105… → 14.21
  // 3 ≤30天 / 40天, w 15 → 15 × 30/40 = 11.25
  // 4 =100% / 100%, w 10 → 10
  // 5 ≥1.2亿元 / 9000万元, w 10 → 10 × 0.75 = 7.5
  // 6 qualitative 达成, w 10, reported 9 → in band [8, 10], stands in
  // 7 ≥90% / 96%, w 10 → 10
  // weights 90; computed indicators 20 + 14.21 + 11.25 + 10 + 7.5 + 9 + 10 = 81.96; total 91.14 → 优
  const inds = [
    ind(v('≥20个', '>=', 20, '个'), v('24个', null, 24, '个'), 20, 20),
    ind(v('≥95%', '>=', 95, '%'), v('90%', null, 90, '%'), 15, 14.21),
    ind(v('≤30天', '<=', 30, '天'), v('40天', null, 40, '天'), 15, 12),
    ind(v('=100%', '=', 100, '%'), v('100%', null, 100, '%'), 10, 10),
    ind(v('≥1.2亿元', '>=', 1.2, '亿元'), v('9000万元', null, 9000, '万元'), 10, 7.5),
    ind(v('效果明显', null, null, null), v('达成预期', null, null, null), 10, 9, {
      grade: '达成',
      level1: '效益指标',
      level2: '社会效益指标',
    }),
    ind(v('≥90%', '>=', 90, '%'), v('96%', null, 96, '%'), 10, 10, {
      level1: '满意度指标',
      level2: '服务对象满意度指标',
    }),
  ];
  const ev = form(
    inds,
    { planned: 200, executed: 183.5, rate: 0.9175, score: 9.18 },
    { totalReported: 91.89, grade: '优' },
  );
  const r = score(ev, national);

  it('computes each indicator exactly', () => {
    expect(r.budget.score.computed).toBe(9.18);
    expect(r.indicators.map((i) => i.computed)).toEqual([20, 14.21, 11.25, 10, 7.5, null, 10]);
    expect(r.indicators.map((i) => i.status)).toEqual([
      'scored',
      'scored',
      'scored',
      'scored',
      'scored',
      'qualitative',
      'scored',
    ]);
  });
  it('totals exactly and flags only the differences the form really has', () => {
    expect(r.totals.weightSum).toBe(90);
    expect(r.totals.indicatorsReported).toBe(82.71);
    expect(r.totals.reportedSum).toBe(91.89);
    expect(r.totals.indicatorsComputed).toBe(81.96);
    expect(r.totals.computed).toBe(91.14);
    expect(r.totals.computedComplete).toBe(false);
    expect(r.grade).toEqual({ computed: '优', fromReported: '优', reported: '优' });
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0]).toMatchObject({ path: 'indicators[2].score', reported: 12, computed: 11.25 });
  });
});

describe('the seed form (hubei-2020, published without weights)', () => {
  const json = JSON.parse(
    readFileSync(new URL('../../../../examples/seed-hubei-dept-2023.expected.json', import.meta.url), 'utf8'),
  );
  const valid = validate(json);
  if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
  const r = score(valid.evaluation, hubei);

  it('scores the budget 20 at rate 1', () => {
    expect(r.budget.rate.computed).toBe(1);
    expect(r.budget.score.computed).toBe(20);
  });
  it('reports 72 from the indicators and 95 against 20 + 72 = 92', () => {
    expect(r.totals.indicatorsReported).toBe(72);
    expect(r.totals.reported).toBe(95);
    expect(r.totals.reportedSum).toBe(92);
    const total = r.differences.find((d) => d.what === 'total');
    expect(total?.message).toBe(
      '总分与分项合计不符：预算执行得分 20 + 指标得分合计 72 = 92，填报总分 95，相差 3 分。',
    );
  });
  it('marks all 21 indicators unverifiable for want of weights, and invents none', () => {
    expect(r.indicators).toHaveLength(21);
    expect(r.counts.unverifiable).toBe(21);
    expect(r.indicators.every((i) => i.computed === null && i.effectiveWeight === null)).toBe(true);
    expect(r.notes.join('')).toContain('21 个指标未填分值');
    expect(r.totals.computedComplete).toBe(false);
  });
  it('still sees the overshoots the reviewer cares about', () => {
    const over = r.indicators.filter((i) => i.overshoot).map((i) => i.name);
    expect(over).toEqual(
      expect.arrayContaining(['安全生产培训次数', '党建主题活动次数', '纳税百万以上企业合计纳税']),
    );
  });
});
