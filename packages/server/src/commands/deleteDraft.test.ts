/**
 * Deleting a draft, on both databases: only the unit's own people, only drafts never published;
 * the form's rows go, the audit trail keeps the deletion.
 */
import { expect, it } from 'vitest';
import { listAttachments } from '../store/repos/attachments.ts';
import { listEvents } from '../store/repos/audit.ts';
import { listComments } from '../store/repos/comments.ts';
import { findEvaluation, listEvaluations } from '../store/repos/evaluations.ts';
import { listFindings } from '../store/repos/findings.ts';
import { listVersions } from '../store/repos/versions.ts';
import { describeEachBackend } from '../testing/databases.ts';
import { projectDocument, useSeededStore } from '../testing/fixtures.ts';
import { refusal } from '../testing/refusal.ts';
import { acceptEvaluation } from './acceptEvaluation.ts';
import { addAttachment } from './addAttachment.ts';
import { addComment } from './addComment.ts';
import { approveEvaluation } from './approveEvaluation.ts';
import { createEvaluation } from './createEvaluation.ts';
import { deleteDraft } from './deleteDraft.ts';
import { publishEvaluation } from './publishEvaluation.ts';
import { returnEvaluation } from './returnEvaluation.ts';
import { saveEvaluation } from './saveEvaluation.ts';
import { submitEvaluation } from './submitEvaluation.ts';

describeEachBackend('deleteDraft', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);
  const draft = async (project: string) =>
    (await createEvaluation(db(), p.fillerA, { document: projectDocument({ project }) })).evaluation;

  it('removes the draft with its versions, findings, comments and attachments, and records who did', async () => {
    const e = await draft('删除测试项目一');
    await saveEvaluation(db(), p.fillerA, {
      id: e.id,
      expectedVersion: 1,
      document: projectDocument({ project: '删除测试项目一', deviationAnalysis: '改过一次' }),
    });
    await addComment(db(), p.approverA, { evaluationId: e.id, body: '请核对' });
    await addAttachment(db(), p.fillerA, {
      evaluationId: e.id,
      filename: '证明.txt',
      content: new TextEncoder().encode('证明材料'),
    });
    expect((await listFindings(db(), e.id, 2)).length).toBeGreaterThan(0);

    await deleteDraft(db(), p.approverA, { id: e.id });

    expect(await findEvaluation(db(), e.id)).toBeUndefined();
    expect(await listVersions(db(), e.id)).toEqual([]);
    expect(await listFindings(db(), e.id, 2)).toEqual([]);
    expect(await listComments(db(), e.id)).toEqual([]);
    expect(await listAttachments(db(), e.id)).toEqual([]);
    const list = await listEvaluations(db(), { unitIds: [p.unitA] }, { limit: 100, offset: 0 });
    expect(list.items.map((x) => x.id)).not.toContain(e.id);

    const events = await listEvents(db(), { evaluationId: e.id });
    const deleted = events.filter((x) => x.action === 'evaluation.delete');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({
      actorId: p.approverA.id,
      entityType: 'evaluation',
      entityId: e.id,
      before: { status: 'draft', version: 2, project: '删除测试项目一' },
    });
    // The rest of its history stays readable.
    expect(events.map((x) => x.action)).toContain('evaluation.create');
  });

  it("answers another unit's people as if the form did not exist, and refuses reviewer and admin", async () => {
    const e = await draft('删除测试项目二');
    for (const who of [p.fillerB, p.approverB]) {
      expect(await refusal(deleteDraft(db(), who, { id: e.id }))).toMatchObject({ kind: 'not-found' });
    }
    const missing = await refusal(deleteDraft(db(), p.fillerB, { id: 'no-such-form' }));
    const hidden = await refusal(deleteDraft(db(), p.fillerB, { id: e.id }));
    expect(hidden.message).toBe(missing.message);
    for (const who of [p.reviewer, p.admin]) {
      expect(await refusal(deleteDraft(db(), who, { id: e.id }))).toMatchObject({ kind: 'forbidden' });
    }
    expect(await refusal(deleteDraft(db(), null, { id: e.id }))).toMatchObject({ kind: 'unauthenticated' });
    expect(await findEvaluation(db(), e.id)).toBeDefined();
    const events = await listEvents(db(), { evaluationId: e.id });
    expect(events.map((x) => x.action)).not.toContain('evaluation.delete');
  });

  it('refuses a form past draft, and a draft that was once published', async () => {
    const e = await draft('删除测试项目三');
    await submitEvaluation(db(), p.fillerA, { id: e.id });
    const submitted = await refusal(deleteDraft(db(), p.fillerA, { id: e.id }));
    expect(submitted).toMatchObject({ kind: 'state' });
    expect(submitted.message).toContain('草稿');

    await approveEvaluation(db(), p.approverA, { id: e.id });
    await acceptEvaluation(db(), p.reviewer, { id: e.id });
    await publishEvaluation(db(), p.reviewer, { id: e.id });
    await returnEvaluation(db(), p.reviewer, { id: e.id, comments: [{ body: '请更正' }] });
    expect((await findEvaluation(db(), e.id))?.status).toBe('draft');
    expect(await refusal(deleteDraft(db(), p.fillerA, { id: e.id }))).toMatchObject({
      kind: 'state',
      code: 'was-published',
    });
    expect(await findEvaluation(db(), e.id)).toBeDefined();
  });

  it('lets only one of two simultaneous deletes succeed', async () => {
    const e = await draft('删除测试项目四');
    const results = await Promise.allSettled([
      deleteDraft(db(), p.fillerA, { id: e.id }),
      deleteDraft(db(), p.approverA, { id: e.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const events = await listEvents(db(), { evaluationId: e.id });
    expect(events.filter((x) => x.action === 'evaluation.delete')).toHaveLength(1);
  });

  it('finds deletions in the audit trail by action, newest first', async () => {
    const first = await draft('删除测试项目五');
    const second = await draft('删除测试项目六');
    await deleteDraft(db(), p.fillerA, { id: first.id });
    await deleteDraft(db(), p.fillerA, { id: second.id });
    const newest = await listEvents(db(), { action: 'evaluation.delete', order: 'desc' });
    expect(newest.every((e) => e.action === 'evaluation.delete')).toBe(true);
    expect(newest.slice(0, 2).map((e) => e.entityId)).toEqual([second.id, first.id]);
    const oldest = await listEvents(db(), { action: 'evaluation.delete' });
    expect(oldest.at(-1)?.entityId).toBe(second.id);
  });
});
