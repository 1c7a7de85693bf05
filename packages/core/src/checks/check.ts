/**
 * `check(evaluation, profile, history?)`: runs the rule catalogue as the profile configures
 * it and returns the findings, errors first. A rule that needs weights or history it does not
 * have is not run; one info finding says which rules were skipped and why, so nothing is guessed.
 */
import type { Evaluation } from '../model/evaluation.ts';
import type { Profile } from '../profiles/schema.ts';
import { score as scoreEvaluation } from '../scoring/score.ts';
import type { ScoreResult } from '../scoring/types.ts';
import { placeOf } from './place.ts';
import { CHECK_RULES } from './registry.ts';
import type { CheckContext, Finding, Rule, RuleNeed, Severity } from './types.ts';

export interface CheckOptions {
  /** the score result, when the caller already has it */
  score?: ScoreResult;
  /** a different catalogue (tests) */
  rules?: readonly Rule[];
}

function hasWeights(ev: Evaluation): boolean {
  return ev.indicators.some((i) => i.weight !== null);
}

export function check(
  evaluation: Evaluation,
  profile: Profile,
  history: readonly Evaluation[] = [],
  options: CheckOptions = {},
): Finding[] {
  const score = options.score ?? scoreEvaluation(evaluation, profile);
  const settings = profile.checks;
  // most forms are checked without history: no copy to sort then
  const sortedHistory =
    history.length === 0 ? [] : [...history].sort((a, b) => (b.year ?? 0) - (a.year ?? 0));
  const ctx: CheckContext = {
    evaluation,
    profile,
    score,
    history: sortedHistory,
    threshold(name) {
      const value = settings.thresholds[name];
      // Loaded profiles carry every default (profiles/registry.ts); a gap is a defect, not a guess.
      if (value === undefined) throw new Error(`评分规则“${profile.id}”没有核验阈值“${name}”`);
      return value;
    },
    boilerplate: settings.boilerplate,
  };
  const available: Record<RuleNeed, boolean> = {
    weights: hasWeights(evaluation),
    history: sortedHistory.length > 0,
  };
  const skipped: Record<RuleNeed, Rule[]> = { weights: [], history: [] };
  // Errors first, then warnings, then info, each in the order found.
  const findings: Record<Severity, Finding[]> = { error: [], warning: [], info: [] };

  for (const rule of options.rules ?? CHECK_RULES) {
    const setting = settings.rules[rule.code];
    if (setting?.enabled === false) continue;
    // the first need not met, as `find` would give it, without a closure per rule and form
    let missing: RuleNeed | undefined;
    if (rule.needs !== undefined) {
      for (const need of rule.needs) {
        if (!available[need]) {
          missing = need;
          break;
        }
      }
    }
    if (missing) {
      skipped[missing].push(rule);
      continue;
    }
    let raw: ReturnType<Rule['run']>;
    try {
      raw = rule.run(ctx);
    } catch (e) {
      // A defect in one rule must not hide the others' findings; report it as such.
      findings.warning.push({
        code: 'rule-failed',
        severity: 'warning',
        class: rule.class,
        message: `核验规则“${rule.code}”运行出错，未能完成该项核验：${e instanceof Error ? e.message : String(e)}`,
        path: '',
        place: '全表',
        basis: '系统自身错误，请报告给维护者',
      });
      continue;
    }
    for (const r of raw) {
      // A profile's setting wins over the rule's own choice for a case.
      const severity = setting?.severity ?? r.severity ?? rule.severity;
      findings[severity].push({
        code: rule.code,
        severity,
        class: rule.class,
        message: r.message,
        path: r.path,
        place: placeOf(r.path, evaluation),
        basis: rule.basis,
      });
    }
  }

  if (skipped.weights.length > 0) {
    findings.info.push({
      code: 'weights-unknown',
      severity: 'info',
      class: 'arithmetic',
      message: `各指标未填分值（权重），无法逐项核验得分；未进行的核验：${skipped.weights.map((r) => r.title).join('、')}。`,
      path: 'indicators',
      place: '绩效指标',
      basis: '分值缺失时不推定分值（domain.md §3：不得虚构权重）',
    });
  }
  if (skipped.history.length > 0) {
    findings.info.push({
      code: 'history-unavailable',
      severity: 'info',
      class: 'history',
      message: `没有该单位往年的自评表，未进行历史对比：${skipped.history.map((r) => r.title).join('、')}。`,
      path: '',
      place: '全表',
      basis: '历史对比需要往年同一单位（项目）的自评表',
    });
  }

  return [...findings.error, ...findings.warning, ...findings.info];
}

/** Counts by severity, for summaries. */
export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
