/** Submits a draft self-evaluation to the unit's approver (单位填报人提交). */
import type { Actor } from '../domain.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import type { Db } from '../store/schema.ts';
import { transition } from './common.ts';

export function submitEvaluation(
  db: Db,
  actor: Actor | null,
  input: { id: string },
): Promise<EvaluationRecord> {
  return transition(db, actor, input.id, 'submit', 'submitted');
}
