/** Rules of classes D (classification), E (plausibility) and F (history). */
import type { Rule } from '../types.ts';
import { allFullMarksNoNarrative } from './all-full-marks-no-narrative.ts';
import { basicSpendingZero } from './basic-spending-zero.ts';
import { budgetSharpChange } from './budget-sharp-change.ts';
import { copiedFromLastYear } from './copied-from-last-year.ts';
import { duplicateIndicator } from './duplicate-indicator.ts';
import { implausibleSatisfaction } from './implausible-satisfaction.ts';
import { indicatorDisappeared } from './indicator-disappeared.ts';
import { level1Missing } from './level1-missing.ts';
import { level1NonStandard } from './level1-non-standard.ts';
import { level2Missing } from './level2-missing.ts';
import { level2NonStandard } from './level2-non-standard.ts';
import { level2WrongParent } from './level2-wrong-parent.ts';
import { moneyInWrongLevel1 } from './money-in-wrong-level1.ts';
import { satisfactionAllRound } from './satisfaction-all-round.ts';
import { satisfactionOutsideSatisfaction } from './satisfaction-outside-satisfaction.ts';
import { targetBelowLastActual } from './target-below-last-actual.ts';
import { weightImplausible } from './weight-implausible.ts';

export const RULES_D_TO_F: readonly Rule[] = [
  level1Missing,
  level2Missing,
  level1NonStandard,
  level2NonStandard,
  level2WrongParent,
  moneyInWrongLevel1,
  satisfactionOutsideSatisfaction,
  implausibleSatisfaction,
  weightImplausible,
  allFullMarksNoNarrative,
  satisfactionAllRound,
  duplicateIndicator,
  basicSpendingZero,
  targetBelowLastActual,
  copiedFromLastYear,
  indicatorDisappeared,
  budgetSharpChange,
];
