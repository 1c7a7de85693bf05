/**
 * One indicator's score by the profile's formulas (domain.md §3):
 * positive (≥, >, or no operator) w × min(B/A, 1); reverse (≤, <) w × min(A/B, 1) or the linear
 * variant; `=` full marks when met; ranges full marks inside the range; qualitative scores are
 * the unit's choice inside the band of its grade. A score never exceeds its weight.
 */
import {
  type Comparand,
  comparandOf,
  compare,
  type Decimal,
  dec,
  max,
  min,
  numberOf,
  percentText,
  plain,
  type Quotient,
  quotientCompareScaled,
  quotientNumber,
  quotientOf,
  quotientOfNumbers,
  quotientPercentText,
  quotientTimesRound,
  round,
  scaledDecimal,
} from '../decimal/decimal.ts';
import type { Indicator, Value } from '../model/evaluation.ts';
import type { Profile } from '../profiles/schema.ts';
import { comparable, scalesAlike } from '../values/units.ts';
import type { Formula, IndicatorScore } from './types.ts';

export interface IndicatorComputation {
  result: IndicatorScore;
  /** the exact computed score (null when none) */
  computed: Decimal | null;
}

const ONE = dec(1);
const ZERO = dec(0);

function show(v: Value): string {
  return v.raw.trim() === '' ? '（空）' : v.raw.trim();
}

/** A quantitative value without its operator ("12次" for "≥12次"), so "实际 19次 ≥ 目标 12次" reads right. */
function bare(v: Value): string {
  if (v.kind !== 'quantitative' || v.value === null) return show(v);
  const upper = v.upper !== undefined && v.upper !== null ? `-${plain(v.upper)}` : '';
  return `${plain(v.value)}${upper}${v.unit ?? ''}`;
}

interface FormulaOutcome {
  formula: Formula;
  /** achieved share of the weight, 0…1 */
  share: Decimal | null;
  ratio: Decimal | null;
  /**
   * The ratio as an exact quotient of safe integers, when it is one (then `ratio` may be left
   * null): most rows need of it only its 6-place rounding, a percentage and a comparison, which
   * the quotient gives exactly without the 40-digit division (decimal/quotientRound).
   */
  quotient?: Quotient;
  /**
   * The share as an exact quotient below 1 (then `share` is null): the score is the weight times
   * it, which decimal/quotientTimesRound gives exactly in most cases.
   */
  shareQuotient?: Quotient;
  met: boolean | null;
  text: string;
  unscorable?: string;
  /** a fraction the text already shows as a percentage, so the score's text need not format it again */
  shown?: { of: Decimal | Quotient; text: string };
}

/**
 * A positive target's outcome from the exact quotient actual ÷ target (target > 0, actual ≥ 0)
 * and its percentage; null when the share is needed as a decimal.
 */
function positiveExact(
  q: Quotient,
  percent: string,
  met: boolean,
  op: '>=' | '>' | null,
  t: string,
  a: string,
): FormulaOutcome | null {
  const label = op === null ? '正向指标（目标未写运算符，按“≥”计）' : '正向指标';
  if (met) {
    // A met row's score is its weight: the ratio is only shown, so no decimal quotient is made.
    return {
      formula: 'positive',
      share: ONE,
      ratio: null,
      quotient: q,
      met,
      text: `${label}：实际 ${a} ${op === '>' ? '>' : '≥'} 目标 ${t}，完成 ${percent}，达成`,
    };
  }
  if (q.n < q.d) {
    // 0 ≤ B ÷ A < 1 is the share itself: the score is worked out from the quotient.
    return {
      formula: 'positive',
      share: null,
      ratio: null,
      quotient: q,
      shareQuotient: q,
      met,
      text: `${label}：实际 ${a} ÷ 目标 ${t} = ${percent}`,
      shown: { of: q, text: percent },
    };
  }
  return null;
}

/**
 * A reverse target's outcome from the JSON numbers A (target) and B (actual) of one scale, as the
 * general path below works it out from their decimals; null where that path needs decimals (a
 * target not above 0 that is missed, the linear formula, a share of 1, figures too long).
 */
function reverseAsWritten(
  A: number,
  B: number,
  op: '<=' | '<',
  t: string,
  a: string,
  profile: Profile,
): FormulaOutcome | null {
  const met = op === '<' ? B < A : B <= A;
  if (met) {
    // the ratio A ÷ B is only reported, and none is for an actual of 0
    const q = B === 0 ? null : quotientOfNumbers(A, B);
    if (B !== 0 && q === null) return null;
    return {
      formula: profile.formulas.reverse === 'linear' ? 'reverse-linear' : 'reverse-ratio',
      share: ONE,
      ratio: null,
      quotient: q ?? undefined,
      met,
      text: `反向指标：实际 ${a} ${op === '<' ? '<' : '≤'} 目标 ${t}，达成`,
    };
  }
  if (!(A > 0) || profile.formulas.reverse === 'linear') return null;
  const q = quotientOfNumbers(A, B);
  const exactText = q === null ? null : quotientPercentText(q, profile.rounding.percent);
  return q === null || exactText === null ? null : reverseShare(q, exactText, met, t, a);
}

/**
 * A missed reverse target whose ratio target ÷ actual is below 1: that ratio is the share itself,
 * and the score is worked out from the quotient. Null for a ratio of 1 or more.
 */
function reverseShare(
  q: Quotient,
  exactText: string,
  met: boolean,
  t: string,
  a: string,
): FormulaOutcome | null {
  if (q.n >= q.d) return null;
  return {
    formula: 'reverse-ratio',
    share: null,
    ratio: null,
    quotient: q,
    shareQuotient: q,
    met,
    text: `反向指标：目标 ${t} ÷ 实际 ${a} = ${exactText}`,
    shown: { of: q, text: exactText },
  };
}

/** The formula part, independent of the weight: what share of the weight the actual earns. */
function applyFormula(target: Value, actual: Value, profile: Profile): FormulaOutcome {
  if (target.kind === 'empty') {
    return { formula: null, share: null, ratio: null, met: null, text: '', unscorable: '未填目标值' };
  }
  if (target.kind === 'qualitative' || target.kind === 'deadline') {
    return { formula: 'qualitative', share: null, ratio: null, met: null, text: '' };
  }
  if (actual.kind === 'empty') {
    return { formula: null, share: null, ratio: null, met: null, text: '', unscorable: '未填实际完成值' };
  }
  // The texts of the two values, only once a message will show them (empty and qualitative
  // targets return above without one).
  const t = bare(target);
  const a = bare(actual);
  if (actual.kind !== 'quantitative') {
    return {
      formula: null,
      share: null,
      ratio: null,
      met: null,
      text: '',
      unscorable: `目标 ${t} 为定量值，实际完成值“${a}”不是数值`,
    };
  }
  if ((target.upper === undefined || target.upper === null) && scalesAlike(target, actual)) {
    // The common row, a target against an actual in the same unit: the JSON numbers order as
    // their decimals do and give the quotient of those decimals (decimal/quotientOfNumbers), a
    // unit's factor common to both cancelling, so no decimal is made. What this cannot tell goes
    // the general way below, to the same result.
    const A = target.value as number;
    const B = actual.value as number;
    const op = target.op;
    if (op === '>=' || op === '>' || op === null) {
      const q = A > 0 ? quotientOfNumbers(B, A) : null;
      const text = q === null ? null : quotientPercentText(q, profile.rounding.percent);
      const met = op === '>' ? B > A : B >= A;
      const exact = q === null || text === null ? null : positiveExact(q, text, met, op, t, a);
      if (exact !== null) return exact;
    } else if (op === '<=' || op === '<') {
      const exact = reverseAsWritten(A, B, op, t, a, profile);
      if (exact !== null) return exact;
    }
  }
  const pair = comparable(target, actual);
  if (!pair) {
    return {
      formula: null,
      share: null,
      ratio: null,
      met: null,
      text: '',
      unscorable: `目标单位“${target.unit ?? ''}”与实际单位“${actual.unit ?? ''}”不可比`,
    };
  }
  const A = pair.a;
  const B = pair.b;
  const op = target.op;

  if (target.upper !== undefined && target.upper !== null) {
    // A range "90%-95%": inside is met; below scores like a positive target, above like a reverse one.
    const upperValue: Value = { ...target, value: target.upper, upper: null };
    const U = comparable(upperValue, actual)?.a ?? null;
    if (U === null)
      return { formula: null, share: null, ratio: null, met: null, text: '', unscorable: '区间目标无法比较' };
    if (compare(B, A) >= 0 && compare(B, U) <= 0) {
      return {
        formula: 'range',
        share: ONE,
        ratio: ONE,
        met: true,
        text: `区间指标：实际 ${a} 在目标 ${t} 之内，达成`,
      };
    }
    if (compare(B, A) < 0) {
      const r = A.isZero() ? ZERO : B.dividedBy(A);
      return {
        formula: 'range',
        share: max(r, ZERO),
        ratio: r,
        met: false,
        text: `区间指标：实际 ${a} 低于目标下限，完成比例 ${percentText(r, profile.rounding.percent)}`,
      };
    }
    const r = U.dividedBy(B);
    return {
      formula: 'range',
      share: r,
      ratio: r,
      met: false,
      text: `区间指标：实际 ${a} 高于目标上限，得分比例 = 上限 ÷ 实际 = ${percentText(r, profile.rounding.percent)}`,
    };
  }

  if (op === '>=' || op === '>' || op === null) {
    const met = op === '>' ? compare(B, A) > 0 : compare(B, A) >= 0;
    const label = op === null ? '正向指标（目标未写运算符，按“≥”计）' : '正向指标';
    if (compare(A, ZERO) <= 0) {
      // B/A means nothing for a zero or negative target; the target is simply met or not.
      return {
        formula: 'positive',
        share: met ? ONE : ZERO,
        ratio: null,
        met,
        text: `${label}：目标 ${t} 不大于0，按是否达到计分，实际 ${a}，${met ? '达成' : '未达成'}`,
      };
    }
    const q = quotientOf(B, A);
    const exactText = q === null ? null : quotientPercentText(q, profile.rounding.percent);
    const exact = q === null || exactText === null ? null : positiveExact(q, exactText, met, op, t, a);
    if (exact !== null) return exact;
    const ratio = B.dividedBy(A);
    if (met) {
      return {
        formula: 'positive',
        share: ONE,
        ratio,
        met,
        text: `${label}：实际 ${a} ${op === '>' ? '>' : '≥'} 目标 ${t}，完成 ${percentText(ratio, profile.rounding.percent)}，达成`,
      };
    }
    const share = max(min(ratio, ONE), ZERO);
    const shown = exactText ?? percentText(ratio, profile.rounding.percent);
    return {
      formula: 'positive',
      share,
      ratio,
      quotient: q ?? undefined,
      met,
      text: `${label}：实际 ${a} ÷ 目标 ${t} = ${shown}`,
      shown: { of: ratio, text: shown },
    };
  }

  if (op === '<=' || op === '<') {
    const met = op === '<' ? compare(B, A) < 0 : compare(B, A) <= 0;
    if (met) {
      // the ratio is only reported (rounded), which its exact quotient gives when there is one
      const q = B.isZero() ? null : quotientOf(A, B);
      const ratio = B.isZero() || q !== null ? null : A.dividedBy(B);
      return {
        formula: profile.formulas.reverse === 'linear' ? 'reverse-linear' : 'reverse-ratio',
        share: ONE,
        ratio,
        quotient: q ?? undefined,
        met,
        text: `反向指标：实际 ${a} ${op === '<' ? '<' : '≤'} 目标 ${t}，达成`,
      };
    }
    if (compare(A, ZERO) <= 0) {
      return {
        formula: profile.formulas.reverse === 'linear' ? 'reverse-linear' : 'reverse-ratio',
        share: ZERO,
        ratio: null,
        met,
        text: `反向指标：目标 ${t}，实际 ${a} 超出目标，未达成`,
      };
    }
    if (profile.formulas.reverse === 'linear') {
      const share = max(ZERO, ONE.minus(B.minus(A).dividedBy(A)));
      const shown = percentText(share, profile.rounding.percent);
      return {
        formula: 'reverse-linear',
        share,
        ratio: A.dividedBy(B),
        met,
        text: `反向指标（线性法）：得分比例 = 1 − (实际 ${a} − 目标 ${t}) ÷ 目标 = ${shown}`,
        shown: { of: share, text: shown },
      };
    }
    const q = quotientOf(A, B);
    const exactText = q === null ? null : quotientPercentText(q, profile.rounding.percent);
    const share = q === null || exactText === null ? null : reverseShare(q, exactText, met, t, a);
    if (share !== null) return share;
    const ratio = A.dividedBy(B);
    const shown = exactText ?? percentText(ratio, profile.rounding.percent);
    return {
      formula: 'reverse-ratio',
      share: min(ratio, ONE),
      ratio,
      met,
      text: `反向指标：目标 ${t} ÷ 实际 ${a} = ${shown}`,
      shown: { of: ratio, text: shown },
    };
  }

  // op === '='
  if (A.isZero()) {
    const met = compare(B, ZERO) <= 0;
    return {
      formula: 'equal-zero',
      share: met ? ONE : ZERO,
      ratio: null,
      met,
      text: `等值指标（目标为0）：实际 ${a}，${met ? '达成' : '未达成'}`,
    };
  }
  if (compare(B, A) === 0) {
    return {
      formula: 'equal',
      share: ONE,
      ratio: ONE,
      met: true,
      text: `等值指标：实际 ${a} = 目标 ${t}，达成`,
    };
  }
  if (profile.formulas.equalMissed === 'all-or-nothing') {
    const q = quotientOf(B, A);
    return {
      formula: 'equal',
      share: ZERO,
      ratio: q === null ? B.dividedBy(A) : null,
      quotient: q ?? undefined,
      met: false,
      text: `等值指标：实际 ${a} ≠ 目标 ${t}，未达成`,
    };
  }
  const ratio = B.dividedBy(A);
  const share = max(ZERO, compare(ratio, ONE) < 0 ? ratio : ONE.dividedBy(ratio));
  return {
    formula: 'equal',
    share,
    ratio,
    met: false,
    text: `等值指标：实际 ${a} ≠ 目标 ${t}，得分比例 = ${percentText(share, profile.rounding.percent)}（偏离越大得分越低）`,
  };
}

/** Whether a qualitative score lies in its band: [min, max) or [min, max] for the top band. */
export function withinBand(
  score: number,
  band: { min: number; max: number; maxInclusive: boolean },
): boolean {
  // Numbers read from decimal text order as their decimals do: no decimals needed to compare.
  if (score < band.min) return false;
  return band.maxInclusive ? score <= band.max : score < band.max;
}

/** Reported figures are often rounded to fewer places than the profile's; compare at the reported precision, never coarser than 0.1. */
export function sameAtReportedPrecision(reported: number, computed: Decimal, places: number): boolean {
  const text = String(reported);
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  const d = Math.max(1, Math.min(decimals, places));
  const r = dec(reported);
  return compare(round(computed, d), r) === 0 || compare(r, computed) === 0;
}

// The threshold as a decimal and as the comparand of exact quotients, made once per threshold
// value rather than once per row.
let overshoot: { n: number; d: Decimal; comparand: Comparand | null } | null = null;

function overshootOf(profile: Profile): Decimal {
  return overshootThreshold(profile).d;
}

function overshootThreshold(profile: Profile): { d: Decimal; comparand: Comparand | null } {
  const n = profile.overshootThreshold;
  if (overshoot === null || !Object.is(overshoot.n, n)) {
    const d = dec(n);
    overshoot = { n, d, comparand: comparandOf(d) };
  }
  return overshoot;
}

function bandFor(profile: Profile, grade: string | null | undefined) {
  if (!grade) return null;
  return profile.qualitativeBands.find((b) => b.grade === grade) ?? null;
}

// Every form numbers its rows from 0, so the same few path texts are asked for form after form:
// each is made once (up to a bound, so that one huge form cannot grow the list for good).
const rowPaths: string[] = [];
const ROW_PATHS = 1024;

function rowPath(index: number): string {
  const known = rowPaths[index];
  if (known !== undefined) return known;
  const path = `indicators[${index}]`;
  if (index < ROW_PATHS && index === rowPaths.length) rowPaths.push(path);
  return path;
}

// One object literal per result, its fields passed one by one (no parts object, no spreads):
// every row has the same shape, which keeps the engine's property access fast for the checks
// that read them, and the key order of the JSON. A spread into a literal measured several
// times slower than the literal.
function row(
  ind: Indicator,
  index: number,
  effectiveWeight: number | null,
  directionAssumed: boolean,
  ratio: number | null,
  overshoot: boolean,
  outcome: FormulaOutcome,
  band: IndicatorScore['band'],
  difference: number | null,
  status: IndicatorScore['status'],
  computed: number | null,
  explanation: string,
): IndicatorScore {
  return {
    index,
    path: rowPath(index),
    name: ind.name,
    weight: ind.weight,
    effectiveWeight,
    reported: ind.score,
    directionAssumed,
    band,
    difference,
    ratio,
    overshoot,
    met: outcome.met,
    formula: outcome.formula,
    status,
    computed,
    explanation,
  };
}

/**
 * Scores one indicator. `effectiveWeight` is the weight after rescaling (null when unknown);
 * the reported score is compared at the profile's score rounding.
 */
export function scoreIndicator(
  ind: Indicator,
  index: number,
  effectiveWeight: Decimal | null,
  profile: Profile,
): IndicatorComputation {
  if (ind.applicable === false) {
    return {
      computed: null,
      // the order of a row that does not apply has always been this one
      result: {
        index,
        path: rowPath(index),
        name: ind.name,
        weight: ind.weight,
        effectiveWeight: null,
        reported: ind.score,
        directionAssumed: false,
        band: null,
        difference: null,
        status: 'not-applicable',
        formula: null,
        ratio: null,
        overshoot: false,
        met: null,
        computed: null,
        explanation: '本年度不适用，不计分，其分值按比例分配给其他指标。',
      },
    };
  }

  const places = profile.rounding.score;
  const roundedWeight = effectiveWeight === null ? null : round(effectiveWeight, places);
  const weightNumber = roundedWeight === null ? null : numberOf(roundedWeight);
  const outcome = applyFormula(ind.target, ind.actual, profile);
  const directionAssumed = outcome.formula === 'positive' && ind.target.op === null;
  let ratio: number | null = null;
  let overshoot = false;
  const q = outcome.quotient;
  if (q !== undefined) {
    const r = quotientNumber(q, 6);
    const comparand = outcome.formula === 'positive' ? overshootThreshold(profile).comparand : undefined;
    // quotientCompare(q, threshold), the threshold's digits read once (a null comparand gives null)
    const over =
      comparand === undefined ? -1 : comparand === null ? null : quotientCompareScaled(q, comparand);
    if (r !== null && over !== null) {
      ratio = r;
      overshoot = over >= 0;
    } else {
      // figures too long for the integers: the decimal quotient of the same two numbers
      const d = outcome.ratio ?? dec(q.n).dividedBy(q.d);
      ratio = numberOf(round(d, 6));
      overshoot = outcome.formula === 'positive' && compare(d, overshootOf(profile)) >= 0;
    }
  } else if (outcome.ratio !== null) {
    ratio = numberOf(round(outcome.ratio, 6));
    overshoot = outcome.formula === 'positive' && compare(outcome.ratio, overshootOf(profile)) >= 0;
  }
  const reportedText = ind.score === null ? '未填得分' : `填报得分 ${plain(ind.score)} 分`;

  if (outcome.formula === 'qualitative') {
    const band = bandFor(profile, ind.grade);
    const w = effectiveWeight;
    const bandRange =
      band && w !== null ? { grade: band.grade, min: w.times(band.min), max: w.times(band.max) } : null;
    let explanation = `定性指标：目标“${show(ind.target)}”，实际“${show(ind.actual)}”，由单位按达成程度在分档内自评`;
    if (bandRange && band) {
      explanation += `；自评等级“${band.grade}”，得分应在 ${plain(round(bandRange.min, places))}～${plain(round(bandRange.max, places))} 分${band.maxInclusive ? '' : '（不含上限）'}`;
    } else if (w === null) {
      explanation += '；未填分值，无法核验';
    } else {
      explanation += '；未注明自评等级（达成/部分达成/未达成），只能核验得分不超过分值';
    }
    return {
      computed: null,
      result: row(
        ind,
        index,
        weightNumber,
        directionAssumed,
        ratio,
        overshoot,
        outcome,
        bandRange
          ? {
              grade: bandRange.grade,
              min: numberOf(round(bandRange.min, places)),
              max: numberOf(round(bandRange.max, places)),
              maxInclusive: band?.maxInclusive ?? false,
            }
          : null,
        null,
        w === null ? 'unverifiable' : 'qualitative',
        null,
        `${explanation}；${reportedText}。`,
      ),
    };
  }

  if (outcome.unscorable !== undefined) {
    return {
      computed: null,
      result: row(
        ind,
        index,
        weightNumber,
        directionAssumed,
        ratio,
        overshoot,
        outcome,
        null,
        null,
        effectiveWeight === null ? 'unverifiable' : 'unscorable',
        null,
        `${outcome.unscorable}，无法按公式计分${effectiveWeight === null ? '，且未填分值' : ''}；${reportedText}。`,
      ),
    };
  }

  if (effectiveWeight === null || roundedWeight === null) {
    return {
      computed: null,
      result: row(
        ind,
        index,
        weightNumber,
        directionAssumed,
        ratio,
        overshoot,
        outcome,
        null,
        null,
        'unverifiable',
        null,
        `${outcome.text}；未填分值，无法核验得分（${reportedText}）。`,
      ),
    };
  }

  const sq = outcome.shareQuotient;
  const exact = sq === undefined ? null : quotientTimesRound(sq, effectiveWeight, places);
  // A share below 1 given as a quotient whose product could not be told exactly is divided out.
  const share = outcome.share ?? (sq !== undefined && exact === null ? dec(sq.n).dividedBy(sq.d) : ZERO);
  const full = exact === null && compare(share, ONE) >= 0;
  // weight × min(share, 1): a full share is the weight itself (decimal.js keeps no trailing
  // zeros, so weight × 1 is the very same decimal), most rows are met, and a product costs.
  const computed =
    exact !== null
      ? scaledDecimal(exact, places)
      : round(full ? effectiveWeight : effectiveWeight.times(share), places);
  const difference =
    ind.score === null || sameAtReportedPrecision(ind.score, computed, places)
      ? null
      : dec(ind.score).minus(computed).toNumber();
  const shareText = full
    ? ''
    : ` × ${outcome.shown !== undefined && (outcome.shown.of === share || (sq !== undefined && outcome.shown.of === sq)) ? outcome.shown.text : percentText(share, profile.rounding.percent)}`;
  return {
    computed,
    result: row(
      ind,
      index,
      weightNumber,
      directionAssumed,
      ratio,
      overshoot,
      outcome,
      null,
      difference,
      'scored',
      numberOf(computed),
      `${outcome.text}，${full ? '得满分' : '按比例得分'}：${plain(roundedWeight)}分${shareText} = ${plain(computed)}分；${reportedText}。`,
    ),
  };
}
