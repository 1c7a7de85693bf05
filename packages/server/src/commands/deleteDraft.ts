/**
 * Deletes a draft of the actor's own unit (填报人或单位负责人删除本单位的草稿): a form started by
 * mistake, a duplicate import. Only drafts nothing else depends on; a form that was ever
 * published, has target adjustments or self-evaluations built on it stays, as part of the record.
 */
import type { Actor } from '../domain.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { deleteEvaluationRows, evaluationReferences } from '../store/repos/evaluations.ts';
import type { Db } from '../store/schema.ts';
import { evaluationFor, inTransaction } from './common.ts';
import { refuse } from './problem.ts';

export async function deleteDraft(db: Db, actor: Actor | null, input: { id: string }): Promise<void> {
  await inTransaction(db, async (trx) => {
    const e = await evaluationFor(trx, actor, input.id, 'delete');
    const refs = await evaluationReferences(trx, e.id);
    if (refs.snapshots > 0) {
      refuse('state', 'was-published', '该表曾经公开过，公开记录须保留，不能删除；请修改后重新提交。');
    }
    if (refs.dependents > 0) {
      refuse(
        'state',
        'has-dependents',
        `已有 ${refs.dependents} 张自评表依据该绩效目标申报表建立，不能删除；请先删除那些自评表。`,
      );
    }
    if (refs.adjustments > 0) {
      refuse('state', 'has-adjustments', '该表有绩效目标调整记录，须保留，不能删除。');
    }
    const at = nowIso();
    const removed = await deleteEvaluationRows(trx, e.id, { status: e.status, version: e.version });
    if (!removed) {
      refuse('conflict', 'status-changed', '该表刚刚被他人修改或提交，请刷新后再决定是否删除。');
    }
    await recordEvent(trx, {
      actor,
      action: 'evaluation.delete',
      entityType: 'evaluation',
      entityId: e.id,
      evaluationId: e.id,
      before: {
        status: e.status,
        stage: e.stage,
        version: e.version,
        unitId: e.unitId,
        unitName: e.unitName,
        year: e.year,
        project: e.project,
      },
      after: null,
      at,
    });
  });
}
