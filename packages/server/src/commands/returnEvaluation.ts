/**
 * Sends a form back to draft with comments saying what to fix: the approver before it leaves
 * the unit, the finance reviewer after (even once published, to correct it; the published
 * snapshot stays until it is published again). Declared targets are returned the same way.
 */
import type { Actor } from '../domain.ts';
import { valueAtPath } from '../evaluations/diff.ts';
import { newId } from '../ids.ts';
import { insertComment } from '../store/repos/comments.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import { findVersion } from '../store/repos/versions.ts';
import type { Db } from '../store/schema.ts';
import { requiredText, transition } from './common.ts';
import { refuse } from './problem.ts';

export interface ReturnEvaluationInput {
  id: string;
  /** what to fix, each on a place in the form ('' for the whole form); at least one */
  comments: { path?: string; body: string }[];
}

export const MAX_COMMENT_LENGTH = 5000;

export async function returnEvaluation(
  db: Db,
  actor: Actor | null,
  input: ReturnEvaluationInput,
): Promise<EvaluationRecord> {
  const comments = (Array.isArray(input.comments) ? input.comments : []).map((c, i) => ({
    path: typeof c?.path === 'string' ? c.path.trim() : '',
    body: requiredText(c?.body, `comments[${i}].body`, '退回意见', MAX_COMMENT_LENGTH),
  }));
  if (comments.length === 0) {
    refuse('invalid', 'comment-required', '退回时请写明退回意见，说明需要修改什么。', { path: 'comments' });
  }
  return transition(db, actor, input.id, 'return', 'draft', {
    also: async (trx, e, at) => {
      const v = await findVersion(trx, e.id, e.version);
      const ids: string[] = [];
      for (const [i, c] of comments.entries()) {
        if (c.path !== '' && valueAtPath(v?.document, c.path) === undefined) {
          refuse('invalid', 'unknown-path', `退回意见所指的位置“${c.path}”在自评表中不存在。`, {
            path: `comments[${i}].path`,
          });
        }
        const id = newId();
        ids.push(id);
        await insertComment(trx, {
          id,
          evaluationId: e.id,
          version: e.version,
          path: c.path,
          body: c.body,
          authorId: actor?.id ?? '',
          createdAt: at,
        });
      }
      return { comments: comments.map((c, i) => ({ id: ids[i], path: c.path, body: c.body })) };
    },
  });
}
