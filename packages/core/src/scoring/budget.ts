/** The budget block: execution rate B/A and the budget score weight × min(B/A, 1). */
import {
  compare,
  type Decimal,
  dec,
  min,
  numberOf,
  percentText,
  plain,
  round,
  roundNumber,
} from '../decimal/decimal.ts';
import type { Budget } from '../model/evaluation.ts';
import type { Profile } from '../profiles/schema.ts';
import type { BudgetScore } from './types.ts';

export interface BudgetComputation {
  result: BudgetScore;
  /** the computed score as an exact decimal, for the total */
  computed: Decimal | null;
  /** the exact execution rate B/A (null when it cannot be computed), for comparing the reported one */
  rate: Decimal | null;
}

const ONE = dec(1);

export function scoreBudget(budget: Budget, profile: Profile): BudgetComputation {
  const weight = dec(profile.budgetWeight);
  const { planned, executed } = budget;
  const money = budget.moneyUnit || '万元';
  const pct = profile.rounding.percent;
  let rate: Decimal | null = null;
  let explanation: string;

  if (planned === null || executed === null) {
    explanation = `${planned === null ? '全年预算数' : '全年执行数'}未填写，无法计算执行率和预算执行得分。`;
  } else if (planned <= 0) {
    explanation = `全年预算数为 ${plain(planned)}${money}，无法计算执行率（B/A）。`;
  } else if (executed < 0) {
    explanation = `全年执行数为负数（${plain(executed)}${money}），无法计算执行率。`;
  } else {
    rate = dec(executed).dividedBy(planned);
    const rateText = percentText(rate, pct);
    explanation =
      `执行率 = 执行数 ${plain(executed)} ÷ 预算数 ${plain(planned)} = ${rateText}；` +
      `得分 = ${plain(weight)}分 × ${compare(rate, ONE) > 0 ? '100%（执行率超过100%按100%计）' : rateText}`;
  }

  // weight × min(rate, 1); a capped rate is the weight itself (weight × 1 is the same decimal)
  const capped = rate === null ? null : min(rate, ONE);
  const computed =
    capped === null ? null : round(capped === ONE ? weight : weight.times(capped), profile.rounding.score);
  if (computed !== null) explanation += ` = ${plain(computed)}分。`;

  const weightReported =
    budget.weight !== null && budget.weight !== profile.budgetWeight ? budget.weight : null;
  return {
    computed,
    rate,
    result: {
      planned,
      executed,
      rate: { computed: rate === null ? null : roundNumber(rate, 6), reported: budget.rate },
      weight: profile.budgetWeight,
      weightReported,
      score: { computed: computed === null ? null : numberOf(computed), reported: budget.score },
      explanation,
    },
  };
}
