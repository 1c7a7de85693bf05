/** Migration 0003 fills in both totals of forms and snapshots saved before it existed. */
import { describe, expect, it } from 'vitest';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { newId } from '../../ids.ts';
import { BACKENDS, useTestStore } from '../../testing/databases.ts';
import { seedDocument, seedPeople } from '../../testing/fixtures.ts';
import { migrateTo, migrateToLatest } from '../database.ts';
import { nowIso } from '../dialect.ts';
import { findEvaluation } from '../repos/evaluations.ts';
import { insertSnapshot, latestSnapshot } from '../repos/snapshots.ts';

describe.each(BACKENDS)('migration 0003 on %s', (dialect) => {
  const testStore = useTestStore(dialect);

  it('keeps the reported and computed totals apart, and backfills them when migrating up', async () => {
    const t = testStore();
    const db = t.store.db;
    const people = await seedPeople(db);
    const { evaluation, written } = await createEvaluation(db, people.fillerA, { document: seedDocument() });
    expect(evaluation).toMatchObject({ total: '92', totalReported: '95', totalComputed: '92' });
    await insertSnapshot(db, {
      id: newId(),
      evaluationId: evaluation.id,
      version: 1,
      document: seedDocument(),
      score: written.score,
      findings: [],
      unitName: evaluation.unitName,
      kind: evaluation.kind,
      year: evaluation.year,
      project: evaluation.project,
      total: evaluation.total,
      totalReported: evaluation.totalReported,
      totalComputed: evaluation.totalComputed,
      grade: evaluation.grade,
      publishedBy: people.reviewer.id,
      publishedAt: nowIso(),
    });

    await migrateTo(t.store, '0002-jobs');
    const columns = (await db.introspection.getTables())
      .find((x) => x.name === 'evaluations')
      ?.columns.map((c) => c.name);
    expect(columns).not.toContain('total_reported');
    expect(await migrateToLatest(t.store)).toContain('0003-reported-totals');

    expect(await findEvaluation(db, evaluation.id)).toMatchObject({
      totalReported: '95',
      totalComputed: '92',
    });
    expect(await latestSnapshot(db, evaluation.id)).toMatchObject({
      total: '92',
      totalReported: '95',
      totalComputed: '92',
    });
  });
});
