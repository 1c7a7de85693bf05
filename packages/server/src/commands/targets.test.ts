/**
 * Targets first: declared, approved, a self-evaluation made from them with targets and weights
 * locked, and an adjustment that must be approved before the targets change.
 */
import type { Evaluation, Value } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { listEvents } from '../store/repos/audit.ts';
import { findEvaluation } from '../store/repos/evaluations.ts';
import { listFindings } from '../store/repos/findings.ts';
import { findVersion } from '../store/repos/versions.ts';
import { BACKENDS } from '../testing/databases.ts';
import { projectDocument, targetsDocument, useSeededStore } from '../testing/fixtures.ts';
import { refusal } from '../testing/refusal.ts';
import { approveAdjustment } from './approveAdjustment.ts';
import { approveTargets } from './approveTargets.ts';
import { createEvaluation } from './createEvaluation.ts';
import { declareTargets } from './declareTargets.ts';
import { rejectAdjustment } from './rejectAdjustment.ts';
import { requestAdjustment } from './requestAdjustment.ts';
import { returnEvaluation } from './returnEvaluation.ts';
import { saveEvaluation } from './saveEvaluation.ts';
import { submitEvaluation } from './submitEvaluation.ts';

/** A value given by its raw text only, as clients send it; validation parses the rest. */
const raw = (text: string) => ({ raw: text }) as Value;

describe.each(BACKENDS)('targets on %s', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);

  async function approvedTargets(): Promise<string> {
    const { evaluation } = await createEvaluation(db(), p.fillerA, {
      document: targetsDocument({ year: 2025 }),
      stage: 'targets',
    });
    await declareTargets(db(), p.fillerA, { id: evaluation.id });
    await approveTargets(db(), p.reviewer, { id: evaluation.id });
    return evaluation.id;
  }

  it('declares and approves targets, recording the approved version', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, {
      document: targetsDocument({ year: 2025 }),
      stage: 'targets',
    });
    expect(evaluation).toMatchObject({ stage: 'targets', status: 'draft' });
    expect(await refusal(approveTargets(db(), p.reviewer, { id: evaluation.id }))).toMatchObject({
      kind: 'state',
    });
    expect(await refusal(submitEvaluation(db(), p.fillerA, { id: evaluation.id }))).toMatchObject({
      kind: 'state',
    });
    expect((await declareTargets(db(), p.fillerA, { id: evaluation.id })).status).toBe('declared');
    expect(await refusal(approveTargets(db(), p.approverA, { id: evaluation.id }))).toMatchObject({
      kind: 'forbidden',
    });
    const returned = await returnEvaluation(db(), p.reviewer, {
      id: evaluation.id,
      comments: [{ path: 'indicators[0].target', body: '目标值偏低' }],
    });
    expect(returned.status).toBe('draft');
    await declareTargets(db(), p.fillerA, { id: evaluation.id });
    const approved = await approveTargets(db(), p.reviewer, { id: evaluation.id });
    expect(approved).toMatchObject({ status: 'approved', approvedVersion: 1 });
  });

  it('creates the self-evaluation from approved targets only, once', async () => {
    const { evaluation: draftTargets } = await createEvaluation(db(), p.fillerA, {
      document: targetsDocument({ year: 2025 }),
      stage: 'targets',
    });
    expect(await refusal(createEvaluation(db(), p.fillerA, { fromTargets: draftTargets.id }))).toMatchObject({
      kind: 'state',
    });
    const targetsId = await approvedTargets();
    expect(await refusal(createEvaluation(db(), p.fillerB, { fromTargets: targetsId }))).toMatchObject({
      kind: 'not-found',
    });
    const { evaluation } = await createEvaluation(db(), p.fillerA, { fromTargets: targetsId });
    expect(evaluation).toMatchObject({
      stage: 'self-evaluation',
      targetsId,
      targetsVersion: 1,
      status: 'draft',
    });
    const doc = (await findVersion(db(), evaluation.id, 1))?.document;
    expect(doc?.indicators[0]?.target.raw).toBe(targetsDocument({ year: 2025 }).indicators[0]?.target.raw);
    expect(doc?.indicators.every((i) => i.actual.raw === '' && i.score === null)).toBe(true);
    const codes = (await listFindings(db(), evaluation.id, 1)).map((f) => f.code);
    expect(codes).not.toContain('targets-not-approved');
    expect(codes).not.toContain('targets-changed');
    expect(await refusal(createEvaluation(db(), p.fillerA, { fromTargets: targetsId }))).toMatchObject({
      code: 'already-created',
    });
  });

  it('lets the unit fill in actual values, but refuses a change to a locked target or weight', async () => {
    const targetsId = await approvedTargets();
    const { evaluation } = await createEvaluation(db(), p.fillerA, { fromTargets: targetsId });
    const current = (await findVersion(db(), evaluation.id, 1))?.document as Evaluation;
    const filled = projectDocument({ year: 2025 });
    const saved = await saveEvaluation(db(), p.fillerA, {
      id: evaluation.id,
      expectedVersion: 1,
      document: filled,
    });
    expect(saved.evaluation.version).toBe(2);

    const changedTarget = structuredClone(filled);
    changedTarget.indicators[1] = { ...changedTarget.indicators[1]!, target: raw('≥0.5万亩') };
    const refused = await refusal(
      saveEvaluation(db(), p.fillerA, { id: evaluation.id, expectedVersion: 2, document: changedTarget }),
    );
    expect(refused).toMatchObject({ kind: 'invalid', code: 'targets-locked', path: 'indicators[1].target' });
    expect(refused.message).toContain('目标调整');

    const changedWeight = structuredClone(filled);
    changedWeight.indicators[0] = { ...changedWeight.indicators[0]!, weight: 20 };
    expect(
      await refusal(
        saveEvaluation(db(), p.fillerA, { id: evaluation.id, expectedVersion: 2, document: changedWeight }),
      ),
    ).toMatchObject({ code: 'targets-locked', path: 'indicators[0].weight' });
    expect((await findEvaluation(db(), evaluation.id))?.version).toBe(2);
    expect(current.indicators).toHaveLength(filled.indicators.length);
  });

  it('records an adjustment with its reason; approval changes the targets and the form, rejection nothing', async () => {
    const targetsId = await approvedTargets();
    const { evaluation } = await createEvaluation(db(), p.fillerA, { fromTargets: targetsId });
    await saveEvaluation(db(), p.fillerA, {
      id: evaluation.id,
      expectedVersion: 1,
      document: projectDocument({ year: 2025 }),
    });
    const proposed = targetsDocument({ year: 2025 });
    proposed.indicators[0] = { ...proposed.indicators[0]!, target: raw('2') };

    expect(
      await refusal(
        requestAdjustment(db(), p.fillerA, { evaluationId: evaluation.id, reason: ' ', document: proposed }),
      ),
    ).toMatchObject({ code: 'required', path: 'reason' });
    expect(
      await refusal(
        requestAdjustment(db(), p.fillerA, {
          evaluationId: evaluation.id,
          reason: '无变化',
          document: targetsDocument({ year: 2025 }),
        }),
      ),
    ).toMatchObject({ code: 'no-change' });

    const first = await requestAdjustment(db(), p.fillerA, {
      evaluationId: evaluation.id,
      reason: '上级追加任务，项目数量增加',
      document: proposed,
    });
    expect(first).toMatchObject({ status: 'pending', targetsId, evaluationId: evaluation.id });
    expect(
      await refusal(
        requestAdjustment(db(), p.fillerA, {
          evaluationId: evaluation.id,
          reason: '再来',
          document: proposed,
        }),
      ),
    ).toMatchObject({ code: 'adjustment-pending' });
    expect(await refusal(approveAdjustment(db(), p.approverA, { id: first.id }))).toMatchObject({
      kind: 'forbidden',
    });
    expect(await refusal(approveAdjustment(db(), p.fillerB, { id: first.id }))).toMatchObject({
      kind: 'not-found',
    });
    expect(await refusal(rejectAdjustment(db(), p.reviewer, { id: first.id }))).toMatchObject({
      code: 'required',
    });

    const rejected = await rejectAdjustment(db(), p.reviewer, { id: first.id, note: '理由不充分' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: '理由不充分' });
    expect((await findEvaluation(db(), evaluation.id))?.version).toBe(2);

    const second = await requestAdjustment(db(), p.fillerA, {
      evaluationId: evaluation.id,
      reason: '上级追加任务，项目数量增加（附文件）',
      document: proposed,
    });
    const approved = await approveAdjustment(db(), p.reviewer, { id: second.id, note: '同意' });
    expect(approved.status).toBe('approved');
    expect(await refusal(approveAdjustment(db(), p.reviewer, { id: second.id }))).toMatchObject({
      kind: 'state',
    });

    const targets = await findEvaluation(db(), targetsId);
    expect(targets).toMatchObject({ version: 2, approvedVersion: 2 });
    const form = await findEvaluation(db(), evaluation.id);
    expect(form).toMatchObject({ version: 3, targetsVersion: 2 });
    const doc = (await findVersion(db(), evaluation.id, 3))?.document;
    expect(doc?.indicators[0]?.target.raw).toBe('2');
    // What the unit filled in survives the adjustment.
    expect(doc?.indicators[1]?.actual.raw).toBe(projectDocument().indicators[1]?.actual.raw);

    const trail = await listEvents(db(), { evaluationId: evaluation.id });
    expect(trail.map((e) => e.action)).toEqual([
      'evaluation.create',
      'evaluation.save',
      'adjustment.request',
      'adjustment.reject',
      'adjustment.request',
      'evaluation.save',
      'adjustment.approve',
    ]);
    expect(trail[2]?.after).toMatchObject({ reason: '上级追加任务，项目数量增加', status: 'pending' });
    expect(trail[5]?.after).toMatchObject({ changes: { 'indicators[0].target.raw': '2' } });
  });

  it('refuses to approve an adjustment while the form made from the targets is not a draft', async () => {
    const targetsId = await approvedTargets();
    const { evaluation } = await createEvaluation(db(), p.fillerA, { fromTargets: targetsId });
    await submitEvaluation(db(), p.fillerA, { id: evaluation.id });
    const proposed = targetsDocument({ year: 2025 });
    proposed.indicators[0] = { ...proposed.indicators[0]!, target: raw('3') };
    const a = await requestAdjustment(db(), p.approverA, {
      evaluationId: targetsId,
      reason: '调整',
      document: proposed,
    });
    expect(await refusal(approveAdjustment(db(), p.reviewer, { id: a.id }))).toMatchObject({
      kind: 'state',
      code: 'evaluation-not-draft',
    });
  });
});
