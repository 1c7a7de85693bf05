/**
 * Judging an imported evaluation against an expected one, field by field, by the rules of the
 * samples' README:
 * - a field absent from the expected file is not judged; `null` must be null; `""` must be "";
 * - level1 / level2 are judged leniently: the standard name or the form's own label both count;
 * - `alternatives` on an indicator lists other readings that count as right (the best wins);
 * - indicators are paired by name (then by position), goals and budget lines by position; an
 *   expected element with no partner counts every one of its fields wrong, an extra element
 *   counts one wrong field;
 * - `source`, `notes`, `complete` and `$comment` describe the sample and are not judged.
 * The corpus test reuses this to measure accuracy at scale.
 */
import { classifyLevel1, classifyLevel2, compactText } from '@jixiao/core';

export interface FieldMismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface Comparison {
  /** fields judged */
  fields: number;
  /** fields right */
  right: number;
  wrong: FieldMismatch[];
  /** per field path with indices removed ('indicators.target.raw'): judged and right */
  byPath: Record<string, { fields: number; right: number }>;
}

const NOT_JUDGED = new Set(['source', 'notes', 'complete', '$comment', 'alternatives']);

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function generic(path: string): string {
  return path.replace(/\[\d+\]/g, '');
}

function sameLabel(level: 'level1' | 'level2', a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  if (compactText(a) === compactText(b)) return true;
  const classify = level === 'level1' ? classifyLevel1 : classifyLevel2;
  const ca = classify(a);
  const cb = classify(b);
  return !!ca && !!cb && ca.standard !== 'non-standard' && ca.standard === cb.standard;
}

function sameLeaf(key: string, expected: Json, actual: Json): boolean {
  if (key === 'level1' || key === 'level2') return sameLabel(key, expected, actual);
  if (typeof expected === 'number' && typeof actual === 'number') return Math.abs(expected - actual) < 1e-9;
  return expected === actual;
}

interface Tally {
  fields: number;
  right: number;
  wrong: FieldMismatch[];
  byPath: Record<string, { fields: number; right: number }>;
}

function newTally(): Tally {
  return { fields: 0, right: 0, wrong: [], byPath: {} };
}

function leaf(t: Tally, path: string, ok: boolean, expected: Json, actual: Json): void {
  t.fields++;
  const g = generic(path);
  const slot = t.byPath[g] ?? { fields: 0, right: 0 };
  slot.fields++;
  if (ok) {
    t.right++;
    slot.right++;
  } else t.wrong.push({ path, expected, actual });
  t.byPath[g] = slot;
}

function absorb(t: Tally, other: Tally): void {
  t.fields += other.fields;
  t.right += other.right;
  t.wrong.push(...other.wrong);
  for (const [p, s] of Object.entries(other.byPath)) {
    const slot = t.byPath[p] ?? { fields: 0, right: 0 };
    slot.fields += s.fields;
    slot.right += s.right;
    t.byPath[p] = slot;
  }
}

function compareAt(t: Tally, path: string, key: string, expected: Json, actual: Json): void {
  if (Array.isArray(expected)) {
    compareArray(t, path, key, expected, Array.isArray(actual) ? actual : []);
    return;
  }
  if (isObject(expected)) {
    const act = isObject(actual) ? actual : {};
    for (const [k, v] of Object.entries(expected)) {
      if (NOT_JUDGED.has(k)) continue;
      compareAt(t, path === '' ? k : `${path}.${k}`, k, v, act[k]);
    }
    return;
  }
  leaf(t, path, sameLeaf(key, expected, actual), expected, actual);
}

function withAlternative(base: Record<string, Json>, alt: Json): Record<string, Json> {
  if (!isObject(alt)) return base;
  const out: Record<string, Json> = { ...base };
  for (const [k, v] of Object.entries(alt)) {
    const b = out[k];
    out[k] = isObject(v) && isObject(b) ? withAlternative(b, v) : v;
  }
  return out;
}

/** Compares one element, trying its alternatives; the reading with the most right fields wins. */
function compareElement(path: string, expected: Json, actual: Json): Tally {
  const readings: Json[] = [expected];
  if (isObject(expected) && Array.isArray(expected.alternatives)) {
    for (const alt of expected.alternatives) readings.push(withAlternative(expected, alt));
  }
  let best: Tally | null = null;
  for (const reading of readings) {
    const t = newTally();
    compareAt(t, path, '', reading, actual);
    if (best === null || t.right > best.right) best = t;
  }
  return best!;
}

function names(e: Json): string[] {
  if (!isObject(e)) return [];
  const out: string[] = [];
  if (typeof e.name === 'string') out.push(compactText(e.name));
  if (Array.isArray(e.alternatives)) {
    for (const a of e.alternatives)
      if (isObject(a) && typeof a.name === 'string') out.push(compactText(a.name));
  }
  return out;
}

function compareArray(t: Tally, path: string, key: string, expected: Json[], actual: Json[]): void {
  if (expected.length === 0) {
    leaf(t, `${path}.length`, actual.length === 0, 0, actual.length);
    return;
  }
  const partner = new Array<number>(expected.length).fill(-1);
  const used = new Set<number>();
  if (key === 'indicators') {
    expected.forEach((e, i) => {
      const wanted = names(e);
      const j = actual.findIndex(
        (a, k) =>
          !used.has(k) && isObject(a) && typeof a.name === 'string' && wanted.includes(compactText(a.name)),
      );
      if (j >= 0) {
        partner[i] = j;
        used.add(j);
      }
    });
  }
  expected.forEach((_, i) => {
    if (partner[i] !== -1 || i >= actual.length || used.has(i)) return;
    partner[i] = i;
    used.add(i);
  });
  expected.forEach((e, i) => {
    const j = partner[i]!;
    absorb(t, compareElement(`${path}[${i}]`, e, j >= 0 ? actual[j] : undefined));
  });
  actual.forEach((a, k) => {
    if (used.has(k)) return;
    const label =
      isObject(a) && typeof a.name === 'string'
        ? a.name
        : isObject(a) && typeof a.text === 'string'
          ? a.text
          : a;
    leaf(t, `${path}[+${k}]`, false, undefined, label);
  });
}

export function compareWithExpected(actual: unknown, expected: unknown): Comparison {
  const t = newTally();
  compareAt(t, '', '', expected, actual);
  return { fields: t.fields, right: t.right, wrong: t.wrong, byPath: t.byPath };
}
