/** The unit declares its targets for the year (绩效目标申报); the reviewer approves or returns them. */
import type { Actor } from '../domain.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import type { Db } from '../store/schema.ts';
import { transition } from './common.ts';

export function declareTargets(
  db: Db,
  actor: Actor | null,
  input: { id: string },
): Promise<EvaluationRecord> {
  return transition(db, actor, input.id, 'declareTargets', 'declared');
}
