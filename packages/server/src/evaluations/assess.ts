/**
 * What the service stores with each saved version: core's score and findings, plus how the
 * form stands to its approved targets, and the summary kept on the evaluation row.
 */
import {
  CHECK_RULES,
  check,
  type Evaluation,
  type Finding,
  getProfile,
  type Profile,
  parseProfile,
  type ScoreResult,
  score,
} from '@jixiao/core';
import type { Stage } from '../domain.ts';
import type { VersionSummary } from '../store/repos/evaluations.ts';
import { findingCounts } from '../store/repos/findings.ts';
import { findStoredProfile } from '../store/repos/profiles.ts';
import type { Db } from '../store/schema.ts';
import { targetFindings } from './targets.ts';

export interface Assessment {
  score: ScoreResult | null;
  findings: Finding[];
  summary: VersionSummary;
}

/** A built-in profile, or one a region stored as data; undefined when neither exists. */
export async function findProfile(db: Db, id: string): Promise<Profile | undefined> {
  const builtIn = getProfile(id);
  if (builtIn) return builtIn;
  const stored = await findStoredProfile(db, id);
  if (!stored) return undefined;
  const parsed = parseProfile(stored.data);
  return parsed.ok ? parsed.profile : undefined;
}

// Declared targets have no actual values yet: only the rules about the targets themselves and
// their classification apply; the others would only report that nothing is filled in.
const TARGET_RULES = CHECK_RULES.filter((r) => r.class === 'target-quality' || r.class === 'classification');

export function assess(
  evaluation: Evaluation,
  profile: Profile,
  context: { stage: Stage; history: readonly Evaluation[]; targets: Evaluation | null },
): Assessment {
  if (context.stage === 'targets') {
    const findings = check(evaluation, profile, [], { rules: TARGET_RULES }).filter(
      (f) => f.code !== 'history-unavailable' && f.code !== 'weights-unknown',
    );
    return { score: null, findings, summary: summarize(null, findings) };
  }
  const result = score(evaluation, profile);
  const findings = [
    ...targetFindings(context.targets, evaluation),
    ...check(evaluation, profile, context.history, { score: result }),
  ];
  return { score: result, findings, summary: summarize(result, findings) };
}

function summarize(result: ScoreResult | null, findings: readonly Finding[]): VersionSummary {
  const total = result?.totals.computed ?? result?.totals.reported ?? null;
  const grade = result?.grade.computed ?? result?.grade.fromReported ?? null;
  const rate = result?.budget.rate.computed ?? result?.budget.rate.reported ?? null;
  const text = (v: number | null | undefined) => (v === null || v === undefined ? null : String(v));
  return {
    total: text(total),
    totalReported: text(result?.totals.reported),
    totalComputed: text(result?.totals.computed),
    grade,
    rate: rate === null ? null : String(rate),
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    findingCounts: findingCounts(findings),
  };
}
