/** What the commands share: transactions and loading a form the actor may act on. */
import type { Actor, Status } from '../domain.ts';
import { decideEvaluation, type EvaluationAction, NOT_FOUND_MESSAGE } from '../policies/evaluations.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { changeStatus, type EvaluationRecord, findEvaluation } from '../store/repos/evaluations.ts';
import type { Db } from '../store/schema.ts';
import { enforce, refuse } from './problem.ts';

export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

/**
 * The evaluation, if the policy lets the actor do `action` to it; otherwise a refusal. A form
 * the actor may not see is "not found", exactly like one that does not exist.
 */
export async function evaluationFor(
  db: Db,
  actor: Actor | null,
  id: string,
  action: EvaluationAction,
): Promise<EvaluationRecord> {
  return allowedEvaluation(actor, (await findEvaluation(db, id)) ?? null, action);
}

/** What evaluationFor decides, for a form already read (null: there is none). */
export function allowedEvaluation(
  actor: Actor | null,
  e: EvaluationRecord | null,
  action: EvaluationAction,
): EvaluationRecord {
  if (!e) {
    if (actor === null) refuse('unauthenticated', 'unauthenticated', '请先登录。');
    refuse('not-found', 'not-found', NOT_FOUND_MESSAGE);
  }
  enforce(decideEvaluation(action, actor, e));
  return e;
}

export function requireActor(actor: Actor | null): Actor {
  if (actor === null) refuse('unauthenticated', 'unauthenticated', '请先登录。');
  return actor;
}

/** Trims text input; refuses it when empty or longer than `max`. */
export function requiredText(value: unknown, field: string, name: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') refuse('invalid', 'required', `请填写${name}。`, { path: field });
  if (text.length > max) {
    refuse('invalid', 'too-long', `${name}不能超过 ${max} 个字符（现有 ${text.length} 个）。`, {
      path: field,
    });
  }
  return text;
}

export interface TransitionOptions {
  /** more to write in the same transaction; what it returns is added to the audit event's after */
  also?: (trx: Db, e: EvaluationRecord, at: string) => Promise<Record<string, unknown> | undefined>;
  approvedVersion?: (e: EvaluationRecord) => number;
}

/**
 * Moves a form from its status to `to` if the policy allows `action`, and records it. The
 * status update is guarded, so two people pressing the same button at once cannot both succeed.
 */
export async function transition(
  db: Db,
  actor: Actor | null,
  id: string,
  action: EvaluationAction,
  to: Status,
  options: TransitionOptions = {},
): Promise<EvaluationRecord> {
  return inTransaction(db, async (trx) => {
    const e = await evaluationFor(trx, actor, id, action);
    const at = nowIso();
    const approvedVersion = options.approvedVersion?.(e);
    const moved = await changeStatus(
      trx,
      e.id,
      e,
      to,
      at,
      approvedVersion === undefined ? {} : { approvedVersion },
    );
    if (!moved) {
      refuse('conflict', 'status-changed', '自评表刚刚被他人修改或改变了状态，请刷新后重试。');
    }
    const extra = (await options.also?.(trx, e, at)) ?? {};
    await recordEvent(trx, {
      actor,
      action: `evaluation.${action}`,
      entityType: 'evaluation',
      entityId: e.id,
      evaluationId: e.id,
      before: { status: e.status, version: e.version },
      after: {
        status: to,
        version: e.version,
        ...(approvedVersion === undefined ? {} : { approvedVersion }),
        ...extra,
      },
      at,
    });
    const after = await findEvaluation(trx, e.id);
    if (!after) throw new Error('evaluation vanished inside its own transaction');
    return after;
  });
}
