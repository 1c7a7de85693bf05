/** What the scoring engine says about an evaluation; numbers are rounded JSON numbers. */

/**
 * scored: the weight is known and the formula gave a score;
 * qualitative: the unit picks a score inside its grade's band, so only the band can be checked;
 * unverifiable: no weight, so the reported score cannot be checked against a formula;
 * unscorable: a weight is known but target/actual do not allow a formula (units differ, missing actual …);
 * not-applicable: the indicator does not apply this year; its weight went to the others.
 */
export type IndicatorStatus = 'scored' | 'qualitative' | 'unverifiable' | 'unscorable' | 'not-applicable';

export type Formula =
  | 'positive'
  | 'reverse-ratio'
  | 'reverse-linear'
  | 'equal'
  | 'equal-zero'
  | 'range'
  | 'qualitative'
  | null;

export interface IndicatorScore {
  index: number;
  /** `indicators[3]` */
  path: string;
  name: string;
  status: IndicatorStatus;
  formula: Formula;
  /** true when the target had no operator and was scored as ≥ (to be flagged) */
  directionAssumed: boolean;
  /** the weight as given on the form */
  weight: number | null;
  /** the weight used after rescaling for indicators that do not apply */
  effectiveWeight: number | null;
  /** actual ÷ target for positive targets (target ÷ actual for reverse), as a fraction; null when not computable */
  ratio: number | null;
  /** true when the ratio reaches the profile's overshoot threshold */
  overshoot: boolean;
  /** true when the target was met */
  met: boolean | null;
  computed: number | null;
  reported: number | null;
  /** reported − computed, when both are known and differ */
  difference: number | null;
  /** for qualitative indicators with a grade: the band the score must fall in */
  band: { grade: string; min: number; max: number; maxInclusive: boolean } | null;
  /** the Chinese explanation of how the score came about */
  explanation: string;
}

export interface ScoreDifference {
  path: string;
  /** what differs: rate, budget-score, indicator-score, total, grade, budget-weight */
  what: string;
  reported: number | string | null;
  computed: number | string | null;
  message: string;
}

export interface BudgetScore {
  planned: number | null;
  executed: number | null;
  rate: { computed: number | null; reported: number | null };
  weight: number;
  /** the weight printed on the form, when it differs from the profile's */
  weightReported: number | null;
  score: { computed: number | null; reported: number | null };
  explanation: string;
}

export interface ScoreResult {
  profile: string;
  budget: BudgetScore;
  indicators: IndicatorScore[];
  totals: {
    /** budget + indicator scores by the formulas, reported scores standing in for unverifiable ones */
    computed: number | null;
    /** true when every part of `computed` came from a formula (nothing stood in) */
    computedComplete: boolean;
    /** budget reported score + Σ reported indicator scores */
    reportedSum: number | null;
    /** Σ reported indicator scores */
    indicatorsReported: number | null;
    /** Σ computed indicator scores (stand-ins included) */
    indicatorsComputed: number | null;
    /** the total printed on the form */
    reported: number | null;
    /** Σ weights of the applicable indicators, when all are known */
    weightSum: number | null;
  };
  grade: { computed: string | null; fromReported: string | null; reported: string | null };
  counts: Record<IndicatorStatus, number>;
  differences: ScoreDifference[];
  /** what the engine could not check and why, in Chinese */
  notes: string[];
}
