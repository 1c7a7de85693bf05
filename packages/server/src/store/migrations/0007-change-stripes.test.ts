/** Migration 0007 spreads the change counter over stripes without changing what readers see. */
import { describe, expect, it } from 'vitest';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { BACKENDS, useTestStore } from '../../testing/databases.ts';
import { projectDocument, seedDocument, seedPeople } from '../../testing/fixtures.ts';
import { migrateTo, migrateToLatest } from '../database.ts';
import { bumpChanges, currentChanges } from '../repos/changes.ts';
import { CHANGE_STRIPES } from './0007-change-stripes.ts';

describe.each(BACKENDS)('migration 0007 on %s', (dialect) => {
  const testStore = useTestStore(dialect);

  it('keeps the count of changes through the stripes, down and up again', async () => {
    const t = testStore();
    const db = t.store.db;
    const people = await seedPeople(db);
    await createEvaluation(db, people.fillerA, { document: seedDocument() });
    await createEvaluation(db, people.fillerB, { document: projectDocument({ year: 2023 }) });
    const before = await currentChanges(db);
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await db.selectFrom('change_counter').select('id').execute()).toHaveLength(CHANGE_STRIPES);

    // every write adds exactly one, whichever stripe it lands on
    for (let i = 0; i < 40; i++) await bumpChanges(db);
    expect(await currentChanges(db)).toBe(before + 40);
    const moved = await db.selectFrom('change_counter').select('n').where('n', '>', 0).execute();
    expect(moved.length).toBeGreaterThan(1);

    await migrateTo(t.store, '0006-read-speed');
    expect(await db.selectFrom('change_counter').selectAll().execute()).toEqual([{ id: 1, n: before + 40 }]);
    expect(await currentChanges(db)).toBe(before + 40);

    expect(await migrateToLatest(t.store)).toContain('0007-change-stripes');
    expect(await currentChanges(db)).toBe(before + 40);
    await createEvaluation(db, people.fillerA, { document: projectDocument({ year: 2022 }) });
    expect(await currentChanges(db)).toBe(before + 41);
  });
});
