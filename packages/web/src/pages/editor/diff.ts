/**
 * What differs between the person's edit and the version someone else saved meanwhile, field
 * by field, and the merge "保留我的修改" saves: the server's version with the person's own
 * changes (against the version they started from) put on top. Changes only the other person
 * made are kept, so nothing is lost silently; where both changed a field, the person's wins,
 * which is what they chose.
 *
 * A target or actual value counts as one field (its raw text); an array whose length differs
 * between the versions (rows added or removed) counts as one field, because its indices no
 * longer name the same rows.
 */
import { describePath, type Evaluation } from '@jixiao/core';
import { formatPath, getIn, parsePath, setIn } from './editorState.ts';

type Json = unknown;

export interface FieldDifference {
  path: string;
  /** the place in Chinese: 第4个绩效指标的实际完成值 */
  label: string;
  mine: Json;
  theirs: Json;
  /** who changed it since the common version */
  changedBy: 'mine' | 'theirs' | 'both';
}

function isValueObject(v: Json): v is { raw: string } {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    typeof (v as { raw?: unknown }).raw === 'string'
  );
}

/** Undefined and null are the same absence; a value is equal by its raw text. */
function same(a: Json, b: Json): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (isValueObject(a) && isValueObject(b)) return a.raw === b.raw;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!same((a as Record<string, Json>)[k], (b as Record<string, Json>)[k])) return false;
    }
    return true;
  }
  return a === b;
}

/** The leaf fields of the three versions, as paths. */
function leaves(versions: readonly Json[], path: (string | number)[], out: string[]): void {
  const here = versions.map((v) => getIn(v, path));
  if (here.every((v) => same(v, here[0]))) return;
  const present = here.filter((v) => v !== undefined && v !== null);
  const arrays = present.filter(Array.isArray);
  const objects = present.filter((v) => typeof v === 'object' && !Array.isArray(v) && !isValueObject(v));
  if (arrays.length === present.length && arrays.length === versions.length) {
    const length = (arrays[0] as Json[]).length;
    if (arrays.every((a) => (a as Json[]).length === length)) {
      for (let i = 0; i < length; i++) leaves(versions, [...path, i], out);
      return;
    }
  } else if (objects.length === present.length && objects.length > 0) {
    const keys = new Set(objects.flatMap((o) => Object.keys(o as object)));
    for (const k of keys) leaves(versions, [...path, k], out);
    return;
  }
  out.push(formatPath(path));
}

/** Every field where `mine` and `theirs` differ, with who changed it since `base`. */
export function diffDocuments(base: Evaluation, mine: Evaluation, theirs: Evaluation): FieldDifference[] {
  const paths: string[] = [];
  leaves([base, mine, theirs], [], paths);
  const out: FieldDifference[] = [];
  for (const path of paths) {
    const p = parsePath(path);
    const b = getIn(base, p);
    const m = getIn(mine, p);
    const t = getIn(theirs, p);
    if (same(m, t)) continue;
    const mineChanged = !same(b, m);
    const theirsChanged = !same(b, t);
    out.push({
      path,
      label: describePath(p),
      mine: m,
      theirs: t,
      changedBy: mineChanged && theirsChanged ? 'both' : mineChanged ? 'mine' : 'theirs',
    });
  }
  return out;
}

/** The server's version with every field the person changed since `base` set to theirs. */
export function keepMine(base: Evaluation, mine: Evaluation, theirs: Evaluation): Evaluation {
  const paths: string[] = [];
  leaves([base, mine, theirs], [], paths);
  let merged = theirs;
  for (const path of paths) {
    const p = parsePath(path);
    const m = getIn(mine, p);
    if (!same(getIn(base, p), m)) merged = setIn(merged, p, m);
  }
  return merged;
}

/** A field's value as a person reads it in the dialog. */
export function shownValue(v: Json, empty: string): string {
  if (v === undefined || v === null || v === '') return empty;
  if (isValueObject(v)) return v.raw === '' ? empty : v.raw;
  if (Array.isArray(v)) return v.map((x) => shownValue(x, empty)).join('；');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
