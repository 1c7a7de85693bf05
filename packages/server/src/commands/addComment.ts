/** A comment on a place in a form (a row, a field) or on the whole form. */
import type { Actor } from '../domain.ts';
import { valueAtPath } from '../evaluations/diff.ts';
import { newId } from '../ids.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { type Comment, insertComment, listComments } from '../store/repos/comments.ts';
import { findVersion } from '../store/repos/versions.ts';
import type { Db } from '../store/schema.ts';
import { evaluationFor, inTransaction, requiredText } from './common.ts';
import { refuse } from './problem.ts';
import { MAX_COMMENT_LENGTH } from './returnEvaluation.ts';

export interface AddCommentInput {
  evaluationId: string;
  /** `indicators[3].target`; '' or absent for the whole form */
  path?: string;
  body: string;
}

export async function addComment(db: Db, actor: Actor | null, input: AddCommentInput): Promise<Comment> {
  const body = requiredText(input.body, 'body', '批注内容', MAX_COMMENT_LENGTH);
  const path = typeof input.path === 'string' ? input.path.trim() : '';
  return inTransaction(db, async (trx) => {
    const e = await evaluationFor(trx, actor, input.evaluationId, 'comment');
    if (path !== '') {
      const v = await findVersion(trx, e.id, e.version);
      if (valueAtPath(v?.document, path) === undefined) {
        refuse('invalid', 'unknown-path', `批注所指的位置“${path}”在自评表中不存在。`, { path: 'path' });
      }
    }
    const at = nowIso();
    const id = newId();
    await insertComment(trx, {
      id,
      evaluationId: e.id,
      version: e.version,
      path,
      body,
      authorId: actor?.id ?? '',
      createdAt: at,
    });
    await recordEvent(trx, {
      actor,
      action: 'comment.add',
      entityType: 'comment',
      entityId: id,
      evaluationId: e.id,
      before: null,
      after: { path, body, version: e.version },
      at,
    });
    const created = (await listComments(trx, e.id)).find((c) => c.id === id);
    if (!created) throw new Error('comment vanished inside its own transaction');
    return created;
  });
}
