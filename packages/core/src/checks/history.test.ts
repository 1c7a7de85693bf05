/**
 * The history rules (class F) over two years of the same unit: the clean project and the seed
 * department form, each with a 2022 version built from it. A sensible 2022 gives no F finding;
 * lowered targets, copied values, a dropped indicator and a jump in the budget each give theirs.
 */
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../model/evaluation.ts';
import { check } from './check.ts';
import { CLEAN, clean2022, type Edit, edited, profile, rowAt, rulesOf, SEED } from './rules/testkit.ts';

const HISTORY_RULES = rulesOf('history');

function historyFindings(now: Evaluation, history: Evaluation[], profileId: string) {
  return check(now, profile(profileId), history, { rules: HISTORY_RULES });
}
const pairs = (fs: { code: string; path: string; severity: string }[]) =>
  fs.map((f) => `${f.severity} ${f.code} ${f.path}`).sort();

/**
 * 2022 of the seed unit: budget 350万元, actuals a little below this year's targets, except
 * 党建主题活动次数 (18次, above the 2023 target ≥12次) and 安全生产培训次数 (6次, above ≥2次),
 * and one indicator the 2023 form no longer has (园区知名度宣传报道次数, goal 3's 知名度).
 */
const SEED_2022_ACTUALS = [
  '18次',
  '100%',
  '100%',
  '回应率100%',
  '92%',
  '0个',
  '2场',
  '4.6亿',
  '151.3亿',
  '46.8亿元',
  '13.2亿元',
  '92.5亿',
  '94%',
  '6次',
  '100%',
  '98%',
  '96%',
  '未发生',
  '97%',
  '93%',
  '94%',
];
function seed2022(edit: Edit = () => {}): Evaluation {
  return edited(SEED, (j) => {
    j.year = 2022;
    Object.assign(j.budget, { projectTotal: 350, planned: 350, executed: 350 });
    SEED_2022_ACTUALS.forEach((raw, k) => {
      rowAt(j, k).actual = { raw };
    });
    j.indicators!.push({
      goal: 'G3',
      level1: '产出指标',
      level2: '数量指标',
      name: '园区知名度宣传报道次数',
      target: { raw: '≥10次' },
      actual: { raw: '12次' },
      score: 3,
    });
    edit(j);
  });
}

describe('history: the clean project, 2022 → 2023', () => {
  const now = edited(CLEAN);

  it('finds nothing when the years differ sensibly', () => {
    expect(historyFindings(now, [clean2022()], 'national-2020')).toEqual([]);
  });

  it('finds a target below last year’s actual', () => {
    const found = historyFindings(
      now,
      [clean2022((j) => (rowAt(j, 4).actual = { raw: '1.3万人' }))],
      'national-2020',
    );
    expect(pairs(found)).toEqual(['warning target-below-last-actual indicators[4].target']);
    expect(found[0]!.message).toContain(
      '“新增受益人口”的目标值“≥1.2万人”低于上年（2022年）实际完成值“1.3万人”',
    );
    expect(found[0]!.place).toBe('新增受益人口 / 目标值');
  });

  it('finds a form copied from last year', () => {
    const copied = edited(CLEAN, (j) => {
      j.year = 2022;
    });
    const found = historyFindings(now, [copied], 'national-2020');
    expect(pairs(found)).toEqual(
      [
        'warning copied-from-last-year indicators',
        'info copied-from-last-year indicators[2].actual',
        'info copied-from-last-year indicators[3].actual',
        'info copied-from-last-year indicators[4].actual',
        'info copied-from-last-year indicators[5].actual',
        'info copied-from-last-year indicators[6].actual',
        // last year's 12处 / 1.26万人 / 96% against this year's targets ≥12处 / ≥1.2万人 / ≥95%
        'info target-below-last-actual indicators[0].target',
        'warning target-below-last-actual indicators[4].target',
        'warning target-below-last-actual indicators[5].target',
      ].sort(),
    );
  });

  it('finds a dropped indicator and a sharp change in budget', () => {
    const last = clean2022((j) => {
      j.budget.planned = 260;
      j.indicators!.push({
        goal: 'G1',
        level1: '效益指标',
        level2: '可持续影响指标',
        name: '工程管护责任落实率',
        target: { raw: '100%' },
        actual: { raw: '100%' },
        weight: 5,
        score: 5,
      });
    });
    const found = historyFindings(now, [last], 'national-2020');
    expect(pairs(found)).toEqual([
      'info budget-sharp-change budget.planned',
      'info indicator-disappeared indicators',
    ]);
    expect(found.find((f) => f.code === 'budget-sharp-change')?.message).toContain(
      '全年预算数520万元，上年（2022年）为260万元，增加100%',
    );
    expect(found.find((f) => f.code === 'indicator-disappeared')?.message).toContain('“工程管护责任落实率”');
  });

  it('reports the history rules as skipped when no earlier year is stored', () => {
    const found = historyFindings(now, [], 'national-2020');
    expect(found.map((f) => f.code)).toEqual(['history-unavailable']);
  });
});

describe('history: the seed unit, 2022 → 2023', () => {
  const now = edited(SEED);

  it('finds the two lowered targets and the dropped indicator, nothing else', () => {
    const found = historyFindings(now, [seed2022()], 'hubei-2020');
    expect(pairs(found)).toEqual([
      'info indicator-disappeared indicators',
      'warning target-below-last-actual indicators[0].target',
      'warning target-below-last-actual indicators[13].target',
    ]);
    const byPath = new Map(found.map((f) => [f.path, f]));
    expect(byPath.get('indicators[0].target')?.message).toContain(
      '“党建主题活动次数”的目标值“≥12次”低于上年（2022年）实际完成值“18次”',
    );
    expect(byPath.get('indicators[13].target')?.place).toBe('目标3 / 安全生产培训次数 / 目标值');
    expect(byPath.get('indicators')?.message).toBe(
      '上年（2022年）的指标“园区知名度宣传报道次数”本年未再列示；如指标调整或取消，应说明理由。',
    );
  });

  it('compares 亿 with 亿元 and notes an amount copied to the cent', () => {
    const found = historyFindings(
      now,
      [seed2022((j) => (rowAt(j, 10).actual = { raw: '19.57亿' }))],
      'hubei-2020',
    );
    expect(found.find((f) => f.path === 'indicators[10].actual')?.message).toBe(
      '“纳税百万以上企业合计纳税”的实际完成值“19.57亿元”与上年（2022年）完全相同，目标值也未变；请核实是否为本年度实际数据。',
    );
    // last year's 19.57亿 also lies above this year's target of 15亿元
    expect(found.some((f) => f.path === 'indicators[10].target')).toBe(true);
  });

  it('finds the budget jump from 200 to 390.76万元', () => {
    const found = historyFindings(now, [seed2022((j) => (j.budget!.planned = 200))], 'hubei-2020');
    expect(found.find((f) => f.code === 'budget-sharp-change')?.message).toBe(
      '全年预算数390.76万元，上年（2022年）为200万元，增加95.4%，超过50%；请核实预算数，并说明绩效目标是否随资金规模相应调整。',
    );
  });

  it('warns once for a form copied whole, with each telling figure listed', () => {
    const copied = edited(SEED, (j) => {
      j.year = 2022;
    });
    const found = historyFindings(now, [copied], 'hubei-2020').filter(
      (f) => f.code === 'copied-from-last-year',
    );
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'indicators' });
    expect(found[0]!.message).toContain('本年21个指标中有21个');
    // 1个 against target 1个, the 100% rates and 未发生 repeat in honest forms too
    expect(found.slice(1).map((f) => f.path)).toEqual(
      [0, 4, 6, 7, 8, 9, 10, 11, 12, 13, 18, 19, 20].map((k) => `indicators[${k}].actual`),
    );
  });

  it('matches rows by name, not by position, when last year listed them in another order', () => {
    const reordered = seed2022((j) => {
      j.indicators!.reverse();
    });
    expect(pairs(historyFindings(now, [reordered], 'hubei-2020'))).toEqual(
      pairs(historyFindings(now, [seed2022()], 'hubei-2020')),
    );
  });

  it('uses the most recent earlier year, whatever order the history comes in', () => {
    const y2021 = seed2022((j) => {
      j.year = 2021;
      rowAt(j, 0).actual = { raw: '30次' };
    });
    const found = historyFindings(now, [y2021, seed2022()], 'hubei-2020');
    expect(found.find((f) => f.path === 'indicators[0].target')?.message).toContain(
      '上年（2022年）实际完成值“18次”',
    );
  });
});
