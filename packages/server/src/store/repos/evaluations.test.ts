/**
 * The work-list filters of the evaluation list, on both databases: drafts sent back with
 * comments (returned) and targets with an adjustment waiting (pendingAdjustment).
 */
import type { Value } from '@jixiao/core';
import { expect, it } from 'vitest';
import { approveTargets } from '../../commands/approveTargets.ts';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { declareTargets } from '../../commands/declareTargets.ts';
import { rejectAdjustment } from '../../commands/rejectAdjustment.ts';
import { requestAdjustment } from '../../commands/requestAdjustment.ts';
import { returnEvaluation } from '../../commands/returnEvaluation.ts';
import { submitEvaluation } from '../../commands/submitEvaluation.ts';
import { describeEachBackend } from '../../testing/databases.ts';
import { projectDocument, targetsDocument, useSeededStore } from '../../testing/fixtures.ts';
import { listEvaluations } from './evaluations.ts';

describeEachBackend('evaluation list work filters', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);
  const ids = async (filter: Parameters<typeof listEvaluations>[1]) =>
    (await listEvaluations(db(), filter, { limit: 100, offset: 0 })).items.map((e) => e.id);

  it('lists as returned only drafts sent back, until they are submitted again', async () => {
    const fresh = (
      await createEvaluation(db(), p.fillerA, { document: projectDocument({ project: '新草稿' }) })
    ).evaluation;
    const sent = (
      await createEvaluation(db(), p.fillerA, { document: projectDocument({ project: '被退回' }) })
    ).evaluation;
    await submitEvaluation(db(), p.fillerA, { id: sent.id });
    expect(await ids({ returned: true })).toEqual([]);
    await returnEvaluation(db(), p.approverA, { id: sent.id, comments: [{ body: '请补充偏差原因' }] });
    expect(await ids({ returned: true })).toEqual([sent.id]);
    expect(await ids({ returned: true, unitIds: [p.unitB] })).toEqual([]);
    expect(await ids({ status: 'draft' })).toEqual(expect.arrayContaining([fresh.id, sent.id]));
    await submitEvaluation(db(), p.fillerA, { id: sent.id });
    expect(await ids({ returned: true })).toEqual([]);
  });

  it('lists targets with a pending adjustment until it is decided', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, {
      document: targetsDocument({ year: 2025, project: '目标调整测试项目' }),
      stage: 'targets',
    });
    await declareTargets(db(), p.fillerA, { id: evaluation.id });
    await approveTargets(db(), p.reviewer, { id: evaluation.id });
    expect(await ids({ pendingAdjustment: true })).toEqual([]);
    const proposed = targetsDocument({ year: 2025, project: '目标调整测试项目' });
    proposed.indicators[0] = { ...proposed.indicators[0]!, target: { raw: '2' } as Value };
    const a = await requestAdjustment(db(), p.fillerA, {
      evaluationId: evaluation.id,
      reason: '上级追加任务',
      document: proposed,
    });
    expect(await ids({ pendingAdjustment: true })).toEqual([evaluation.id]);
    await rejectAdjustment(db(), p.reviewer, { id: a.id, note: '依据不足' });
    expect(await ids({ pendingAdjustment: true })).toEqual([]);
  });
});
