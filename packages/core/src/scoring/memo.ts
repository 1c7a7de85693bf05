/**
 * One row's score remembered by the row object, for the editor: it re-scores the whole form after
 * every edit but keeps unchanged rows as the same objects, so only the changed row is worked out
 * again. A row may also be changed in place, so a remembered score is used only when everything it
 * was computed from is still the same: the row's fields, its position, its effective weight and
 * the profile's rules. What depends on other rows (rescaled weights, totals) is never remembered.
 * Only rows of recently scored forms are remembered (see `recentRows`).
 */
import type { Decimal } from '../decimal/decimal.ts';
import type { Indicator, Value } from '../model/evaluation.ts';
import type { Profile } from '../profiles/schema.ts';
import { type IndicatorComputation, scoreIndicator } from './indicator.ts';
import type { IndicatorScore } from './types.ts';

/** A row's score with everything it was computed from, each field as it was read. */
interface Entry {
  rules: string;
  index: number;
  /** the effective weight when it was rescaled; null when it was the written weight (or none) */
  rescaled: Decimal | null;
  name: string;
  weight: number | null;
  score: number | null;
  applicable: boolean | undefined;
  grade: Indicator['grade'];
  target: ValueInputs;
  actual: ValueInputs;
  result: IndicatorScore;
  computed: Decimal | null;
}

interface ValueInputs {
  raw: string;
  op: Value['op'];
  value: Value['value'];
  unit: Value['unit'];
  kind: Value['kind'];
  upper: Value['upper'];
}

const remembered = new WeakMap<Indicator, Entry>();

// Bulk scoring (import, review) sees each row once, and remembering every row (an entry with its
// copies in a weak map) was a quarter of its time. A row is remembered only when it was at the
// same place in one of the last few forms scored, as the editor's unchanged rows are from its
// second call on; the rows of those forms are held (a copy of each list: lists change in place).
const RECENT_FORMS = 4;
const recentForms: (readonly Indicator[])[] = [];

/**
 * Called once per form scored, before its rows: whether each row (by its index) was at that index
 * in one of the last few forms scored. Records this form's rows for the next calls.
 */
export function recentRows(rows: readonly Indicator[]): (ind: Indicator, index: number) => boolean {
  const earlier = recentForms.slice();
  if (recentForms.length >= RECENT_FORMS) recentForms.shift();
  recentForms.push(rows.slice());
  return (ind, index) => {
    // a read past a list's end is slow in optimised code, and the forms differ in length
    for (const form of earlier) if (index < form.length && form[index] === ind) return true;
    return false;
  };
}

/** What of the profile a row's score depends on, as one string (compared per call, not per row). */
export function rulesKey(profile: Profile): string {
  // Bulk scoring asks for the same few profiles form after form: each one's key is kept with the
  // values it was made from, and made again when any of them differs (a profile may be changed
  // in place).
  const known = rulesKeys.get(profile);
  if (known !== undefined && sameRules(known.values, profile)) return known.key;
  const key = [
    profile.rounding.score,
    profile.rounding.percent,
    profile.formulas.reverse,
    profile.formulas.equalMissed,
    profile.overshootThreshold,
    JSON.stringify(profile.qualitativeBands),
  ].join('|');
  const values = rulesValues(profile);
  if (values === null) rulesKeys.delete(profile);
  else rulesKeys.set(profile, { values, key });
  return key;
}

const rulesKeys = new WeakMap<Profile, { values: unknown[]; key: string }>();

const BAND_END = Symbol('band end');

/**
 * Hands each value the key is made from to `visit`, in order (the list `rulesValues` makes, the
 * one `sameRules` compares with: one order for both). False as soon as `visit` says false, or
 * when a band holds an object (not remembered).
 */
function eachRulesValue(profile: Profile, visit: (v: unknown) => boolean): boolean {
  const bands = profile.qualitativeBands;
  if (
    !visit(profile.rounding.score) ||
    !visit(profile.rounding.percent) ||
    !visit(profile.formulas.reverse) ||
    !visit(profile.formulas.equalMissed) ||
    !visit(profile.overshootThreshold) ||
    !visit(bands.length)
  ) {
    return false;
  }
  for (const b of bands) {
    // every own enumerable key and its value, in the order JSON.stringify reads them
    for (const k in b) {
      if (!Object.hasOwn(b, k)) continue;
      const v = (b as Record<string, unknown>)[k];
      if (typeof v === 'object' && v !== null) return false;
      if (!visit(k) || !visit(v)) return false;
    }
    if (!visit(BAND_END)) return false;
  }
  return true;
}

/** The values the key is made from, flat; null when a band holds an object (not remembered). */
function rulesValues(profile: Profile): unknown[] | null {
  const out: unknown[] = [];
  const kept = eachRulesValue(profile, (v) => {
    out.push(v);
    return true;
  });
  return kept ? out : null;
}

/**
 * Whether `rulesValues(profile)` would give these values, read off the profile without making
 * the list: it is asked on every form scored.
 */
function sameRules(values: unknown[], profile: Profile): boolean {
  let i = 0;
  return eachRulesValue(profile, (v) => Object.is(values[i++], v)) && i === values.length;
}

// The fields are copied one by one rather than kept in a list: one object per value, no array.
function valueInputs(v: Value): ValueInputs {
  return { raw: v.raw, op: v.op, value: v.value, unit: v.unit, kind: v.kind, upper: v.upper };
}

function sameValue(a: ValueInputs, v: Value): boolean {
  return (
    Object.is(a.raw, v.raw) &&
    Object.is(a.op, v.op) &&
    Object.is(a.value, v.value) &&
    Object.is(a.unit, v.unit) &&
    Object.is(a.kind, v.kind) &&
    Object.is(a.upper, v.upper)
  );
}

function sameInputs(e: Entry, ind: Indicator): boolean {
  return (
    Object.is(e.name, ind.name) &&
    Object.is(e.weight, ind.weight) &&
    Object.is(e.score, ind.score) &&
    Object.is(e.applicable, ind.applicable) &&
    Object.is(e.grade, ind.grade) &&
    sameValue(e.target, ind.target) &&
    sameValue(e.actual, ind.actual)
  );
}

/** A copy the caller may change without changing what is remembered. */
function copyOf(r: IndicatorScore): IndicatorScore {
  const band = r.band === null ? null : { ...r.band };
  // A row that does not apply has its own key order (indicator.ts), and is rare.
  if (r.status === 'not-applicable') return { ...r, band };
  // Written out in `row`'s key order: a spread into a literal costs several times more.
  return {
    index: r.index,
    path: r.path,
    name: r.name,
    weight: r.weight,
    effectiveWeight: r.effectiveWeight,
    reported: r.reported,
    directionAssumed: r.directionAssumed,
    band,
    difference: r.difference,
    ratio: r.ratio,
    overshoot: r.overshoot,
    met: r.met,
    formula: r.formula,
    status: r.status,
    computed: r.computed,
    explanation: r.explanation,
  };
}

/**
 * `scoreIndicator`, remembered. `rescaled` is the effective weight when rows that do not apply
 * gave their weight to the others; undefined when every row keeps its written weight, which is
 * then only made a decimal when the row has to be scored. `rules` gives the profile's `rulesKey`,
 * asked only for a recent row: bulk scoring, whose rows are all new, never needs it.
 */
export function scoreIndicatorRemembered(
  ind: Indicator,
  index: number,
  rescaled: Decimal | null | undefined,
  writtenWeight: (ind: Indicator) => Decimal | null,
  profile: Profile,
  rules: () => string,
  recent: boolean,
): IndicatorComputation {
  if (!recent)
    return scoreIndicator(ind, index, rescaled === undefined ? writtenWeight(ind) : rescaled, profile);
  const known = remembered.get(ind);
  if (
    known !== undefined &&
    known.index === index &&
    known.rules === rules() &&
    sameInputs(known, ind) &&
    (rescaled === undefined
      ? known.rescaled === null
      : rescaled !== null && known.rescaled !== null && rescaled.equals(known.rescaled))
  ) {
    return { result: copyOf(known.result), computed: known.computed };
  }
  const weight = rescaled === undefined ? writtenWeight(ind) : rescaled;
  const r = scoreIndicator(ind, index, weight, profile);
  // A rescaled weight that is unknown (null) is not told apart from the written one: not remembered.
  if (rescaled !== null) {
    remembered.set(ind, {
      rules: rules(),
      index,
      rescaled: rescaled ?? null,
      name: ind.name,
      weight: ind.weight,
      score: ind.score,
      applicable: ind.applicable,
      grade: ind.grade,
      target: valueInputs(ind.target),
      actual: valueInputs(ind.actual),
      result: copyOf(r.result),
      computed: r.computed,
    });
  }
  return r;
}
