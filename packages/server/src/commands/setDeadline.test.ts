/**
 * Deadlines, on both databases: the reviewer or admin sets one per year and stage, setting it
 * again replaces it, bad dates and the unit's people are refused, and each change is audited.
 */
import { expect, it } from 'vitest';
import { listEvents } from '../store/repos/audit.ts';
import { listDeadlines } from '../store/repos/deadlines.ts';
import { describeEachBackend } from '../testing/databases.ts';
import { useSeededStore } from '../testing/fixtures.ts';
import { refusal } from '../testing/refusal.ts';
import { isIsoDate, setDeadline } from './setDeadline.ts';

it('accepts only real calendar days written YYYY-MM-DD', () => {
  expect(isIsoDate('2024-03-31')).toBe(true);
  expect(isIsoDate('2024-02-29')).toBe(true);
  expect(isIsoDate('2023-02-29')).toBe(false);
  expect(isIsoDate('2024-04-31')).toBe(false);
  expect(isIsoDate('2024-3-31')).toBe(false);
  expect(isIsoDate('2024/03/31')).toBe(false);
  expect(isIsoDate('')).toBe(false);
});

describeEachBackend('setDeadline', (dialect) => {
  const { db, people: p } = useSeededStore(dialect);

  it('stores one deadline per year and stage, replaces it when set again, and audits each change', async () => {
    await setDeadline(db(), p.reviewer, {
      year: 2031,
      stage: 'targets',
      due: '2031-03-31',
      note: '  首次  ',
    });
    await setDeadline(db(), p.admin, { year: 2031, stage: 'self-evaluation', due: '2032-04-30' });
    await setDeadline(db(), p.reviewer, { year: 2031, stage: 'targets', due: '2031-04-15' });

    const list = await listDeadlines(db(), 2031);
    expect(list).toEqual([
      expect.objectContaining({
        year: 2031,
        stage: 'targets',
        due: '2031-04-15',
        note: null,
        updatedBy: p.reviewer.username,
      }),
      expect.objectContaining({
        year: 2031,
        stage: 'self-evaluation',
        due: '2032-04-30',
        note: null,
        updatedBy: p.admin.username,
      }),
    ]);
    expect(await listDeadlines(db(), 2030)).toEqual([]);
    expect((await listDeadlines(db(), null)).length).toBeGreaterThanOrEqual(2);

    const events = (await listEvents(db(), { action: 'deadline.set' })).filter((e) =>
      e.entityId.startsWith('2031/'),
    );
    expect(events).toHaveLength(3);
    const replaced = events.find((e) => (e.after as { due: string }).due === '2031-04-15');
    expect(replaced).toMatchObject({
      actorId: p.reviewer.id,
      entityType: 'deadline',
      entityId: '2031/targets',
      before: { due: '2031-03-31', note: '首次' },
    });
  });

  it('refuses the unit’s people, impossible dates and unknown stages, and changes nothing', async () => {
    for (const who of [p.fillerA, p.approverA]) {
      const r = await refusal(setDeadline(db(), who, { year: 2032, stage: 'targets', due: '2032-03-31' }));
      expect(r.kind).toBe('forbidden');
    }
    expect(
      (await refusal(setDeadline(db(), null, { year: 2032, stage: 'targets', due: '2032-03-31' }))).kind,
    ).toBe('unauthenticated');
    const bad = await refusal(
      setDeadline(db(), p.reviewer, { year: 2032, stage: 'targets', due: '2032-02-30' }),
    );
    expect(bad).toMatchObject({ kind: 'invalid', code: 'bad-date', path: 'due' });
    expect(bad.message).toContain('2032-02-30');
    const stage = await refusal(
      setDeadline(db(), p.reviewer, { year: 2032, stage: 'final', due: '2032-03-31' }),
    );
    expect(stage).toMatchObject({ kind: 'invalid', code: 'bad-stage' });
    expect(await listDeadlines(db(), 2032)).toEqual([]);
  });
});
