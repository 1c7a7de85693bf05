/**
 * A form's answer is assembled as text around the stored JSON (evaluationDetailJson); it must say
 * exactly what the object view says, on both databases (PostgreSQL gives jsonb's own text back).
 */
import { expect, it } from 'vitest';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { detailJsonOf, evaluationDetail } from '../queries/evaluations.ts';
import { describeEachBackend } from '../testing/databases.ts';
import { seedDocument, useSeededStore } from '../testing/fixtures.ts';
import { evaluationDetailJson, evaluationDetailView } from './views.ts';

describeEachBackend('the detail as text', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);

  it('says what the object view says, field by field and in the same order', async () => {
    const { evaluation } = await createEvaluation(db(), p.fillerA, { document: seedDocument() });
    const d = await evaluationDetail(db(), p.fillerA, evaluation.id);
    const text = evaluationDetailJson(await detailJsonOf(db(), d.record));
    const parsed = JSON.parse(text);
    const view = JSON.parse(JSON.stringify(evaluationDetailView(d)));
    expect(parsed).toEqual(view);
    expect(Object.keys(parsed)).toEqual(Object.keys(view));
    expect(parsed.evaluation.indicators).toHaveLength(21);
    expect(parsed.findings.length).toBeGreaterThan(0);
  });
});
