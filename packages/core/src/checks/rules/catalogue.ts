/**
 * The rule catalogue, in the order findings of equal severity are reported: by class A→F; within
 * a class the whole form's sums before single rows, the budget block before the indicators, and
 * the more serious gaps first. Each rule is its own module beside its test.
 */
import type { Rule } from '../types.ts';
import { actualNotAValue } from './actual-not-a-value.ts';
import { allFullMarksNoNarrative } from './all-full-marks-no-narrative.ts';
import { basicSpendingZero } from './basic-spending-zero.ts';
import { budgetLinesMismatch } from './budget-lines-mismatch.ts';
import { budgetRateMismatch } from './budget-rate-mismatch.ts';
import { budgetScoreMismatch } from './budget-score-mismatch.ts';
import { budgetSharpChange } from './budget-sharp-change.ts';
import { budgetWeightMismatch } from './budget-weight-mismatch.ts';
import { copiedFromLastYear } from './copied-from-last-year.ts';
import { deviationMissing } from './deviation-missing.ts';
import { duplicateIndicator } from './duplicate-indicator.ts';
import { executedExceedsPlanned } from './executed-exceeds-planned.ts';
import { goalMissing } from './goal-missing.ts';
import { goalWithoutIndicators } from './goal-without-indicators.ts';
import { gradeMismatch } from './grade-mismatch.ts';
import { headerMissing } from './header-missing.ts';
import { implausibleSatisfaction } from './implausible-satisfaction.ts';
import { indicatorDisappeared } from './indicator-disappeared.ts';
import { level1Missing } from './level1-missing.ts';
import { level1NonStandard } from './level1-non-standard.ts';
import { level2Missing } from './level2-missing.ts';
import { level2NonStandard } from './level2-non-standard.ts';
import { level2WrongParent } from './level2-wrong-parent.ts';
import { lowExecutionUnexplained } from './low-execution-unexplained.ts';
import { moneyInWrongLevel1 } from './money-in-wrong-level1.ts';
import { narrativeBoilerplate } from './narrative-boilerplate.ts';
import { narrativeMissing } from './narrative-missing.ts';
import { overshootUnexplained } from './overshoot-unexplained.ts';
import { qualitativeScoreOutOfBand } from './qualitative-score-out-of-band.ts';
import { satisfactionAllRound } from './satisfaction-all-round.ts';
import { satisfactionOutsideSatisfaction } from './satisfaction-outside-satisfaction.ts';
import { scoreExceedsWeight } from './score-exceeds-weight.ts';
import { scoreFormulaMismatch } from './score-formula-mismatch.ts';
import { scoreMissing } from './score-missing.ts';
import { scoreNegative } from './score-negative.ts';
import { targetBelowLastActual } from './target-below-last-actual.ts';
import { targetInName } from './target-in-name.ts';
import { targetNoOperator } from './target-no-operator.ts';
import { targetNotAValue } from './target-not-a-value.ts';
import { targetSetLow } from './target-set-low.ts';
import { totalMismatch } from './total-mismatch.ts';
import { unitMissing } from './unit-missing.ts';
import { unitsIncomparable } from './units-incomparable.ts';
import { valueMissing } from './value-missing.ts';
import { weightImplausible } from './weight-implausible.ts';
import { weightsSumMismatch } from './weights-sum-mismatch.ts';

export const RULE_CATALOGUE: readonly Rule[] = [
  // A — arithmetic
  totalMismatch,
  gradeMismatch,
  budgetRateMismatch,
  budgetScoreMismatch,
  budgetWeightMismatch,
  budgetLinesMismatch,
  executedExceedsPlanned,
  weightsSumMismatch,
  scoreNegative,
  scoreExceedsWeight,
  scoreFormulaMismatch,
  qualitativeScoreOutOfBand,
  // B — completeness
  headerMissing,
  goalMissing,
  goalWithoutIndicators,
  valueMissing,
  actualNotAValue,
  scoreMissing,
  deviationMissing,
  overshootUnexplained,
  lowExecutionUnexplained,
  narrativeMissing,
  narrativeBoilerplate,
  // C — target quality
  targetNotAValue,
  targetInName,
  targetNoOperator,
  unitMissing,
  unitsIncomparable,
  targetSetLow,
  // D — classification
  level1Missing,
  level2Missing,
  level1NonStandard,
  level2NonStandard,
  level2WrongParent,
  moneyInWrongLevel1,
  satisfactionOutsideSatisfaction,
  // E — plausibility
  implausibleSatisfaction,
  weightImplausible,
  allFullMarksNoNarrative,
  satisfactionAllRound,
  duplicateIndicator,
  basicSpendingZero,
  // F — history
  targetBelowLastActual,
  copiedFromLastYear,
  indicatorDisappeared,
  budgetSharpChange,
];
