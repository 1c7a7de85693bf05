/**
 * Saves a new version of a draft. Optimistic: the caller says which version it edited; if
 * someone saved since, nothing is written and the refusal carries the current version.
 */
import type { Evaluation } from '@jixiao/core';
import type { Actor } from '../domain.ts';
import { changeMaps, diffDocuments } from '../evaluations/diff.ts';
import {
  assessVersion,
  lockedTargets,
  storeVersion,
  validDocument,
  type WrittenVersion,
} from '../evaluations/persist.ts';
import { targetDifferences } from '../evaluations/targets.ts';
import { nowIso, readJson } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import {
  advanceVersion,
  type EvaluationRecord,
  findEvaluation,
  findEvaluationWithDocument,
} from '../store/repos/evaluations.ts';
import type { Db } from '../store/schema.ts';
import { allowedEvaluation, inTransaction } from './common.ts';
import { refuse } from './problem.ts';

export interface SaveEvaluationInput {
  id: string;
  /** the version the caller edited (If-Match) */
  expectedVersion: number;
  document: unknown;
}

export function staleVersion(current: number, expected: number): never {
  return refuse(
    'conflict',
    'stale-version',
    `自评表已被他人修改（您编辑的是第 ${expected} 版，当前为第 ${current} 版），您的修改未保存。请先查看最新版本，再重新修改。`,
    { details: { currentVersion: current, expectedVersion: expected } },
  );
}

/** A transition (submitting, returning, …) committed while the save was being made. */
function statusChanged(): never {
  return refuse(
    'conflict',
    'status-changed',
    '自评表的状态刚刚被他人改变（例如已提交审核），您的修改未保存。请刷新页面查看最新状态后再操作。',
  );
}

export async function saveEvaluation(
  db: Db,
  actor: Actor | null,
  input: SaveEvaluationInput,
): Promise<{ evaluation: EvaluationRecord; written: WrittenVersion }> {
  const document = validDocument(input.document);
  // Everything the writes need is read and worked out before the transaction: on PostgreSQL a
  // transaction holds one of the pool's few connections from its first statement to its commit,
  // and scoring and checking in between kept it from other saves. Nothing read here can go out of
  // date unnoticed: the guarded update below moves the version on only from the version and the
  // status read here (approved targets and earlier versions never change).
  // The row and the document it points at, in one query (the document for the audit's diff).
  const found = await findEvaluationWithDocument(db, input.id);
  const e = allowedEvaluation(actor, found?.record ?? null, 'save');
  if (e.version !== input.expectedVersion) staleVersion(e.version, input.expectedVersion);
  const targets = await lockedTargets(db, e);
  if (targets) {
    const diff = targetDifferences(targets, document);
    const first = diff[0];
    if (first) {
      refuse(
        'invalid',
        'targets-locked',
        `绩效目标已批复，不能在自评表中修改：${first.message}如需调整，请提出目标调整申请，经财政审核批准后生效。`,
        { path: first.path, details: { differences: diff } },
      );
    }
  }
  const previous = found?.documentJson ? readJson<Evaluation>(found.documentJson) : null;
  const next = e.version + 1;
  const header = { kind: document.kind, year: document.year, project: document.project };
  const assessed = await assessVersion(db, { ...e, ...header }, document, targets);
  const changes = changeMaps(diffDocuments(previous, document));
  const at = nowIso();
  return inTransaction(db, async (trx) => {
    // The guarded update comes before any other write: of two concurrent saves only one moves
    // the version on. It writes the new summary too (one statement instead of two).
    const moved = await advanceVersion(trx, e.id, e, at, {
      header,
      current: e,
      summary: assessed.summary,
    });
    if (!moved) {
      const now = await findEvaluation(trx, e.id);
      if (now && now.status !== e.status) statusChanged();
      staleVersion(now?.version ?? e.version, input.expectedVersion);
    }
    const written = await storeVersion(trx, e.id, document, next, assessed, actor?.id ?? '', at);
    await recordEvent(trx, {
      actor,
      action: 'evaluation.save',
      entityType: 'evaluation',
      entityId: e.id,
      evaluationId: e.id,
      before: { version: e.version, total: e.total, grade: e.grade, changes: changes.before },
      after: {
        version: next,
        total: written.summary.total,
        grade: written.summary.grade,
        changes: changes.after,
      },
      at,
    });
    // the row as this transaction left it, without reading it again
    const evaluation: EvaluationRecord = {
      ...e,
      ...header,
      ...written.summary,
      version: next,
      updatedAt: at,
    };
    return { evaluation, written };
  });
}
