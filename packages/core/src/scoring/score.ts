/**
 * `score(evaluation, profile)`: recomputes the budget score, every indicator's score, the
 * total and the grade by the profile's rules, explains each, and lists every difference from
 * the figures the form reports. It never invents a weight: an indicator without one is marked
 * unverifiable and its reported score stands in for it in the computed total.
 */
import {
  compare,
  type Decimal,
  dec,
  numberOf,
  plain,
  quotientOf,
  quotientRound,
  round,
  sumNumbers,
} from '../decimal/decimal.ts';
import type { Evaluation, Indicator } from '../model/evaluation.ts';
import type { Profile } from '../profiles/schema.ts';
import { type BudgetComputation, rateOf, scoreBudget } from './budget.ts';
import { sameAtReportedPrecision } from './indicator.ts';
import { recentRows, rulesKey, scoreIndicatorRemembered } from './memo.ts';
import type { IndicatorScore, IndicatorStatus, ScoreDifference, ScoreResult } from './types.ts';

/** The grade a total earns under the profile's bands (highest band whose minimum it reaches). */
export function gradeFor(total: number | Decimal | null, profile: Profile): string | null {
  if (total === null) return null;
  // The band of greatest minimum among those reached, the first of equal ones: what sorting the
  // bands by minimum (stably) and taking the first reached gives, without a sorted copy per call.
  // A JSON number orders against another as its decimal does.
  let best: Profile['gradeBands'][number] | null = null;
  for (const b of profile.gradeBands) {
    const reaches = typeof total === 'number' ? total >= b.min : compare(total, dec(b.min)) >= 0;
    if (reaches && (best === null || b.min > best.min)) best = b;
  }
  return best?.grade ?? null;
}

/**
 * Effective weights: when some indicators do not apply, the applicable ones share their
 * weight in proportion (domain.md §3). Unknown weights stay unknown.
 */
function effectiveWeights(
  evaluation: Evaluation,
  profile: Profile,
): { weights: (Decimal | null)[] | null; note: string | null } {
  const inds = evaluation.indicators;
  const dropped = inds.some((i) => i.applicable === false);
  // Every row keeps its written weight: each row makes it a decimal only when it is scored.
  if (!dropped) return { weights: null, note: null };
  const raw = inds.map(writtenWeight);
  const applicable = inds.map((i, k) => (i.applicable === false ? null : (raw[k] ?? null)));
  if (applicable.some((w, k) => w === null && inds[k]?.applicable !== false)) {
    return { weights: applicable, note: '有指标不适用，但部分指标未填分值，无法按比例重新分配分值。' };
  }
  const sum = applicable.reduce<Decimal>((s, w) => (w === null ? s : s.plus(w)), dec(0));
  if (sum.isZero()) return { weights: applicable, note: null };
  const factor = dec(profile.indicatorTotal).dividedBy(sum);
  return {
    weights: applicable.map((w) => (w === null ? null : w.times(factor))),
    note: `有指标本年度不适用，其余指标分值按 ${plain(profile.indicatorTotal)} ÷ ${plain(sum)} 的比例放大。`,
  };
}

function writtenWeight(i: Indicator): Decimal | null {
  return i.weight === null ? null : dec(i.weight);
}

function sumKnown(values: (number | null)[]): Decimal | null {
  let known = false;
  let integers = true;
  let sum = 0;
  for (const v of values) {
    if (v === null) continue;
    known = true;
    if (integers && Number.isInteger(v)) sum += v;
    else integers = false;
  }
  if (!known) return null;
  // Whole points (weights, most scores) add up exactly as integers while the sum stays safe,
  // giving the very decimal the decimal sum gives; anything else is added as decimals.
  if (integers && Number.isSafeInteger(sum)) return dec(sum);
  return sumNumbers(values);
}

const ONE = dec(1);

/**
 * Whether B/A and the reported rate agree as percentages rounded to `places`:
 * round(B/A × 100, places) against round(reported × 100, places), B/A being the budget's own
 * quotient (not worked out a second time). A 40-digit quotient times 100 is exact, so the first
 * is B/A rounded to places + 2, which its exact quotient gives (decimal/quotientRound); so does
 * the reported rate read as a quotient over 1.
 */
function sameRate(budget: BudgetComputation, reported: number, places: number): boolean {
  const q = budget.quotient;
  const r = q === null ? null : quotientOf(dec(reported), ONE);
  const a = q === null ? null : quotientRound(q, places + 2);
  const b = r === null ? null : quotientRound(r, places + 2);
  if (a !== null && b !== null) return a === b;
  const rate = rateOf(budget);
  if (rate === null) return true;
  return round(rate.times(100), places).equals(round(dec(reported).times(100), places));
}

/**
 * The key of the profile's rules, made at most once per form and only for a row remembered from
 * a recent form (the editor's): bulk scoring never asks for it. The closure is returned unnamed:
 * under tsx a closure bound to a named const is given its name (a property definition) each
 * time it is made, which cost about 1% of the import-score-check pipeline.
 */
function lazyRulesKey(profile: Profile): () => string {
  let rules: string | undefined;
  return () => {
    rules ??= rulesKey(profile);
    return rules;
  };
}

export function score(evaluation: Evaluation, profile: Profile): ScoreResult {
  const places = profile.rounding.score;
  const pct = profile.rounding.percent;
  const notes: string[] = [];
  const differences: ScoreDifference[] = [];

  const budget = scoreBudget(evaluation.budget, profile);
  const b = budget.result;
  if (b.rate.computed !== null && b.rate.reported !== null) {
    // Compare at the precision the form printed (100% vs 99.96% is the same figure printed whole).
    const text = String(b.rate.reported);
    const printed = text.includes('.') ? Math.max(0, text.length - text.indexOf('.') - 3) : 0;
    const places = Math.min(printed, pct);
    if (!sameRate(budget, b.rate.reported, places)) {
      differences.push({
        path: 'budget.rate',
        what: 'rate',
        reported: b.rate.reported,
        computed: b.rate.computed,
        message: `执行率填报 ${plain(dec(b.rate.reported).times(100))}%，按执行数 ÷ 预算数计算为 ${plain(round(dec(b.rate.computed).times(100), pct))}%。`,
      });
    }
  }
  if (
    b.score.computed !== null &&
    b.score.reported !== null &&
    !sameAtReportedPrecision(b.score.reported, dec(b.score.computed), places)
  ) {
    differences.push({
      path: 'budget.score',
      what: 'budget-score',
      reported: b.score.reported,
      computed: b.score.computed,
      message: `预算执行得分填报 ${plain(b.score.reported)} 分，按 ${plain(b.weight)}分 × 执行率计算为 ${plain(b.score.computed)} 分。`,
    });
  }
  if (b.weightReported !== null) {
    differences.push({
      path: 'budget.weight',
      what: 'budget-weight',
      reported: b.weightReported,
      computed: b.weight,
      message: `预算执行分值填报 ${plain(b.weightReported)} 分，评分规则“${profile.name}”规定为 ${plain(b.weight)} 分。`,
    });
  }

  const { weights, note } = effectiveWeights(evaluation, profile);
  if (note) notes.push(note);
  const indicators: IndicatorScore[] = [];
  const computedParts: (number | null)[] = [];
  let complete = b.score.computed !== null;
  const rulesOf = lazyRulesKey(profile);
  const recent = recentRows(evaluation.indicators);
  evaluation.indicators.forEach((ind, k) => {
    const r = scoreIndicatorRemembered(
      ind,
      k,
      weights === null ? undefined : (weights[k] ?? null),
      writtenWeight,
      profile,
      rulesOf,
      recent(ind, k),
    );
    indicators.push(r.result);
    if (r.result.status === 'not-applicable') return;
    if (r.computed !== null) {
      // the rounded score as a JSON number (what `result.computed` holds), as the total adds it
      computedParts.push(r.result.computed);
    } else {
      // No formula score: the reported one stands in, and the total is marked incomplete.
      complete = false;
      computedParts.push(ind.score);
    }
    if (r.result.difference !== null) {
      differences.push({
        path: `indicators[${k}].score`,
        what: 'indicator-score',
        reported: ind.score,
        computed: r.result.computed,
        message: `“${ind.name}”填报得分 ${plain(ind.score ?? 0)} 分，按公式计算为 ${plain(r.result.computed ?? 0)} 分，相差 ${plain(Math.abs(r.result.difference))} 分。`,
      });
    }
  });

  const counts: Record<IndicatorStatus, number> = {
    scored: 0,
    qualitative: 0,
    unverifiable: 0,
    unscorable: 0,
    'not-applicable': 0,
  };
  for (const i of indicators) counts[i.status]++;
  if (counts.unverifiable > 0) {
    notes.push(
      `${counts.unverifiable} 个指标未填分值（权重），无法按公式核验其得分；计算总分时以填报得分代替。`,
    );
  }

  const applicable = evaluation.indicators.filter((i) => i.applicable !== false);
  const indicatorsReported = sumKnown(applicable.map((i) => i.score));
  const indicatorsComputed = sumKnown(computedParts);
  const budgetReported = b.score.reported;
  const reportedSum =
    budgetReported === null && indicatorsReported === null
      ? null
      : dec(budgetReported ?? 0).plus(indicatorsReported ?? 0);
  const computedTotal =
    budget.computed === null && indicatorsComputed === null
      ? null
      : (budget.computed ?? dec(budgetReported ?? 0)).plus(indicatorsComputed ?? 0);
  const weightSum = applicable.some((i) => i.weight === null)
    ? null
    : sumKnown(applicable.map((i) => i.weight));

  const total = evaluation.totalReported;
  // `compare` rather than `equals`, which copies its argument on every call (decimal/compare)
  if (total !== null && reportedSum !== null && compare(dec(total), round(reportedSum, places)) !== 0) {
    differences.push({
      path: 'totalReported',
      what: 'total',
      reported: total,
      computed: numberOf(round(reportedSum, places)),
      message: `总分与分项合计不符：预算执行得分 ${plain(budgetReported ?? 0)} + 指标得分合计 ${plain(indicatorsReported ?? 0)} = ${plain(round(reportedSum, places))}，填报总分 ${plain(total)}，相差 ${plain(dec(total).minus(reportedSum).abs())} 分。`,
    });
  }

  const computedGrade = gradeFor(computedTotal, profile);
  const fromReported = gradeFor(total, profile);
  if (evaluation.grade !== null && fromReported !== null && evaluation.grade.trim() !== fromReported) {
    differences.push({
      path: 'grade',
      what: 'grade',
      reported: evaluation.grade,
      computed: fromReported,
      message: `自评等级填报“${evaluation.grade}”，按填报总分 ${plain(total ?? 0)} 应为“${fromReported}”。`,
    });
  }

  return {
    profile: profile.id,
    budget: b,
    indicators,
    totals: {
      computed: computedTotal === null ? null : numberOf(round(computedTotal, places)),
      computedComplete: complete && computedTotal !== null,
      reportedSum: reportedSum === null ? null : numberOf(round(reportedSum, places)),
      indicatorsReported: indicatorsReported === null ? null : numberOf(round(indicatorsReported, places)),
      indicatorsComputed: indicatorsComputed === null ? null : numberOf(round(indicatorsComputed, places)),
      reported: total,
      weightSum: weightSum === null ? null : numberOf(round(weightSum, places)),
    },
    grade: { computed: computedGrade, fromReported, reported: evaluation.grade },
    counts,
    differences,
    notes,
  };
}
