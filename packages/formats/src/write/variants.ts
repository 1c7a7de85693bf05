/**
 * A generated corpus for round trips: seeded variations of real forms that fill every field a
 * layout prints — several goals, 其中 budget lines, weights, deviation notes, grades, the
 * narratives, dates, figures with many decimals — so the writers and the importer meet more
 * than the samples show. Deterministic: the same seed gives the same forms on every machine.
 */
import { dec, type Evaluation, type Goal, type Indicator, parseValue } from '@jixiao/core';
import type { ExportLayoutId } from './layout/types.ts';

/** mulberry32: small, fast and good enough to vary test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

function money(r: () => number, lo: number, hi: number, places: number): number {
  return dec(lo + r() * (hi - lo))
    .toDecimalPlaces(places)
    .toNumber();
}

const GOAL_TEXTS = [
  '做好园区企业服务，落实惠企政策，优化营商环境。',
  '完成年度招商引资任务，引进重点产业项目。',
  '保障机关正常运转，提高行政效能。',
  '加强安全生产监管，杜绝重大安全事故。',
  '推进数字政府建设，提升政务服务“一网通办”水平。',
];
const OUTCOMES = ['已完成年度目标。', '完成预算的96.5%，主要任务均已完成。', '项目按期完工并通过验收。'];
const LINE_LABELS = ['本年财政拨款', '上年结转资金', '其他资金'];
const NARRATIVES = [
  '部分项目因政策调整延后实施，资金未能全部支出。',
  '下一步将加强预算执行监控，按月通报执行进度，结果应用于下年度预算安排。',
  '个别指标设置偏低，明年将结合上年实际完成值调整目标。',
];
const DEVIATIONS = ['受疫情影响进度滞后', '目标设置偏低，已在下年度调整', '无偏差'];
const TARGETS: readonly [string, string][] = [
  ['≥95%', '98.5%'],
  ['≤5%', '3%'],
  ['=100%', '100%'],
  ['≥1200人次', '1356人次'],
  ['12月底前完成', '11月完成'],
  ['≥3个', '4个'],
  ['≥90', '92.5'],
  ['有效提升', '达成预期指标'],
];

function values(r: () => number): { target: Indicator['target']; actual: Indicator['actual'] } {
  const [t, a] = pick(r, TARGETS);
  return { target: parseValue(t), actual: parseValue(a) };
}

/**
 * A variation of `base` printed in `layout`: fields the layout has no place for stay as they
 * are in a form of that kind (a department form has no project name, a Hubei form prints no
 * 年初预算数), since the layout faithfully cannot carry them; the json export carries everything.
 */
export function variantOf(base: Evaluation, layout: ExportLayoutId, seed: number): Evaluation {
  const r = rng(seed);
  const ev: Evaluation = structuredClone(base);
  delete ev.import;
  const hubei = layout === 'hubei-department' || layout === 'hubei-project';
  const withWeights = !hubei || r() < 0.5;
  ev.filledOn = `20${int(r, 20, 24)}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;
  if (ev.year === null) ev.year = int(r, 2019, 2024);
  ev.unit = ev.unit ?? '某县农业农村局';
  if (ev.kind === 'project') {
    ev.project = ev.project ?? '农村人居环境整治项目';
    ev.department = pick(r, ['某县人民政府', '某县财政局', '某县发展和改革局']);
  }

  const b = ev.budget;
  b.planned = money(r, 10, 5000, int(r, 0, 3));
  b.executed = dec(b.planned)
    .times(money(r, 0.6, 1, 2))
    .toDecimalPlaces(2)
    .toNumber();
  b.rate = dec(b.executed).dividedBy(b.planned).toDecimalPlaces(4).toNumber();
  b.weight = hubei ? 20 : 10;
  b.score = dec(b.weight).times(b.rate).toDecimalPlaces(2).toNumber();
  b.initial = hubei ? null : r() < 0.7 ? money(r, 10, 5000, 2) : null;
  if (ev.kind === 'department') {
    b.basicTotal = money(r, 0, 2000, 2);
    b.projectTotal = money(r, 0, 2000, 2);
  }
  const lineCount = int(r, 0, 3);
  b.lines = LINE_LABELS.slice(0, lineCount).map((label) => ({
    label,
    initial: hubei ? null : money(r, 0, 900, 2),
    planned: money(r, 0, 900, 2),
    executed: money(r, 0, 900, 2),
  }));

  const goalCount = ev.kind === 'department' ? int(r, 1, 4) : 1;
  const goals: Goal[] = Array.from({ length: goalCount }, (_, i) => ({
    id: `G${i + 1}`,
    text: pick(r, GOAL_TEXTS),
    weight: ev.kind === 'department' && r() < 0.3 ? int(r, 10, 40) : null,
    outcome: hubei ? null : pick(r, OUTCOMES),
  }));
  ev.goals = goals;
  const source = base.indicators.length > 0 ? base.indicators : [];
  const indicators: Indicator[] = [];
  goals.forEach((g, gi) => {
    const count = int(r, 1, Math.max(2, Math.min(8, source.length)));
    // consecutive indicators keep their labels, so the merged 一级/二级 runs stay realistic
    const start = int(r, 0, Math.max(0, source.length - count));
    for (let k = 0; k < count; k++) {
      const s = source[(start + k) % Math.max(1, source.length)];
      const v = r() < 0.5 && s ? { target: s.target, actual: s.actual } : values(r);
      const weight = withWeights ? int(r, 2, 20) : null;
      indicators.push({
        // a department form numbers its goals even when there is one; a project's only goal has no id
        goal: ev.kind === 'department' || goalCount > 1 ? g.id : null,
        level1: s?.level1 ?? '产出指标',
        level2: s?.level2 ?? '数量指标',
        name: `${s?.name ?? '指标'}${gi > 0 ? `（目标${gi + 1}）` : ''}`,
        target: v.target,
        actual: v.actual,
        weight,
        score:
          weight === null
            ? int(r, 1, 10)
            : dec(weight)
                .times(money(r, 0.5, 1, 2))
                .toDecimalPlaces(1)
                .toNumber(),
        deviation: hubei && r() < 0.5 ? null : r() < 0.4 ? pick(r, DEVIATIONS) : null,
      });
    }
  });
  ev.indicators = indicators;
  ev.totalReported = dec(b.score)
    .plus(indicators.reduce((s, i) => s.plus(i.score ?? 0), dec(0)))
    .toDecimalPlaces(2)
    .toNumber();
  ev.grade = r() < 0.5 ? pick(r, ['优', '良', '中', '差']) : null;
  ev.deviationAnalysis = r() < 0.8 ? pick(r, NARRATIVES) : null;
  ev.improvementPlan = r() < 0.8 ? pick(r, NARRATIVES) : null;
  if (layout === 'sichuan-2023') {
    ev.conclusion = '项目自评总分较高，资金使用规范，达到预期绩效目标。';
    if (r() < 0.5) ev.problems = '个别指标量化不足。';
  }
  return ev;
}
