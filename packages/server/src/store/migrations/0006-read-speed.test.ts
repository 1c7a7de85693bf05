/**
 * Migration 0006 counts each form's current findings by rule onto its row, exactly as a save
 * does, and the dashboard's counts by rule agree with the findings table.
 */
import { describe, expect, it } from 'vitest';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { dashboard } from '../../queries/dashboard.ts';
import { BACKENDS, useTestStore } from '../../testing/databases.ts';
import { projectDocument, seedDocument, seedPeople } from '../../testing/fixtures.ts';
import { migrateTo, migrateToLatest } from '../database.ts';
import { findEvaluation } from '../repos/evaluations.ts';
import { findingCounts, listFindings } from '../repos/findings.ts';

describe.each(BACKENDS)('migration 0006 on %s', (dialect) => {
  const testStore = useTestStore(dialect);

  it('fills in the counts by rule of forms saved before it, as a save writes them', async () => {
    const t = testStore();
    const db = t.store.db;
    const people = await seedPeople(db);
    const seed = (await createEvaluation(db, people.fillerA, { document: seedDocument() })).evaluation;
    const project = (
      await createEvaluation(db, people.fillerB, { document: projectDocument({ year: 2023 }) })
    ).evaluation;
    const seedFindings = await listFindings(db, seed.id, seed.version);
    expect(seedFindings.length).toBeGreaterThan(10);
    const written = (await findEvaluation(db, seed.id))?.findingCounts;
    expect(JSON.parse(written ?? 'null')).toEqual(JSON.parse(findingCounts(seedFindings)));

    await migrateTo(t.store, '0005-deadlines');
    const columns = (await db.introspection.getTables())
      .find((x) => x.name === 'evaluations')
      ?.columns.map((c) => c.name);
    expect(columns).not.toContain('finding_counts');
    expect(await migrateToLatest(t.store)).toContain('0006-read-speed');

    for (const e of [seed, project]) {
      const counts = JSON.parse((await findEvaluation(db, e.id))?.findingCounts ?? 'null');
      expect(counts).toEqual(JSON.parse(findingCounts(await listFindings(db, e.id, e.version))));
    }
    // the dashboard sums them: the same as counting the findings table
    const d = await dashboard(db, people.reviewer, { year: 2023 });
    const expected = new Map<string, number>();
    for (const e of [seed, project])
      for (const f of await listFindings(db, e.id, e.version))
        expected.set(`${f.code}|${f.severity}`, (expected.get(`${f.code}|${f.severity}`) ?? 0) + 1);
    expect(new Map(d.findingsByRule.map((r) => [`${r.code}|${r.severity}`, r.count]))).toEqual(expected);
  });
});
