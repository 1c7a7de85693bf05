/**
 * Layout recognition: which known template a document follows, from the header words its cells
 * contain. Each layout lists signature patterns with weights; the layout with the highest total
 * wins if it reaches MIN_SCORE. Below that the document is read with the generic rules and the
 * import says so.
 */

import { memo } from '../extract/memo.ts';
import { anyOf } from './any-of.ts';
import { chongqingDepartment } from './chongqing-department.ts';
import { hubeiDepartment } from './hubei-department.ts';
import { hubeiProject } from './hubei-project.ts';
import { nationalProject } from './national-project.ts';
import { mayMatchAny } from './prefilter.ts';
import { sichuan2023 } from './sichuan-2023.ts';
import type { Layout, LayoutId } from './types.ts';

export * from './headers.ts';
export * from './types.ts';

/** In order of preference when two layouts score the same. */
export const LAYOUTS: readonly Layout[] = [
  sichuan2023,
  chongqingDepartment,
  hubeiDepartment,
  hubeiProject,
  nationalProject,
];

export const MIN_SCORE = 4;

export interface LayoutMatch {
  layout: Layout;
  score: number;
  /** the signature patterns found, for messages and tests */
  found: string[];
}

const NO_HITS: readonly (readonly [number, number])[] = [];

// Most cells match no signature: one regex over the flagless patterns refuses them in one pass
// (the few with flags are asked one by one).
const ALL_SIGNATURES = LAYOUTS.flatMap((layout) => layout.signatures.map((s) => s.pattern));
const ANY_PLAIN_SIGNATURE = anyOf(ALL_SIGNATURES.filter((re) => re.flags === ''));
const FLAGGED_SIGNATURES = ALL_SIGNATURES.filter((re) => re.flags !== '');
// In front of the cache: a cell holding none of the characters the signatures start with or
// require is refused by a table look per character, cheaper than a lookup in a large cache.
const MAY_MATCH_SIGNATURE = mayMatchAny(ALL_SIGNATURES);

/** For one cell text, which signatures it matches, as [layout index, signature index] pairs. */
function signaturesOf(key: string): readonly (readonly [number, number])[] {
  return MAY_MATCH_SIGNATURE(key) ? signaturesOfCached(key) : NO_HITS;
}

const signaturesOfCached = memo((key: string): readonly (readonly [number, number])[] => {
  if (!ANY_PLAIN_SIGNATURE.test(key) && !FLAGGED_SIGNATURES.some((re) => re.test(key))) return NO_HITS;
  const hits: [number, number][] = [];
  LAYOUTS.forEach((layout, l) => {
    layout.signatures.forEach((sig, k) => {
      if (sig.pattern.test(key)) hits.push([l, k]);
    });
  });
  return hits;
});

/** The signatures a cell's compact text matches, as [layout index, signature index] pairs. */
export type SignatureHits = readonly (readonly [number, number])[];

/** signaturesOf a key, none for keys no header word can be (empty, or long). */
export function signatureHits(key: string): SignatureHits {
  // header words are short; values, names and narrative run long
  if (key.length === 0 || key.length > 40) return NO_HITS;
  return signaturesOf(key);
}

/** Scores every layout against the compact texts of a document's cells; best first. */
export function scoreLayouts(keys: readonly string[]): LayoutMatch[] {
  return scoreLayoutsBy(keys, keyItself, signatureHits);
}

function keyItself(key: string): string {
  return key;
}

/**
 * scoreLayouts of the keys of items, given each item's signatureHits: the extractor keeps them
 * with each distinct text, so a document's cells are not matched again one by one.
 */
export function scoreLayoutsBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  hitsOf: (item: T) => SignatureHits,
): LayoutMatch[] {
  const found = LAYOUTS.map(() => new Map<number, string>());
  for (const item of items) {
    const hits = hitsOf(item);
    if (hits.length === 0) continue;
    const key = keyOf(item);
    for (const [l, k] of hits) if (!found[l]!.has(k)) found[l]!.set(k, key);
  }
  const out: LayoutMatch[] = LAYOUTS.map((layout, l) => {
    let score = 0;
    for (const k of found[l]!.keys()) score += layout.signatures[k]!.weight;
    return { layout, score, found: [...found[l]!.values()] };
  });
  return out.sort((a, b) => b.score - a.score);
}

/** The layout a document follows, or null when none reaches MIN_SCORE. */
export function recognizeLayout(keys: readonly string[]): LayoutMatch | null {
  return bestOf(scoreLayouts(keys));
}

/** recognizeLayout of the keys of items (scoreLayoutsBy). */
export function recognizeLayoutBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  hitsOf: (item: T) => SignatureHits,
): LayoutMatch | null {
  return bestOf(scoreLayoutsBy(items, keyOf, hitsOf));
}

function bestOf(scored: LayoutMatch[]): LayoutMatch | null {
  const best = scored[0];
  return best && best.score >= MIN_SCORE ? best : null;
}

export function layoutById(id: LayoutId): Layout {
  return LAYOUTS.find((l) => l.id === id) ?? nationalProject;
}
