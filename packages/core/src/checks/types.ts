/** The review checks (复核): rules, their findings, and what a rule sees. */
import type { Evaluation } from '../model/evaluation.ts';
import type { ThresholdName } from '../profiles/registry.ts';
import type { Profile } from '../profiles/schema.ts';
import type { ScoreResult } from '../scoring/types.ts';

export type Severity = 'error' | 'warning' | 'info';

/** The classes of domain.md §4. */
export type RuleClass =
  | 'arithmetic'
  | 'completeness'
  | 'target-quality'
  | 'classification'
  | 'plausibility'
  | 'history';

export const RULE_CLASS_NAMES: Record<RuleClass, string> = {
  arithmetic: 'A 计算',
  completeness: 'B 完整性',
  'target-quality': 'C 目标质量',
  classification: 'D 指标归类',
  plausibility: 'E 合理性',
  history: 'F 历史对比',
};

export interface Finding {
  /** stable kebab-case code, e.g. `total-mismatch` */
  code: string;
  severity: Severity;
  class: RuleClass;
  /** what is wrong, in Chinese, with the figures filled in */
  message: string;
  /** the place it concerns: `indicators[7].level2`, `totalReported`, '' for the whole form */
  path: string;
  /** the place in words: 目标2 / 外贸进出口总额 / 二级指标 */
  place: string;
  /** the regulation or practice behind the rule, one line */
  basis: string;
}

/** What a rule reports; the runner adds code, class, severity, place and basis. */
export interface RawFinding {
  path: string;
  message: string;
  /** a rule may lower or raise its own severity for a particular case */
  severity?: Severity;
}

export interface CheckContext {
  evaluation: Evaluation;
  profile: Profile;
  /** the scoring engine's result for the evaluation under the profile */
  score: ScoreResult;
  /** earlier years of the same unit (and project), most recent first; empty when none are known */
  history: Evaluation[];
  /**
   * A threshold of the profile (profile.checks.thresholds, over data/check-defaults.json). There
   * is no default in code: a name the profile lacks throws, and the runner reports `rule-failed`.
   */
  threshold(name: ThresholdName): number;
  /** the stock phrases that do not count as an explanation (the defaults and the profile's own) */
  boilerplate: readonly string[];
}

/** What a rule needs in order to run; without it the runner reports the rule as skipped (info). */
export type RuleNeed = 'weights' | 'history';

export interface Rule {
  code: string;
  class: RuleClass;
  /** default severity; a profile may change it */
  severity: Severity;
  /** a short Chinese title for the catalogue */
  title: string;
  /** the regulation or practice behind it, one line */
  basis: string;
  needs?: readonly RuleNeed[];
  /** the profile thresholds it reads (ctx.threshold), listed in docs/rules.md */
  thresholds?: readonly ThresholdName[];
  run(ctx: CheckContext): RawFinding[];
}
