/**
 * The reviewer approves declared targets (绩效目标批复). The version approved is recorded: the
 * self-evaluation made from these targets is locked to it.
 */
import type { Actor } from '../domain.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import type { Db } from '../store/schema.ts';
import { transition } from './common.ts';

export function approveTargets(
  db: Db,
  actor: Actor | null,
  input: { id: string },
): Promise<EvaluationRecord> {
  return transition(db, actor, input.id, 'approveTargets', 'approved', { approvedVersion: (e) => e.version });
}
