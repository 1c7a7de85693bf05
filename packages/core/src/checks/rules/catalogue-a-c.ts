/**
 * Rules of classes A (arithmetic), B (completeness) and C (target quality), in the order their
 * findings are reported: the whole form's sums before single rows, the budget block before the
 * indicators, and within a class the more serious gaps first.
 */
import type { Rule } from '../types.ts';
import { actualNotAValue } from './actual-not-a-value.ts';
import { budgetLinesMismatch } from './budget-lines-mismatch.ts';
import { budgetRateMismatch } from './budget-rate-mismatch.ts';
import { budgetScoreMismatch } from './budget-score-mismatch.ts';
import { budgetWeightMismatch } from './budget-weight-mismatch.ts';
import { deviationMissing } from './deviation-missing.ts';
import { executedExceedsPlanned } from './executed-exceeds-planned.ts';
import { goalMissing } from './goal-missing.ts';
import { goalWithoutIndicators } from './goal-without-indicators.ts';
import { gradeMismatch } from './grade-mismatch.ts';
import { headerMissing } from './header-missing.ts';
import { lowExecutionUnexplained } from './low-execution-unexplained.ts';
import { narrativeBoilerplate } from './narrative-boilerplate.ts';
import { narrativeMissing } from './narrative-missing.ts';
import { overshootUnexplained } from './overshoot-unexplained.ts';
import { qualitativeScoreOutOfBand } from './qualitative-score-out-of-band.ts';
import { scoreExceedsWeight } from './score-exceeds-weight.ts';
import { scoreFormulaMismatch } from './score-formula-mismatch.ts';
import { scoreMissing } from './score-missing.ts';
import { scoreNegative } from './score-negative.ts';
import { targetInName } from './target-in-name.ts';
import { targetNoOperator } from './target-no-operator.ts';
import { targetNotAValue } from './target-not-a-value.ts';
import { targetSetLow } from './target-set-low.ts';
import { totalMismatch } from './total-mismatch.ts';
import { unitMissing } from './unit-missing.ts';
import { unitsIncomparable } from './units-incomparable.ts';
import { valueMissing } from './value-missing.ts';
import { weightsSumMismatch } from './weights-sum-mismatch.ts';

export const RULES_A_TO_C: readonly Rule[] = [
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
];
