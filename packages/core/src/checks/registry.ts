/**
 * The rule catalogue, in the order findings are reported. Each rule is its own module in
 * ./rules/<code>.ts beside its test; the two lists are kept by class.
 */
import { RULES_A_TO_C } from './rules/catalogue-a-c.ts';
import { RULES_D_TO_F } from './rules/catalogue-d-f.ts';
import type { Rule } from './types.ts';

export const CHECK_RULES: readonly Rule[] = [...RULES_A_TO_C, ...RULES_D_TO_F];

const byCode = new Map(CHECK_RULES.map((r) => [r.code, r]));

export function getRule(code: string): Rule | undefined {
  return byCode.get(code);
}
