/** The unit's approver approves a submitted form; it goes to the finance reviewer (单位负责人审核). */
import type { Actor } from '../domain.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import type { Db } from '../store/schema.ts';
import { transition } from './common.ts';

export function approveEvaluation(
  db: Db,
  actor: Actor | null,
  input: { id: string },
): Promise<EvaluationRecord> {
  return transition(db, actor, input.id, 'approve', 'approved');
}
