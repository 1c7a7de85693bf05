/**
 * Keyword look-up for the classification checks (domain.md §4 D): which economic or satisfaction
 * word an indicator name contains. The word lists are data (taxonomy.json, exported from data.ts).
 */
import { compactText } from './classify.ts';
import { ECONOMIC_KEYWORDS, SATISFACTION_KEYWORDS } from './data.ts';

/**
 * The first word of `words` that `text` contains, or null. Spaces, line breaks, full-width letters
 * and case are ignored ('ＧＤＰ', '纳 税'), so the word reported is the list's spelling. Never throws.
 */
export function findKeyword(text: string | null | undefined, words: readonly string[]): string | null {
  if (typeof text !== 'string' || text === '') return null;
  const haystack = compactText(text).toUpperCase();
  for (const w of words) if (haystack.includes(w.toUpperCase())) return w;
  return null;
}

/** The money or economic word in an indicator name (纳税百万以上企业合计纳税 → 纳税), or null. */
export function findEconomicKeyword(name: string | null | undefined): string | null {
  return findKeyword(name, ECONOMIC_KEYWORDS);
}

/** The satisfaction or recognition word in an indicator name (部门职工认可度≥90% → 认可度), or null. */
export function findSatisfactionKeyword(name: string | null | undefined): string | null {
  return findKeyword(name, SATISFACTION_KEYWORDS);
}
