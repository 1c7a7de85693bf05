/** The rule catalogue (./rules/catalogue.ts) in the order findings are reported, and lookup by code. */
import { RULE_CATALOGUE } from './rules/catalogue.ts';
import type { Rule } from './types.ts';

export const CHECK_RULES: readonly Rule[] = RULE_CATALOGUE;

const byCode = new Map(CHECK_RULES.map((r) => [r.code, r]));

export function getRule(code: string): Rule | undefined {
  return byCode.get(code);
}
