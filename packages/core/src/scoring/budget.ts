/** The budget block: execution rate B/A and the budget score weight × min(B/A, 1). */
import {
  compare,
  type Decimal,
  dec,
  min,
  numberOf,
  percentText,
  plain,
  type Quotient,
  quotientNumber,
  quotientOf,
  quotientOfNumbers,
  quotientPercentText,
  quotientTimesRound,
  round,
  roundNumber,
  scaledDecimal,
} from '../decimal/decimal.ts';
import type { Budget } from '../model/evaluation.ts';
import type { Profile } from '../profiles/schema.ts';
import type { BudgetScore } from './types.ts';

export interface BudgetComputation {
  result: BudgetScore;
  /** the computed score as an exact decimal, for the total */
  computed: Decimal | null;
  /**
   * the execution rate B/A as decimal.js's quotient, for comparing the reported one; null when it
   * cannot be computed, or when `quotient` gives it (then it is made only if needed: `rateOf`)
   */
  rate: Decimal | null;
  /** B/A as an exact quotient of safe integers, when it is one */
  quotient: Quotient | null;
}

/** The execution rate as decimal.js's 40-digit quotient (the same rational as the quotient). */
export function rateOf(budget: BudgetComputation): Decimal | null {
  return (
    budget.rate ?? (budget.quotient === null ? null : dec(budget.quotient.n).dividedBy(budget.quotient.d))
  );
}

/**
 * B/A worked out from its exact quotient (decimal/quotientRound): the rate rounded to 6 places,
 * its percentage, whether it exceeds 1, and the score; null when any of them cannot be told
 * from the integers, and decimal.js works them out.
 */
function fromQuotient(
  q: Quotient,
  weight: Decimal,
  profile: Profile,
): { rate: number; text: string; over: boolean; computed: Decimal } | null {
  const places = profile.rounding.score;
  const rate = quotientNumber(q, 6);
  const text = quotientPercentText(q, profile.rounding.percent);
  if (rate === null || text === null) return null;
  // weight × min(rate, 1), as below
  if (q.n >= q.d) return { rate, text, over: q.n > q.d, computed: round(weight, places) };
  const scaled = quotientTimesRound(q, weight, places);
  return scaled === null ? null : { rate, text, over: false, computed: scaledDecimal(scaled, places) };
}

const ONE = dec(1);

export function scoreBudget(budget: Budget, profile: Profile): BudgetComputation {
  const weight = dec(profile.budgetWeight);
  const { planned, executed } = budget;
  const money = budget.moneyUnit || '万元';
  const pct = profile.rounding.percent;
  let rate: Decimal | null = null;
  let quotient: Quotient | null = null;
  let exact: ReturnType<typeof fromQuotient> = null;
  let explanation: string;

  if (planned === null || executed === null) {
    explanation = `${planned === null ? '全年预算数' : '全年执行数'}未填写，无法计算执行率和预算执行得分。`;
  } else if (planned <= 0) {
    explanation = `全年预算数为 ${plain(planned)}${money}，无法计算执行率（B/A）。`;
  } else if (executed < 0) {
    explanation = `全年执行数为负数（${plain(executed)}${money}），无法计算执行率。`;
  } else {
    // the amounts as JSON numbers when they can be read so (no decimals), else as decimals
    quotient = quotientOfNumbers(executed, planned) ?? quotientOf(dec(executed), dec(planned));
    exact = quotient === null ? null : fromQuotient(quotient, weight, profile);
    if (exact !== null) {
      explanation =
        `执行率 = 执行数 ${plain(executed)} ÷ 预算数 ${plain(planned)} = ${exact.text}；` +
        `得分 = ${plain(weight)}分 × ${exact.over ? '100%（执行率超过100%按100%计）' : exact.text}` +
        ` = ${plain(exact.computed)}分。`;
    } else {
      quotient = null;
      rate = dec(executed).dividedBy(planned);
      const rateText = percentText(rate, pct);
      explanation =
        `执行率 = 执行数 ${plain(executed)} ÷ 预算数 ${plain(planned)} = ${rateText}；` +
        `得分 = ${plain(weight)}分 × ${compare(rate, ONE) > 0 ? '100%（执行率超过100%按100%计）' : rateText}`;
    }
  }

  // weight × min(rate, 1); a capped rate is the weight itself (weight × 1 is the same decimal)
  const capped = rate === null ? null : min(rate, ONE);
  const computed =
    exact !== null
      ? exact.computed
      : capped === null
        ? null
        : round(capped === ONE ? weight : weight.times(capped), profile.rounding.score);
  if (computed !== null && exact === null) explanation += ` = ${plain(computed)}分。`;

  const weightReported =
    budget.weight !== null && budget.weight !== profile.budgetWeight ? budget.weight : null;
  return {
    computed,
    rate,
    quotient,
    result: {
      planned,
      executed,
      rate: {
        computed: exact !== null ? exact.rate : rate === null ? null : roundNumber(rate, 6),
        reported: budget.rate,
      },
      weight: profile.budgetWeight,
      weightReported,
      score: { computed: computed === null ? null : numberOf(computed), reported: budget.score },
      explanation,
    },
  };
}
