/**
 * The editor's path: rows kept as the same objects between calls are remembered, and a
 * remembered row must never give a result that scoring a fresh copy would not give.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../checks/check.ts';
import type { Evaluation, Indicator } from '../model/evaluation.ts';
import { validate } from '../model/validate.ts';
import { getProfile } from '../profiles/registry.ts';
import type { Profile } from '../profiles/schema.ts';
import { rulesKey } from './memo.ts';
import { score } from './score.ts';

const national = getProfile('national-2020') as Profile;
const hubei = getProfile('hubei-2020') as Profile;

function load(path: string): Evaluation {
  const v = validate(JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')));
  if (!v.ok) throw new Error(path);
  return v.evaluation;
}

const clean = load('../checks/fixtures/clean-project-2023.json');
const seed = load('../../../../examples/seed-hubei-dept-2023.expected.json');

/** What scoring and checking a copy with nothing remembered gives. */
function freshly(ev: Evaluation, profile: Profile) {
  const copy = structuredClone(ev);
  return { score: score(copy, profile), findings: check(copy, profile) };
}

function withRow(ev: Evaluation, k: number, row: Indicator): Evaluation {
  const indicators = ev.indicators.slice();
  indicators[k] = row;
  return { ...ev, indicators };
}

describe('remembered rows', () => {
  it('gives the same result as a fresh copy, call after call, and new objects each time', () => {
    const ev = structuredClone(clean);
    const first = score(ev, national);
    const second = score(ev, national);
    expect(second).toEqual(freshly(ev, national).score);
    expect(second.indicators[0]).not.toBe(first.indicators[0]);
    // a caller changing one result does not change the next
    (first.indicators[0] as { explanation: string }).explanation = 'changed';
    expect(score(ev, national).indicators[0]?.explanation).not.toBe('changed');
  });

  it('follows a row changed in place', () => {
    const ev = structuredClone(clean);
    score(ev, national);
    check(ev, national);
    const row = ev.indicators.find((i) => i.actual.kind === 'quantitative' && i.actual.value !== null);
    if (!row || row.actual.value === null) throw new Error('fixture has no quantitative actual');
    row.actual.value = row.actual.value / 2;
    row.actual.raw = `${row.actual.value}${row.actual.unit ?? ''}`;
    row.name = `${row.name}（改）`;
    const again = { ...ev };
    expect(score(again, national)).toEqual(freshly(again, national).score);
    expect(check(again, national)).toEqual(freshly(again, national).findings);
  });

  it('scores one edited row anew and keeps the rest', () => {
    const ev = structuredClone(seed);
    score(ev, hubei);
    const k = 3;
    const old = ev.indicators[k] as Indicator;
    const edited = withRow(ev, k, { ...old, score: (old.score ?? 0) + 1, weight: 5 });
    expect(score(edited, hubei)).toEqual(freshly(edited, hubei).score);
    expect(check(edited, hubei)).toEqual(freshly(edited, hubei).findings);
  });

  it('rescales unchanged rows when another row stops applying', () => {
    const ev = structuredClone(clean);
    score(ev, national);
    const dropped = withRow(ev, 0, { ...(ev.indicators[0] as Indicator), applicable: false });
    const s = score(dropped, national);
    expect(s).toEqual(freshly(dropped, national).score);
    expect(s.indicators[1]?.effectiveWeight).not.toBe(score(ev, national).indicators[1]?.effectiveWeight);
    // and back again
    expect(score(ev, national)).toEqual(freshly(ev, national).score);
  });

  it('follows a row that moves and a profile that changes', () => {
    const ev = structuredClone(clean);
    score(ev, national);
    const moved = { ...ev, indicators: [...ev.indicators].reverse() };
    expect(score(moved, national)).toEqual(freshly(moved, national).score);
    const linear: Profile = { ...national, formulas: { ...national.formulas, reverse: 'linear' } };
    expect(score(ev, linear)).toEqual(freshly(ev, linear).score);
    expect(score(ev, hubei)).toEqual(freshly(ev, hubei).score);
  });
});

describe('rulesKey', () => {
  // The key of a profile is kept with the values it was made from; a profile changed in place
  // must get the key a fresh copy of it gets.
  it('follows a profile changed in place', () => {
    const p = structuredClone(national);
    const fresh = () => rulesKey(structuredClone(p));
    expect(rulesKey(p)).toBe(fresh());
    expect(rulesKey(p)).toBe(fresh());
    p.overshootThreshold = 2;
    expect(rulesKey(p)).toBe(fresh());
    const band = p.qualitativeBands[0] as unknown as Record<string, unknown>;
    band.min = 0.55;
    expect(rulesKey(p)).toBe(fresh());
    band.extra = 'x';
    expect(rulesKey(p)).toBe(fresh());
    delete band.extra;
    expect(rulesKey(p)).toBe(fresh());
    p.qualitativeBands.pop();
    expect(rulesKey(p)).toBe(fresh());
    p.rounding.score = 1;
    expect(rulesKey(p)).toBe(fresh());
  });
});
