/**
 * Migration 0008 puts each form's unit name on its row, the list sorts by it from its index,
 * and every way a form is written fills it in from the units.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { BACKENDS, useTestStore } from '../../testing/databases.ts';
import { projectDocument, seedDocument, seedPeople } from '../../testing/fixtures.ts';
import { migrateTo, migrateToLatest } from '../database.ts';
import { findEvaluation, listEvaluations } from '../repos/evaluations.ts';

describe.each(BACKENDS)('migration 0008 on %s', (dialect) => {
  const testStore = useTestStore(dialect);

  it('fills in the unit names of forms made before it, and the list sorts by them', async () => {
    const t = testStore();
    const db = t.store.db;
    const people = await seedPeople(db);
    const a = (await createEvaluation(db, people.fillerA, { document: projectDocument({ year: 2023 }) }))
      .evaluation;
    const b = (await createEvaluation(db, people.fillerB, { document: projectDocument({ year: 2023 }) }))
      .evaluation;
    const units = new Map(
      (await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
    );
    for (const e of [a, b]) expect((await findEvaluation(db, e.id))?.unitName).toBe(units.get(e.unitId));

    await migrateTo(t.store, '0007-change-stripes');
    const columns = (await db.introspection.getTables())
      .find((x) => x.name === 'evaluations')
      ?.columns.map((c) => c.name);
    expect(columns).not.toContain('unit_name');
    expect(await migrateToLatest(t.store)).toContain('0008-list-by-unit-name');

    const rows = await db.selectFrom('evaluations').select(['id', 'unit_id', 'unit_name']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.unit_name).toBe(units.get(r.unit_id));
    // a form made after it has its name too
    const c = (await createEvaluation(db, people.fillerA, { document: seedDocument() })).evaluation;
    expect((await findEvaluation(db, c.id))?.unitName).toBe(units.get(c.unitId));

    const list = await listEvaluations(db, { year: 2023, kind: 'project' }, { limit: 20, offset: 0 });
    const names = list.items.map((e) => e.unitName);
    expect(names).toEqual([...names].sort());
    expect(new Set(names)).toEqual(new Set([units.get(a.unitId), units.get(b.unitId)]));
    // the text filter finds forms by their unit's name
    const byName = await listEvaluations(
      db,
      { text: (units.get(b.unitId) ?? '').slice(-2) },
      { limit: 20, offset: 0 },
    );
    expect(byName.items.map((e) => e.id)).toContain(b.id);
  });

  it.runIf(dialect === 'sqlite')('chooses a page from the index alone, without the units', async () => {
    const t = testStore();
    const plan = await sql<{ detail: string }>`explain query plan
      select id from evaluations where year = 2023 and status = 'draft' and kind = 'project'
      order by year desc, unit_name, project, id limit 20 offset 40`.execute(t.store.db);
    const detail = plan.rows.map((r) => r.detail).join(' | ');
    expect(detail).toContain('COVERING INDEX evaluations_list');
    expect(detail).not.toContain('units');
  });
});
