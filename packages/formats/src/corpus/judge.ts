/**
 * Judging an import of a generated file against its truth: fields right (the samples' rule,
 * compare.ts) and rows lost — indicators of the truth that no imported indicator carries the
 * name of. A file that does not import at all loses every row.
 */
import { compactText } from '@jixiao/core';
import { type Comparison, compareWithExpected } from '../extract/compare.ts';
import type { ExtractResult } from '../extract/index.ts';
import type { Truth } from './model.ts';

export interface Judgement extends Comparison {
  /** names of the truth's indicators that the import does not have */
  lost: string[];
  /** the import's error, when it gave no evaluation */
  error: string | null;
  /** evaluations the import gave (one form per file is expected) */
  forms: number;
}

export function judgeImport(results: ExtractResult[] | Error, truth: Truth): Judgement {
  const list = results instanceof Error ? [] : results;
  const evaluations = list.flatMap((r) => ('evaluation' in r ? [r.evaluation] : []));
  const first = evaluations[0] ?? null;
  const c = compareWithExpected(first, truth);
  const names = new Set((first?.indicators ?? []).map((i) => compactText(i.name)));
  const lost = truth.indicators.map((i) => i.name).filter((n) => !names.has(compactText(n)));
  const error =
    results instanceof Error
      ? results.message
      : first === null
        ? list.map((r) => ('error' in r ? r.error.message : '')).join('；') || '没有结果'
        : null;
  return { ...c, lost, error, forms: evaluations.length };
}
