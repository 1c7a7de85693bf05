/**
 * A seeded, deterministic generator of realistic self-evaluation forms with their truth.
 *
 *   generateCorpus(30, 7)     → 30 forms, the four layouts in turn
 *   generateForm(7, 12)       → form 12 of seed 7, the same on every machine
 *
 * Each form is what a unit filled in and what publishing then did to its cells (full-width
 * digits, spaced or wrapped labels, cut-off cells, template prefixes and placeholder rows, 其中
 * rows, scores and totals that do not add up), every change recorded in `damage`. Its truth is
 * what a perfect importer extracts from the printed cells: a cut-off name is the visible part,
 * a template prefix is not part of the name, a placeholder row is no indicator (samples README).
 * What each file format does to the table on top of this is the renderers' part (render-*.ts).
 */
import { Decimal, dec, fixed } from '@jixiao/core';
import type {
  BudgetLineSpec,
  BudgetSpec,
  CorpusForm,
  CorpusIndicator,
  CorpusLayout,
  Damage,
  GoalBlock,
  Level1Block,
  Level2Block,
  TableRow,
  Truth,
} from './model.ts';
import { CORPUS_LAYOUTS } from './model.ts';
import { createRng, hashText, type Rng } from './random.ts';
import { makeValues, num, type TruthValue, toFullWidth, type ValuePair } from './values.ts';
import {
  AGENCIES,
  BREAKDOWN_PARTS,
  CONCLUSIONS,
  DEPARTMENT_GOALS,
  DEPARTMENT_UNITS,
  DEVIATION_ANALYSES,
  DEVIATION_NOTES,
  HUBEI_PLACES,
  IMPROVEMENT_PLANS,
  type IndicatorSpec,
  LEVEL2_INDICATORS,
  NATIONAL_PLACES,
  OUTCOMES,
  PROBLEMS,
  SICHUAN_PLACES,
} from './vocabulary.ts';

/** The seed of form `index` in the corpus of `seed`: forms are independent of each other. */
export function formSeed(seed: number, index: number): number {
  return hashText(`jixiao-corpus:${seed}:${index}`);
}

/** N forms, the layouts in turn so that every layout is met whatever N is. */
export function generateCorpus(n: number, seed: number): CorpusForm[] {
  return Array.from({ length: n }, (_, i) => generateForm(seed, i));
}

export function generateForm(seed: number, index: number, layout?: CorpusLayout): CorpusForm {
  const chosen = layout ?? CORPUS_LAYOUTS[index % CORPUS_LAYOUTS.length]!;
  const s = formSeed(seed, index);
  const rng = createRng(s);
  const ctx: Ctx = {
    rng,
    layout: chosen,
    damage: [],
    usedNames: new Set(),
    scorePlaces: rng.pick([0, 1, 1, 2, 2]),
    earned: new Map(),
  };
  return buildForm(ctx, `form-${String(index).padStart(4, '0')}`, s);
}

// ---------------------------------------------------------------- helpers

/** Splits `total` points into k integer parts ≥ 1, in steps of 5 where the total allows it. */
export function splitPoints(rng: Rng, total: number, k: number): number[] {
  if (k <= 0) return [];
  const step = total % 5 === 0 && total / 5 >= k ? 5 : 1;
  const units = total / step;
  const parts = Array.from({ length: k }, () => 1);
  for (let left = units - k; left > 0; left--) {
    const i = rng.int(0, k - 1);
    parts[i] = parts[i]! + 1;
  }
  // even out a little: forms rarely give one indicator most of the points
  for (let pass = 0; pass < 3; pass++) {
    const hi = parts.indexOf(Math.max(...parts));
    const lo = parts.indexOf(Math.min(...parts));
    if (parts[hi]! - parts[lo]! > 2) {
      parts[hi] = parts[hi]! - 1;
      parts[lo] = parts[lo]! + 1;
    }
  }
  return parts.map((p) => p * step);
}

function percentText(rate: Decimal, places: number): string {
  return `${fixed(rate.mul(100), places)}%`;
}

function dateText(rng: Rng, year: number, month: number, day: number): string {
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return rng.pick([`${year}.${month}.${day}`, `${year}年${month}月${day}日`, `${year}-${mm}-${dd}`]);
}

/** '产 出 指 标': the spaced-out labels of a PDF that justified the cell's text. */
function spaceOut(label: string): string {
  return [...label].join(' ');
}

/** How a 二级 label wraps in a narrow column, as web pages and PDFs show it. */
const WRAPPED_LEVEL2: Record<string, string> = {
  经济效益指标: '经济效益\n指标',
  社会效益指标: '社会效益\n指标',
  生态效益指标: '生态效益\n指标',
  可持续影响指标: '可持续影\n响指标',
  服务对象满意度指标: '服务对象\n满意度指标',
};

const SICHUAN_OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '＞', '<': '＜' };

interface Slot {
  level2: string;
  count: number;
}

// ---------------------------------------------------------------- the generator

/** What generating one form carries along: its random stream, its choices and the damage it records. */
interface Ctx {
  rng: Rng;
  layout: CorpusLayout;
  damage: Damage[];
  usedNames: Set<string>;
  /** decimals of the scores this form prints */
  scorePlaces: number;
  /** the share of the weight each indicator earned, kept beside it until its score is set */
  earned: Map<CorpusIndicator, ValuePair>;
}

function buildForm(ctx: Ctx, id: string, seed: number): CorpusForm {
  const { rng, layout } = ctx;
  const year = rng.int(2019, 2024);
  const weighted = layout === 'national-project' || layout === 'sichuan-2023';
  const place = rng.pick(
    layout === 'sichuan-2023'
      ? SICHUAN_PLACES
      : layout === 'national-project'
        ? NATIONAL_PLACES
        : HUBEI_PLACES,
  );
  const agency = rng.pick(AGENCIES);
  const kind = layout === 'hubei-department' ? 'department' : 'project';
  let unit: string;
  let department: string | null = null;
  let project: string | null = null;
  if (kind === 'department') {
    unit = place + (rng.chance(0.5) ? agency.name : rng.pick(DEPARTMENT_UNITS));
  } else {
    department = place + agency.name;
    unit = rng.chance(0.5) ? department : place + rng.pick(agency.units);
    project = rng.pick(agency.projects);
    if (layout === 'sichuan-2023' && rng.chance(0.5)) {
      project = `5100${rng.int(10, 99)}21R${String(rng.int(0, 999999999)).padStart(15, '0')}-${project}`;
    } else if (rng.chance(0.3)) project = `${year}年${project}`;
  }
  const filled =
    layout === 'hubei-department' || (layout === 'hubei-project' && rng.chance(0.8))
      ? { month: rng.int(3, 9), day: rng.int(1, 28) }
      : null;
  const filledOnText = filled ? dateText(rng, year + 1, filled.month, filled.day) : null;
  const filledOn = filled
    ? `${year + 1}-${String(filled.month).padStart(2, '0')}-${String(filled.day).padStart(2, '0')}`
    : null;

  const budgetWeight = layout.startsWith('hubei') ? 20 : 10;
  const budget = makeBudget(ctx, kind, budgetWeight);
  const goals = makeGoals(ctx, year, agency, project);
  damageCells(ctx, goals);

  // scores and totals
  const indicators = goals.flatMap((goal) => indicatorsOf(goal));
  let total = dec(budget.truth.score ?? 0);
  for (const ind of indicators) total = total.plus(ind.score ?? 0);
  let totalValue = total.toDecimalPlaces(2);
  if (rng.chance(0.1)) {
    const off = dec(rng.pick([-3, -2, 2, 3, 5]));
    ctx.damage.push({
      kind: 'inconsistent-total',
      where: '总分',
      detail: `${num(totalValue)} → ${num(totalValue.plus(off))}`,
    });
    totalValue = totalValue.plus(off);
  }
  const totalText = num(totalValue);
  const grade = totalValue.gte(90) ? '优' : totalValue.gte(80) ? '良' : totalValue.gte(60) ? '中' : '差';
  const printsGrade = layout === 'national-project' || layout === 'hubei-project' ? rng.chance(0.3) : false;

  const hubei = layout.startsWith('hubei');
  const deviationAnalysis = hubei ? rng.pick(DEVIATION_ANALYSES) : null;
  const improvementPlan = hubei && rng.chance(0.6) ? rng.pick(IMPROVEMENT_PLANS) : null;
  const sichuan = layout === 'sichuan-2023';
  const conclusion = sichuan
    ? rng.pick(CONCLUSIONS).replace('{total}', totalText).replace('{grade}', grade)
    : null;
  const problems = sichuan ? rng.pick(PROBLEMS) : null;
  const sichuanPlan = sichuan ? rng.pick(IMPROVEMENT_PLANS) : null;

  const truth: Truth = {
    kind,
    year,
    unit,
    department,
    project,
    profile: hubei ? 'hubei-2020' : sichuan ? 'sichuan-2023' : 'national-2020',
    filledOn,
    budget: budget.truth,
    goals: goals
      .filter((g) => g.text !== '')
      .map((g) => ({ id: g.id, text: g.text, weight: g.weight, outcome: g.outcome })),
    indicators: indicators.map((ind) => {
      const out: Truth['indicators'][number] = {
        // one goal on a project form: whether its rows carry G1 or null is a convention, not judged
        ...(kind === 'department' || goals.length > 1 ? { goal: goals[ind.goal]!.id } : {}),
        level1: ind.level1,
        level2: ind.level2,
        name: ind.name,
        target: ind.target,
        actual: ind.actual,
        weight: weighted ? ind.weight : null,
        score: ind.score,
        deviation: ind.deviation,
      };
      if (ind.core) out.core = true;
      return out;
    }),
    totalReported: totalValue.toNumber(),
    grade: printsGrade ? grade : null,
    deviationAnalysis,
    improvementPlan: sichuan ? sichuanPlan : improvementPlan,
  };
  if (sichuan) {
    truth.conclusion = conclusion;
    truth.problems = problems;
  }
  return {
    id,
    seed,
    layout,
    kind,
    year,
    unit,
    department,
    project,
    filledOnText,
    budget: budget.spec,
    goals,
    totalText,
    weightTotalText: weighted ? '100' : null,
    weightFirst: layout === 'national-project' && rng.chance(0.25),
    grade: printsGrade ? grade : null,
    deviationAnalysis,
    improvementPlan: sichuan ? sichuanPlan : improvementPlan,
    conclusion,
    problems,
    note:
      layout === 'hubei-project'
        ? '备注：1.定量指标得分=指标分值×实际完成值/年初目标值，最高不超过指标分值；2.定性指标根据完成情况分档计分。'
        : null,
    damage: ctx.damage,
    truth,
  };
}

// ---------------------------------------------------------------- budget

function moneyText(n: Decimal, twoPlaces: boolean): string {
  return twoPlaces ? fixed(n, 2) : num(n);
}

function makeBudget(
  ctx: Ctx,
  kind: 'department' | 'project',
  weight: number,
): { spec: BudgetSpec; truth: Truth['budget'] } {
  const { rng, layout } = ctx;
  const two = rng.chance(0.4);
  const planned = dec(rng.int(500, 200000)).div(100);
  const initial = rng.chance(0.6) ? planned : planned.mul(dec(rng.int(80, 99)).div(100)).toDecimalPlaces(2);
  const share = rng.weighted([
    [1, 40],
    [rng.int(900, 999) / 1000, 40],
    [rng.int(600, 899) / 1000, 20],
  ] as const);
  const executed = planned.mul(share).toDecimalPlaces(2);
  const ratePlaces = rng.pick([0, 1, 2, 2]);
  const rateText = percentText(executed.div(planned), ratePlaces);
  const rate = dec(rateText.slice(0, -1)).div(100);
  const scoreValue = dec(weight)
    .mul(rate.greaterThan(1) ? 1 : rate)
    .toDecimalPlaces(2);
  const scoreText = num(scoreValue);
  const m = (n: Decimal) => moneyText(n, two);
  const lines: BudgetLineSpec[] = [];
  const truthLines: Truth['budget']['lines'] = [];
  const sichuan = layout === 'sichuan-2023';
  if (layout === 'national-project') {
    const carried = rng.chance(0.25) ? planned.mul(dec(rng.int(5, 30)).div(100)).toDecimalPlaces(2) : null;
    const fiscalPlanned = carried ? planned.minus(carried) : planned;
    const fiscalInitial = carried ? initial.minus(carried).abs() : initial;
    const fiscalExecuted = carried ? executed.minus(carried).abs() : executed;
    const dash = rng.pick(['—', '-', '']);
    const add = (label: string, printed: string, vals: [Decimal, Decimal, Decimal] | null, zero: boolean) => {
      const cells = vals ? vals.map(m) : zero ? ['0', '0', '0'] : ['', '', ''];
      lines.push({
        label: printed,
        initial: cells[0]!,
        planned: cells[1]!,
        executed: cells[2]!,
        rate: dash,
        weight: dash,
        score: dash,
      });
      const nums = vals ? vals.map((v) => dec(m(v)).toNumber()) : zero ? [0, 0, 0] : [null, null, null];
      truthLines.push({ label, initial: nums[0]!, planned: nums[1]!, executed: nums[2]! });
    };
    add(
      '本年财政拨款',
      rng.pick(['其中：本年财政拨款', '其中：当年财政拨款']),
      [fiscalInitial, fiscalPlanned, fiscalExecuted],
      false,
    );
    truthLines[0]!.label = lines[0]!.label.replace('其中：', '');
    add('上年结转资金', '上年结转资金', carried ? [carried, carried, carried] : null, rng.chance(0.3));
    add('其他资金', '其他资金', null, rng.chance(0.3));
  } else if (sichuan) {
    const addS = (
      label: string,
      printed: string,
      vals: [Decimal, Decimal, Decimal] | null,
      rateCell: string,
    ) => {
      lines.push({
        label: printed,
        initial: vals ? fixed(vals[0], 2) : '',
        planned: vals ? fixed(vals[1], 2) : '',
        executed: vals ? fixed(vals[2], 2) : '',
        rate: rateCell,
        weight: '/',
        score: '/',
      });
      const line: Truth['budget']['lines'][number] = {
        label,
        initial: vals ? vals[0].toDecimalPlaces(2).toNumber() : null,
        planned: vals ? vals[1].toDecimalPlaces(2).toNumber() : null,
        executed: vals ? vals[2].toDecimalPlaces(2).toNumber() : null,
      };
      if (rateCell !== '') line.rate = dec(rateCell.slice(0, -1)).div(100).toNumber();
      truthLines.push(line);
    };
    addS('财政资金', '其中：财政资金', [initial, planned, executed], percentText(executed.div(planned), 2));
    addS('财政专户管理资金', '财政专户管理资金', [dec(0), dec(0), dec(0)], '0.00%');
    addS('单位资金', '单位资金', [dec(0), dec(0), dec(0)], '0.00%');
    addS('其他资金', '其他资金', null, '');
  }
  const hasInitial = layout === 'national-project' || sichuan;
  let basicTotal: Decimal | null = null;
  let projectTotal: Decimal | null = null;
  if (kind === 'department') {
    basicTotal = rng.chance(0.15) ? dec(0) : planned.mul(dec(rng.int(20, 80)).div(100)).toDecimalPlaces(2);
    projectTotal = planned.minus(basicTotal);
  }
  const spec: BudgetSpec = {
    label:
      kind === 'department'
        ? '部门整体支出总额'
        : layout === 'hubei-project'
          ? '年度财政资金总额'
          : sichuan
            ? '总额'
            : rng.pick(['年度资金总额：', '年度资金总额']),
    basicTotal: basicTotal ? m(basicTotal) : null,
    projectTotal: projectTotal ? m(projectTotal) : null,
    initial: hasInitial ? m(initial) : null,
    planned: m(planned),
    executed: m(executed),
    rate: rateText,
    weight: layout.startsWith('hubei') ? null : String(weight),
    score: scoreText,
    reason: sichuan && rate.lessThan(dec('0.9')) ? '项目实施进度滞后，部分资金未支付。' : null,
    lines,
  };
  const truth: Truth['budget'] = {
    moneyUnit: '万元',
    initial: hasInitial ? dec(m(initial)).toNumber() : null,
    planned: dec(m(planned)).toNumber(),
    executed: dec(m(executed)).toNumber(),
    rate: rate.toNumber(),
    weight,
    score: scoreValue.toNumber(),
    lines: truthLines,
  };
  if (kind === 'department') {
    truth.basicTotal = basicTotal ? dec(m(basicTotal)).toNumber() : null;
    truth.projectTotal = projectTotal ? dec(m(projectTotal)).toNumber() : null;
  }
  return { spec, truth };
}

// ---------------------------------------------------------------- goals and indicators

function makeGoals(
  ctx: Ctx,
  year: number,
  agency: (typeof AGENCIES)[number],
  project: string | null,
): GoalBlock[] {
  const { rng, layout } = ctx;
  const effect = () => rng.pick(agency.effects);
  if (layout === 'hubei-department') {
    const n = rng.int(2, 4);
    const texts = rng.sample(DEPARTMENT_GOALS, n);
    const blocks = texts.map((text, i) => {
      const count = rng.int(4, 10);
      return makeGoalBlock(ctx, i, `年度目标${i + 1}：`, text, null, null, count, year);
    });
    hiddenWeights(ctx, blocks, 80);
    return blocks;
  }
  if (layout === 'hubei-project') {
    const n = rng.chance(0.3) ? 2 : 1;
    const weights = n === 2 ? [40, 40] : [80];
    // some units leave the goal's text out: the label alone heads the indicators (yunnan-project-2019)
    const untold = n === 1 && rng.chance(0.25);
    const blocks = weights.map((w, i) => {
      const text = untold ? '' : `${i === 0 ? '完成' : '推进'}${project ?? ''}年度任务，${effect()}。`;
      const label = rng.pick([`年度绩效目标${i + 1}（${w}分）`, `年度绩效目标${i + 1}（${w}分）：`]);
      return makeGoalBlock(ctx, i, label, text, w, null, rng.int(5, 10), year);
    });
    hiddenWeights(ctx, blocks, 80);
    return blocks;
  }
  const plainProject = (project ?? '').replace(/^[0-9A-Z]+-/, '');
  const text = `${rng.pick(['完成', '实施', '落实'])}${plainProject}，${effect()}，${effect()}。`.replace(
    /，([^，]+)，\1。$/,
    '，$1。',
  );
  const block = makeGoalBlock(ctx, 0, '年度总体目标', text, null, rng.pick(OUTCOMES), rng.int(6, 14), year);
  return [block];
}

/** Hubei forms print no weights, but scores are still parts of 80 points. */
function hiddenWeights(ctx: Ctx, blocks: GoalBlock[], total: number): void {
  const inds = blocks.flatMap(indicatorsOf);
  const parts = splitPoints(ctx.rng, total, inds.length);
  inds.forEach((ind, i) => {
    setScore(ctx, ind, parts[i]!, false);
  });
}

function makeSlots(ctx: Ctx, count: number, year: number): { level1: string; slots: Slot[] }[] {
  const { rng, layout } = ctx;
  const costLevel1 = layout !== 'hubei-department' && year >= 2021 && rng.chance(0.3);
  const sat = count >= 8 ? rng.int(1, 2) : 1;
  const cost = costLevel1 ? 1 : 0;
  const ben = Math.max(1, Math.min(rng.int(1, 3), count - sat - cost - 2));
  const out = count - sat - ben - cost;
  const outputKinds = ['数量指标', '质量指标', '时效指标'];
  if (!costLevel1 && year < 2021 && rng.chance(0.5)) outputKinds.push('成本指标');
  const tally = (kinds: string[], n: number, first: string): Slot[] => {
    const counts = new Map<string, number>([[first, 1]]);
    for (let i = 1; i < n; i++) {
      const k = rng.pick(kinds);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return kinds.filter((k) => counts.has(k)).map((k) => ({ level2: k, count: counts.get(k)! }));
  };
  const groups: { level1: string; slots: Slot[] }[] = [
    { level1: '产出指标', slots: tally(outputKinds, out, '数量指标') },
  ];
  if (costLevel1) {
    groups.push({
      level1: '成本指标',
      slots: [{ level2: rng.pick(['经济成本指标', '社会成本指标', '生态环境成本指标']), count: 1 }],
    });
  }
  const benefit = ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'];
  groups.push({
    level1: '效益指标',
    slots: tally(benefit, ben, rng.pick(['社会效益指标', '经济效益指标'])),
  });
  groups.push({ level1: '满意度指标', slots: [{ level2: '服务对象满意度指标', count: sat }] });
  return groups;
}

function pickSpec(ctx: Ctx, level2: string): IndicatorSpec {
  const { rng, layout } = ctx;
  let specs = LEVEL2_INDICATORS[level2] ?? [];
  // Sichuan's 指标性质 column holds an operator or 定性; a range has no place there
  if (layout === 'sichuan-2023') specs = specs.filter((s) => s.shape !== 'range');
  const free = specs.filter((s) => !ctx.usedNames.has(s.name));
  if (free.length > 0) return rng.pick(free);
  const base = rng.pick(specs);
  const prefixed = ['年度', '重点', '专项', '全年', '本级'].map((p) => p + base.name);
  const name = prefixed.find((n) => !ctx.usedNames.has(n)) ?? `${base.name}${ctx.usedNames.size}`;
  return { ...base, name };
}

function makeGoalBlock(
  ctx: Ctx,
  index: number,
  label: string,
  text: string,
  weight: number | null,
  outcome: string | null,
  count: number,
  year: number,
): GoalBlock {
  const { rng, layout } = ctx;
  const national = layout === 'national-project';
  const sichuan = layout === 'sichuan-2023';
  const weighted = national || sichuan;
  const groups = makeSlots(ctx, count, year);
  const level1Weights: Record<string, number> = groups.some((g) => g.level1 === '成本指标')
    ? { 产出指标: 40, 成本指标: 10, 效益指标: 30, 满意度指标: 10 }
    : { 产出指标: 50, 效益指标: 30, 满意度指标: 10 };
  const spaced = national && rng.chance(0.2);
  const wrapped = national && rng.chance(0.5);
  const prefixes = national && rng.chance(0.6);
  const placeholders = national && prefixes && rng.chance(0.7);
  const coreMarks = national && rng.chance(0.4);
  const level1s: Level1Block[] = [];
  let placeholderCount = 0;
  for (const group of groups) {
    const inds: CorpusIndicator[] = [];
    const level2s: Level2Block[] = [];
    for (const slot of group.slots) {
      const rows: TableRow[] = [];
      for (let k = 0; k < slot.count; k++) {
        const ind = makeIndicator(ctx, index, group.level1, slot.level2);
        if (prefixes) ind.printedName = `指标${k + 1}：${ind.printedName}`;
        rows.push({ kind: 'indicator', ind });
        inds.push(ind);
        if (coreMarks && k === 0 && ind.target.kind === 'quantitative' && ind.target.unit) {
          ind.core = true;
          ind.name = `★${ind.name}`;
          ind.printedName = prefixes ? ind.printedName.replace('：', '：★') : `★${ind.printedName}`;
          const parts = BREAKDOWN_PARTS[ind.target.unit] ?? [];
          if (parts.length >= 2 && ind.target.value !== null && rng.chance(0.8)) {
            // the parts add up to the whole: counted things in whole numbers
            const places = ind.target.unit === '亩' ? 1 : 0;
            const halves = (v: number) => {
              const first = dec(v).div(2).toDecimalPlaces(places, Decimal.ROUND_DOWN);
              return [first, dec(v).minus(first)];
            };
            const targets = halves(ind.target.value);
            const actuals = halves(ind.actual.value ?? 0);
            parts.slice(0, 2).forEach((part, p) => {
              rows.push({
                kind: 'breakdown',
                name: `其中${part}`,
                target: `${num(targets[p]!)}${ind.target.unit}`,
                actual: `${num(actuals[p]!)}${ind.target.unit}`,
              });
            });
            ctx.damage.push({ kind: 'breakdown-rows', where: ind.name });
          }
        }
      }
      if (placeholders) {
        rows.push({ kind: 'placeholder', text: `指标${slot.count + 1}：` });
        rows.push({ kind: 'placeholder', text: '……' });
        placeholderCount += 2;
      }
      level2s.push({ level2: slot.level2, label: level2Label(ctx, slot.level2, wrapped), rows });
    }
    if (
      placeholders &&
      group.level1 === '效益指标' &&
      !group.slots.some((s) => s.level2 === '生态效益指标')
    ) {
      // a 二级 the unit had nothing for: only the template's rows
      level2s.push({
        level2: '生态效益指标',
        label: level2Label(ctx, '生态效益指标', wrapped),
        rows: [
          { kind: 'placeholder', text: '指标1：' },
          { kind: 'placeholder', text: '……' },
        ],
      });
      placeholderCount += 2;
    }
    if (weighted) {
      const parts = splitPoints(rng, level1Weights[group.level1] ?? 10, inds.length);
      inds.forEach((ind, i) => {
        setScore(ctx, ind, parts[i]!, true);
      });
    }
    const points = level1Weights[group.level1];
    let l1label = group.level1;
    if (national) {
      l1label = spaced
        ? `${spaceOut(group.level1)} （${points}分）`
        : rng.pick([`${group.level1}\n（${points}分）`, `${group.level1}（${points}分）`]);
    }
    level1s.push({ level1: group.level1, label: l1label, level2s });
  }
  if (spaced) ctx.damage.push({ kind: 'spaced-label', where: `G${index + 1} 一级指标` });
  if (wrapped) ctx.damage.push({ kind: 'wrapped-label', where: `G${index + 1} 二级指标` });
  if (prefixes) ctx.damage.push({ kind: 'template-prefix', where: `G${index + 1}` });
  if (placeholderCount > 0)
    ctx.damage.push({
      kind: 'placeholder-rows',
      where: `G${index + 1}`,
      detail: `${placeholderCount} 行`,
    });
  if (coreMarks) ctx.damage.push({ kind: 'core-mark', where: `G${index + 1}` });
  let printed = text;
  if (ctx.layout === 'hubei-department' && text.length > 24 && rng.chance(0.15)) {
    printed = text.slice(0, rng.int(16, text.length - 4));
    ctx.damage.push({ kind: 'truncated', where: `G${index + 1} 目标`, detail: `${text} → ${printed}` });
  }
  return { id: `G${index + 1}`, label, text: printed, weight, outcome, level1s };
}

function level2Label(ctx: Ctx, level2: string, wrapped: boolean): string {
  const { layout } = ctx;
  if (level2 === '服务对象满意度指标' && layout.startsWith('hubei')) return '社会公众或服务对象满意度指标';
  if (wrapped) return WRAPPED_LEVEL2[level2] ?? level2;
  return level2;
}

function makeIndicator(ctx: Ctx, goal: number, level1: string, level2: string): CorpusIndicator {
  const { rng } = ctx;
  const spec = pickSpec(ctx, level2);
  ctx.usedNames.add(spec.name);
  const values = makeValues(rng, spec);
  const ind: CorpusIndicator = {
    goal,
    level1,
    level2,
    name: spec.name,
    printedName: spec.name,
    target: values.target,
    actual: values.actual,
    weight: null,
    weightText: '',
    score: null,
    scoreText: '',
    deviation: null,
    core: false,
  };
  ctx.earned.set(ind, values);
  if (ctx.layout === 'sichuan-2023') sichuanCells(ind);
  return ind;
}

/** Sichuan writes the target over 指标性质 | 指标值 | 度量单位 and the actual as a bare number. */
function sichuanCells(ind: CorpusIndicator): void {
  const t = ind.target;
  if (t.kind === 'quantitative' && t.value !== null) {
    const op = SICHUAN_OPS[t.op ?? '>='] ?? '≥';
    const value = num(t.value);
    const unit = t.unit ?? '';
    ind.target = { raw: op + value + unit, op: t.op ?? '>=', value: t.value, unit: t.unit, kind: t.kind };
    const a = ind.actual;
    // the 完成值 cell holds the number; its unit is the 度量单位 column's
    const bare = a.kind === 'quantitative' && a.value !== null && (a.unit === t.unit || a.unit === null);
    const actualCell = bare ? num(a.value!) : a.raw;
    ind.split = { op, value, unit, actual: actualCell };
    if (bare) ind.actual = { ...a, raw: actualCell + unit, unit: t.unit };
  } else {
    ind.split = { op: '定性', value: t.raw, unit: '', actual: ind.actual.raw };
  }
}

function setScore(ctx: Ctx, ind: CorpusIndicator, weight: number, printWeight: boolean): void {
  const { rng } = ctx;
  const values = ctx.earned.get(ind)!;
  const w = dec(weight);
  let s = w.mul(values.earned).toDecimalPlaces(ctx.scorePlaces);
  const where = `G${ind.goal + 1} ${ind.level1}/${ind.level2}/${ind.name}`;
  if (rng.chance(0.04)) {
    const before = s;
    s = values.earned.lessThan(1) ? w : w.plus(1);
    ctx.damage.push({ kind: 'inconsistent-score', where, detail: `${num(before)} → ${num(s)}` });
  }
  ind.score = s.toNumber();
  ind.scoreText = num(s);
  if (printWeight) {
    ind.weight = weight;
    ind.weightText = String(weight);
  }
  if (printWeight && (values.earned.lessThan(1) || values.overshoot) && rng.chance(0.7)) {
    ind.deviation = values.overshoot
      ? '目标设定偏低，下年度将科学合理设置绩效目标。'
      : rng.pick(DEVIATION_NOTES);
  }
}

/** Damage to cell texts that every format then shows: full-width forms, cut-off names. */
function damageCells(ctx: Ctx, goals: GoalBlock[]): void {
  const { rng } = ctx;
  const inds = goals.flatMap(indicatorsOf);
  if (rng.chance(0.3)) {
    for (const ind of rng.sample(inds, rng.int(1, 3))) {
      const which = rng.pick(['target', 'actual', 'score'] as const);
      const where = `G${ind.goal + 1} ${ind.name} ${which}`;
      if (which === 'score') {
        if (!/\d/.test(ind.scoreText)) continue;
        ind.scoreText = toFullWidth(ind.scoreText);
      } else if (ind.split) {
        // Sichuan's value cells are filled by a system, not typed: no full-width forms there
        continue;
      } else {
        const v: TruthValue = ind[which];
        if (!/[\d%<>=]/.test(v.raw)) continue;
        ind[which] = { ...v, raw: toFullWidth(v.raw) };
      }
      ctx.damage.push({ kind: 'full-width', where });
    }
  }
  const long = inds.filter((i) => i.name.length >= 16 && !i.core);
  if (long.length > 0 && rng.chance(0.5)) {
    const ind = rng.pick(long);
    const cut = ind.name.slice(0, rng.int(12, ind.name.length - 3));
    ctx.damage.push({ kind: 'truncated', where: `G${ind.goal + 1} ${ind.name}`, detail: cut });
    ind.printedName = ind.printedName.replace(ind.name, cut);
    ind.name = cut;
  }
}

export function indicatorsOf(goal: GoalBlock): CorpusIndicator[] {
  const out: CorpusIndicator[] = [];
  for (const l1 of goal.level1s)
    for (const l2 of l1.level2s) for (const row of l2.rows) if (row.kind === 'indicator') out.push(row.ind);
  return out;
}
