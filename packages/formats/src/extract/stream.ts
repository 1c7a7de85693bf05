/**
 * Moving through the cell stream: rows, the next filled cell, and whether a cell opens a part
 * of the form (and therefore cannot be the value of the cell before it).
 */
import {
  BUDGET_GROUP,
  BUDGET_HEADER_WORDS,
  budgetRoleOf,
  INDICATOR_HEADER_WORDS,
  indicatorRoleOf,
  isBudgetGroupWord,
} from '../layout/headers.ts';
import { mayMatchAny } from '../layout/prefilter.ts';
import { labelLevel } from './cells.ts';
import type { FormDraft } from './draft.ts';
import {
  footerField,
  goalSubHeader,
  headField,
  isBudgetTitle,
  isEndMatter,
  isGoalSectionTitle,
  isOverallGoalHeader,
  isTitle,
  MARKER_PATTERNS,
  numberedGoal,
} from './markers.ts';
import { memo } from './memo.ts';
import { factsOfTok, type Tok } from './tokens.ts';

export interface Ctx {
  toks: Tok[];
  form: FormDraft;
}

/** Index of the first token after the row of token i (i + 1 for a stream cell). */
export function rowEnd(toks: Tok[], i: number): number {
  const row = toks[i]?.row;
  let j = i + 1;
  while (j < toks.length && toks[j]!.row === row) j++;
  return j;
}

/** Index of the first token of the row of token i. */
export function rowStart(toks: Tok[], i: number): number {
  const row = toks[i]?.row;
  let j = i;
  while (j > 0 && toks[j - 1]!.row === row) j--;
  return j;
}

export function nextFilled(toks: Tok[], i: number): number {
  let j = i;
  while (j < toks.length && toks[j]!.empty) j++;
  return j;
}

/** Filled tokens of the row of token i. */
export function filledOfRow(toks: Tok[], i: number): Tok[] {
  const out: Tok[] = [];
  for (let j = rowStart(toks, i); j < rowEnd(toks, i); j++) if (!toks[j]!.empty) out.push(toks[j]!);
  return out;
}

/** Whether any filled token follows index i. */
export function hasContentAfter(toks: Tok[], i: number): boolean {
  return nextFilled(toks, i) < toks.length;
}

/**
 * Whether a cell opens a part of the form or labels a field, so that it cannot be read as the
 * value of the cell before it.
 */
export function isMarker(tok: Tok): boolean {
  if (tok.empty) return false;
  const f = factsOfTok(tok);
  let v = f.marker;
  if (v === undefined) v = f.marker = isMarkerKey(f.key);
  return v;
}

/**
 * Whether a key is a marker (isMarker). Asked for nearly every cell: a key that no marker word's
 * pattern can match (by its first character, or a character it must hold) is only asked whether
 * it is a taxonomy label; the others are looked up in a cache rather than tried a dozen ways.
 */
export function isMarkerKey(k: string): boolean {
  if (MAY_BE_MARKER_WORD(k)) return isMarkerKeyCached(k);
  return k.length <= 40 && labelLevel(k) !== null;
}

const MAY_BE_MARKER_WORD = mayMatchAny([
  ...MARKER_PATTERNS,
  ...BUDGET_HEADER_WORDS.map(([re]) => re),
  ...INDICATOR_HEADER_WORDS.map(([re]) => re),
  BUDGET_GROUP,
]);

/** isMarkerKey as the list of what a marker is; exported for the test of the prefilter. */
export const isMarkerKeyUncached = (k: string): boolean =>
  headField(k) !== null ||
  isBudgetTitle(k) ||
  budgetRoleOf(k) !== null ||
  isBudgetGroupWord(k) ||
  indicatorRoleOf(k) !== null ||
  numberedGoal(k) !== null ||
  isOverallGoalHeader(k) ||
  goalSubHeader(k) !== null ||
  isGoalSectionTitle(k) ||
  footerField(k) !== null ||
  isTitle(k) ||
  isEndMatter(k) ||
  (k.length <= 40 && labelLevel(k) !== null);

const isMarkerKeyCached = memo(isMarkerKeyUncached);

/**
 * The value cell of the label at i: the next filled cell of its row; when the label is alone in
 * its row, the next row's cell if that row holds only it; in a stream, simply the next cell
 * (an empty one is an empty value). A marker is never a value. `next` is where reading goes on.
 */
export function valueAfter(toks: Tok[], i: number): { tok: Tok | null; next: number } {
  const label = toks[i]!;
  if (label.stream) {
    const t = toks[i + 1];
    if (!t || isMarker(t)) return { tok: null, next: i + 1 };
    return { tok: t.empty ? null : t, next: i + 2 };
  }
  const end = rowEnd(toks, i);
  for (let j = i + 1; j < end; j++) {
    const t = toks[j]!;
    if (t.empty) continue;
    if (isMarker(t)) return { tok: null, next: j };
    return { tok: t, next: j + 1 };
  }
  // only a label alone in its row may have its value on the next line; a label with empty cells
  // beside it has an empty value, and a table's value never comes from the text below the table
  if (label.rowCells > 1 || filledOfRow(toks, i).length > 1) return { tok: null, next: end };
  const j = nextFilled(toks, end);
  const t = toks[j];
  if (!t || t.preamble !== label.preamble || t.grid !== label.grid) return { tok: null, next: end };
  if (isMarker(t) || filledOfRow(toks, j).length !== 1) return { tok: null, next: end };
  return { tok: t, next: rowEnd(toks, j) };
}
