/** The finance reviewer accepts an approved form (财政复核通过); publishing is a separate step. */
import type { Actor } from '../domain.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import type { Db } from '../store/schema.ts';
import { transition } from './common.ts';

export function acceptEvaluation(
  db: Db,
  actor: Actor | null,
  input: { id: string },
): Promise<EvaluationRecord> {
  return transition(db, actor, input.id, 'accept', 'accepted');
}
