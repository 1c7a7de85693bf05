/**
 * One row's score remembered by the row object, for the editor: it re-scores the whole form after
 * every edit but keeps unchanged rows as the same objects, so only the changed row is worked out
 * again. A row may also be changed in place, so a remembered score is used only when everything it
 * was computed from is still the same: the row's fields, its position, its effective weight and
 * the profile's rules. What depends on other rows (rescaled weights, totals) is never remembered.
 */
import type { Decimal } from '../decimal/decimal.ts';
import type { Indicator, Value } from '../model/evaluation.ts';
import type { Profile } from '../profiles/schema.ts';
import { type IndicatorComputation, scoreIndicator } from './indicator.ts';
import type { IndicatorScore } from './types.ts';

interface Entry {
  rules: string;
  index: number;
  /** the effective weight when it was rescaled; null when it was the written weight (or none) */
  rescaled: Decimal | null;
  inputs: unknown[];
  result: IndicatorScore;
  computed: Decimal | null;
}

const remembered = new WeakMap<Indicator, Entry>();

/** What of the profile a row's score depends on, as one string (compared per call, not per row). */
export function rulesKey(profile: Profile): string {
  return [
    profile.rounding.score,
    profile.rounding.percent,
    profile.formulas.reverse,
    profile.formulas.equalMissed,
    profile.overshootThreshold,
    JSON.stringify(profile.qualitativeBands),
  ].join('|');
}

function valueInputs(out: unknown[], v: Value): void {
  out.push(v.raw, v.op, v.value, v.unit, v.kind, v.upper);
}

function inputsOf(ind: Indicator): unknown[] {
  const out: unknown[] = [ind.name, ind.weight, ind.score, ind.applicable, ind.grade];
  valueInputs(out, ind.target);
  valueInputs(out, ind.actual);
  return out;
}

function sameInputs(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** A copy the caller may change without changing what is remembered. */
function copyOf(result: IndicatorScore): IndicatorScore {
  return { ...result, band: result.band === null ? null : { ...result.band } };
}

/**
 * `scoreIndicator`, remembered. `rescaled` is the effective weight when rows that do not apply
 * gave their weight to the others; undefined when every row keeps its written weight, which is
 * then only made a decimal when the row has to be scored.
 */
export function scoreIndicatorRemembered(
  ind: Indicator,
  index: number,
  rescaled: Decimal | null | undefined,
  writtenWeight: (ind: Indicator) => Decimal | null,
  profile: Profile,
  rules: string,
): IndicatorComputation {
  const inputs = inputsOf(ind);
  const known = remembered.get(ind);
  if (
    known !== undefined &&
    known.index === index &&
    known.rules === rules &&
    sameInputs(known.inputs, inputs) &&
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
      rules,
      index,
      rescaled: rescaled ?? null,
      inputs,
      result: copyOf(r.result),
      computed: r.computed,
    });
  }
  return r;
}
