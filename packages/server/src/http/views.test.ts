/**
 * A form's answer is assembled as text around the stored JSON (evaluationDetailJson); it must say
 * exactly what the object view says, on both databases (PostgreSQL gives jsonb's own text back).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEvaluation } from '../commands/createEvaluation.ts';
import { detailJsonOf, evaluationDetail } from '../queries/evaluations.ts';
import { createTestStore, describeEachBackend, type TestStore } from '../testing/databases.ts';
import { type People, seedDocument, seedPeople } from '../testing/fixtures.ts';
import { evaluationDetailJson, evaluationDetailView } from './views.ts';

describeEachBackend('the detail as text', (dialect) => {
  let t: TestStore;
  let p: People;
  beforeAll(async () => {
    t = await createTestStore(dialect);
    p = await seedPeople(t.store.db);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('says what the object view says, field by field and in the same order', async () => {
    const { evaluation } = await createEvaluation(t.store.db, p.fillerA, { document: seedDocument() });
    const d = await evaluationDetail(t.store.db, p.fillerA, evaluation.id);
    const text = evaluationDetailJson(await detailJsonOf(t.store.db, d.record));
    const parsed = JSON.parse(text);
    const view = JSON.parse(JSON.stringify(evaluationDetailView(d)));
    expect(parsed).toEqual(view);
    expect(Object.keys(parsed)).toEqual(Object.keys(view));
    expect(parsed.evaluation.indicators).toHaveLength(21);
    expect(parsed.findings.length).toBeGreaterThan(0);
  });
});
