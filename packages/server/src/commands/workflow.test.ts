/**
 * The self-evaluation workflow through the commands, on both databases: every step allowed
 * and refused per role and state, optimistic saves, comments, attachments and the audit trail.
 */
import { describe, expect, it } from 'vitest';
import { listEvents } from '../store/repos/audit.ts';
import { listComments } from '../store/repos/comments.ts';
import { findEvaluation } from '../store/repos/evaluations.ts';
import { listFindings } from '../store/repos/findings.ts';
import { latestSnapshot } from '../store/repos/snapshots.ts';
import { findVersion } from '../store/repos/versions.ts';
import { BACKENDS } from '../testing/databases.ts';
import { projectDocument, seedDocument, useSeededStore } from '../testing/fixtures.ts';
import { refusal } from '../testing/refusal.ts';
import { acceptEvaluation } from './acceptEvaluation.ts';
import { addAttachment } from './addAttachment.ts';
import { addComment } from './addComment.ts';
import { approveEvaluation } from './approveEvaluation.ts';
import { createEvaluation } from './createEvaluation.ts';
import { publishEvaluation } from './publishEvaluation.ts';
import { returnEvaluation } from './returnEvaluation.ts';
import { saveEvaluation } from './saveEvaluation.ts';
import { submitEvaluation } from './submitEvaluation.ts';

describe.each(BACKENDS)('workflow commands on %s', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);

  it('creates a form with its first version, score and findings, and records it', async () => {
    const { evaluation, written } = await createEvaluation(db(), p.fillerA, { document: seedDocument() });
    expect(evaluation).toMatchObject({
      status: 'draft',
      stage: 'self-evaluation',
      version: 1,
      unitId: p.unitA,
    });
    expect(evaluation.profile).toBe('hubei-2020');
    expect(evaluation.total).toBe('92');
    expect(evaluation.errorCount).toBeGreaterThan(0);
    const findings = await listFindings(db(), evaluation.id, 1);
    expect(findings.map((f) => f.code)).toContain('total-mismatch');
    expect(findings.map((f) => f.code)).toContain('targets-not-approved');
    expect(written.score?.totals.reported).toBe(95);
    const events = await listEvents(db(), { evaluationId: evaluation.id });
    expect(events.map((e) => e.action)).toEqual(['evaluation.create']);
    expect(events[0]?.actorId).toBe(p.fillerA.id);
    expect(events[0]?.after).toMatchObject({ status: 'draft', version: 1, total: '92' });
  });

  it('refuses an invalid document with the path and a Chinese reason', async () => {
    const problem = await refusal(
      createEvaluation(db(), p.fillerA, { document: { ...seedDocument(), year: '二〇二三' } }),
    );
    expect(problem).toMatchObject({ kind: 'invalid', code: 'invalid-document', path: 'year' });
    expect(problem.message).toMatch(/年度/);
  });

  it('lets unit people create only for their own unit, and not the admin', async () => {
    expect(
      await refusal(createEvaluation(db(), p.fillerA, { document: projectDocument(), unitId: p.unitB })),
    ).toMatchObject({ kind: 'forbidden' });
    expect(
      await refusal(createEvaluation(db(), p.admin, { document: projectDocument(), unitId: p.unitA })),
    ).toMatchObject({
      kind: 'forbidden',
    });
    const byReviewer = await createEvaluation(db(), p.reviewer, {
      document: projectDocument(),
      unitId: p.unitB,
    });
    expect(byReviewer.evaluation.unitId).toBe(p.unitB);
  });

  it('saves optimistically: a stale save changes nothing and says which version is current', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, { document: projectDocument() });
    const edited = projectDocument({ deviationAnalysis: '第一次修改' });
    const first = await saveEvaluation(db(), p.fillerA, {
      id: evaluation.id,
      expectedVersion: 1,
      document: edited,
    });
    expect(first.evaluation.version).toBe(2);
    // the record the save answers with is the row as stored, summary and all
    expect(first.evaluation).toEqual(await findEvaluation(db(), evaluation.id));
    const changedHeader = await saveEvaluation(db(), p.fillerA, {
      id: evaluation.id,
      expectedVersion: 2,
      document: { ...edited, year: 2021, project: '改名后的项目' },
    });
    expect(changedHeader.evaluation).toMatchObject({ version: 3, year: 2021, project: '改名后的项目' });
    expect(changedHeader.evaluation).toEqual(await findEvaluation(db(), evaluation.id));
    await saveEvaluation(db(), p.fillerA, { id: evaluation.id, expectedVersion: 3, document: edited });

    const stale = await refusal(
      saveEvaluation(db(), p.approverA, {
        id: evaluation.id,
        expectedVersion: 1,
        document: projectDocument({ deviationAnalysis: '过期的修改' }),
      }),
    );
    expect(stale).toMatchObject({ kind: 'conflict', code: 'stale-version', details: { currentVersion: 4 } });
    const now = await findEvaluation(db(), evaluation.id);
    expect(now?.version).toBe(4);
    expect((await findVersion(db(), evaluation.id, 2))?.document.deviationAnalysis).toBe('第一次修改');
    expect(await findVersion(db(), evaluation.id, 5)).toBeUndefined();

    const events = await listEvents(db(), { evaluationId: evaluation.id });
    const save = events.findLast(
      (e) => e.action === 'evaluation.save' && (e.after as { version?: number } | null)?.version === 2,
    );
    expect(save?.before).toMatchObject({ version: 1, changes: { deviationAnalysis: null } });
    expect(save?.after).toMatchObject({ version: 2, changes: { deviationAnalysis: '第一次修改' } });
  });

  it('makes one of two concurrent saves of the same version win, the other a conflict', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, { document: projectDocument() });
    const results = await Promise.allSettled([
      saveEvaluation(db(), p.fillerA, {
        id: evaluation.id,
        expectedVersion: 1,
        document: projectDocument({ improvementPlan: '甲' }),
      }),
      saveEvaluation(db(), p.approverA, {
        id: evaluation.id,
        expectedVersion: 1,
        document: projectDocument({ improvementPlan: '乙' }),
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason.problem.code).toBe('stale-version');
    expect((await findEvaluation(db(), evaluation.id))?.version).toBe(2);
  });

  it('runs the whole workflow, each step only for its role and from its state', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, { document: projectDocument() });
    const id = evaluation.id;

    expect(await refusal(submitEvaluation(db(), p.approverA, { id }))).toMatchObject({ kind: 'forbidden' });
    expect(await refusal(submitEvaluation(db(), p.fillerB, { id }))).toMatchObject({ kind: 'not-found' });
    expect(await refusal(approveEvaluation(db(), p.approverA, { id }))).toMatchObject({
      kind: 'state',
      code: 'wrong-status',
    });
    expect((await submitEvaluation(db(), p.fillerA, { id })).status).toBe('submitted');
    expect(await refusal(submitEvaluation(db(), p.fillerA, { id }))).toMatchObject({ kind: 'state' });
    expect(
      await refusal(saveEvaluation(db(), p.fillerA, { id, expectedVersion: 1, document: projectDocument() })),
    ).toMatchObject({ kind: 'state' });

    expect(await refusal(approveEvaluation(db(), p.approverB, { id }))).toMatchObject({ kind: 'not-found' });
    expect(await refusal(approveEvaluation(db(), p.reviewer, { id }))).toMatchObject({ kind: 'forbidden' });
    expect((await approveEvaluation(db(), p.approverA, { id })).status).toBe('approved');

    expect(await refusal(publishEvaluation(db(), p.reviewer, { id }))).toMatchObject({ kind: 'state' });
    expect(await refusal(acceptEvaluation(db(), p.approverA, { id }))).toMatchObject({ kind: 'forbidden' });
    expect((await acceptEvaluation(db(), p.reviewer, { id })).status).toBe('accepted');
    expect(await refusal(publishEvaluation(db(), p.admin, { id }))).toMatchObject({ kind: 'forbidden' });
    expect((await publishEvaluation(db(), p.reviewer, { id })).status).toBe('published');

    const events = await listEvents(db(), { evaluationId: id });
    expect(events.map((e) => e.action)).toEqual([
      'evaluation.create',
      'evaluation.submit',
      'evaluation.approve',
      'evaluation.accept',
      'evaluation.publish',
    ]);
    expect(events[1]).toMatchObject({ before: { status: 'draft' }, after: { status: 'submitted' } });
    expect(events[4]?.actorId).toBe(p.reviewer.id);
  });

  it('returns with comments to draft, and keeps the published snapshot when the draft changes later', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, { document: projectDocument() });
    const id = evaluation.id;
    await submitEvaluation(db(), p.fillerA, { id });
    await approveEvaluation(db(), p.approverA, { id });
    await acceptEvaluation(db(), p.reviewer, { id });
    await publishEvaluation(db(), p.reviewer, { id });
    const published = await latestSnapshot(db(), id);
    expect(published?.version).toBe(1);

    expect(await refusal(returnEvaluation(db(), p.reviewer, { id, comments: [] }))).toMatchObject({
      code: 'comment-required',
    });
    expect(
      await refusal(
        returnEvaluation(db(), p.reviewer, { id, comments: [{ path: 'indicators[99]', body: '?' }] }),
      ),
    ).toMatchObject({ code: 'unknown-path' });
    expect(
      await refusal(returnEvaluation(db(), p.approverA, { id, comments: [{ body: '请修改' }] })),
    ).toMatchObject({ kind: 'state' });
    const returned = await returnEvaluation(db(), p.reviewer, {
      id,
      comments: [{ path: 'indicators[0].actual', body: '实际完成值请附证明材料' }],
    });
    expect(returned.status).toBe('draft');
    const comments = await listComments(db(), id);
    expect(comments).toMatchObject([
      { path: 'indicators[0].actual', body: '实际完成值请附证明材料', version: 1 },
    ]);

    await saveEvaluation(db(), p.fillerA, {
      id,
      expectedVersion: 1,
      document: projectDocument({ project: '退回后修改的项目名称' }),
    });
    const still = await latestSnapshot(db(), id);
    expect(still?.version).toBe(1);
    expect(still?.document.project).toBe(published?.document.project);
    expect(still?.document).toEqual(published?.document);
  });

  it('lets the approver send a submitted form back to the filler', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, { document: projectDocument() });
    await submitEvaluation(db(), p.fillerA, { id: evaluation.id });
    const back = await returnEvaluation(db(), p.approverA, {
      id: evaluation.id,
      comments: [{ body: '预算数有误' }],
    });
    expect(back.status).toBe('draft');
  });

  it('takes comments on an existing place and attachments within the limit', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, { document: seedDocument() });
    const id = evaluation.id;
    const c = await addComment(db(), p.reviewer, {
      evaluationId: id,
      path: 'totalReported',
      body: '总分与各项之和不符',
    });
    expect(c).toMatchObject({ path: 'totalReported', authorId: p.reviewer.id, version: 1 });
    expect(await refusal(addComment(db(), p.fillerB, { evaluationId: id, body: 'x' }))).toMatchObject({
      kind: 'not-found',
    });
    expect(await refusal(addComment(db(), p.fillerA, { evaluationId: id, body: '   ' }))).toMatchObject({
      code: 'required',
    });

    const small = new Uint8Array(100).fill(7);
    const meta = await addAttachment(
      db(),
      p.fillerA,
      { evaluationId: id, filename: '../../证明材料.pdf', mediaType: 'application/pdf', content: small },
      { maxBytes: 1000 },
    );
    expect(meta).toMatchObject({ filename: '证明材料.pdf', size: 100 });
    const big = await refusal(
      addAttachment(
        db(),
        p.fillerA,
        { evaluationId: id, filename: 'big.pdf', content: new Uint8Array(1001) },
        { maxBytes: 1000 },
      ),
    );
    expect(big).toMatchObject({ kind: 'too-large', code: 'attachment-too-large' });
    expect(big.message).toContain('big.pdf');
    const actions = (await listEvents(db(), { evaluationId: id })).map((e) => e.action);
    expect(actions).toEqual(['evaluation.create', 'comment.add', 'attachment.add']);
  });
});
