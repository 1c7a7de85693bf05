import { type Finding, validate } from '@jixiao/core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { BACKENDS, createTestStore, type TestStore } from '../testing/databases.ts';
import { knownMigrations, migrateToLatest, migrationStatus } from './database.ts';
import { nowIso, writeJson } from './dialect.ts';
import { findAttachment, insertAttachment } from './repos/attachments.ts';
import { listEvents, recordEvent } from './repos/audit.ts';
import { currentChanges } from './repos/changes.ts';
import {
  advanceVersion,
  findEvaluation,
  findSessionAndEvaluation,
  insertEvaluation,
  listEvaluations,
} from './repos/evaluations.ts';
import { listFindings } from './repos/findings.ts';
import { deleteExpiredCounters, peek, release, reserve } from './repos/rateLimits.ts';
import { findLiveSession, insertSession } from './repos/sessions.ts';
import { insertSnapshot, latestSnapshot, listPublished } from './repos/snapshots.ts';
import { insertUnit } from './repos/units.ts';
import { findLoginUser, insertUser } from './repos/users.ts';
import { findVersion, insertVersionWithFindings } from './repos/versions.ts';

const DOC = (() => {
  const r = validate({
    kind: 'project',
    year: 2023,
    unit: '测试单位',
    project: '“引号”与换行\n项目',
    budget: { planned: 100, executed: 95.5 },
    indicators: [{ name: '培训次数', target: { raw: '≥2次' }, actual: { raw: '8次' } }],
  });
  if (!r.ok) throw new Error('fixture invalid');
  return r.evaluation;
})();

describe.each(BACKENDS)('store on %s', (dialect) => {
  let t: TestStore;
  const unitId = newId();
  const userId = newId();

  beforeAll(async () => {
    t = await createTestStore(dialect);
    const db = t.store.db;
    await insertUnit(db, {
      id: unitId,
      name: '测试单位',
      kind: 'unit',
      parentId: null,
      regionId: null,
      createdAt: nowIso(),
    });
    await insertUser(db, {
      id: userId,
      username: 'tester',
      displayName: '测试员',
      role: 'filler',
      unitId,
      disabledAt: null,
      createdAt: nowIso(),
      passwordHash: 'scrypt$x',
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  async function newEvaluation(
    over: { year?: number; grade?: string; errors?: number } = {},
  ): Promise<string> {
    const id = newId();
    const at = nowIso();
    await insertEvaluation(t.store.db, {
      id,
      stage: 'self-evaluation',
      kind: 'project',
      status: 'draft',
      unitId,
      year: over.year ?? 2023,
      project: 'p',
      profile: 'national-2020',
      version: 1,
      targetsId: null,
      targetsVersion: null,
      approvedVersion: null,
      total: null,
      totalReported: null,
      totalComputed: null,
      grade: over.grade ?? null,
      rate: null,
      errorCount: over.errors ?? 0,
      warningCount: 0,
      findingCounts: null,
      createdBy: userId,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  }

  it('is migrated, and migrating again changes nothing', async () => {
    const status = await migrationStatus(t.store);
    expect(status.map((s) => s.name)).toEqual(knownMigrations());
    expect(knownMigrations().slice(0, 3)).toEqual(['0001-initial', '0002-jobs', '0003-reported-totals']);
    expect(status.every((s) => s.executedAt !== null)).toBe(true);
    expect(await migrateToLatest(t.store)).toEqual([]);
  });

  it('enforces foreign keys and unique usernames', async () => {
    const base = {
      displayName: 'x',
      role: 'filler' as const,
      disabledAt: null,
      createdAt: nowIso(),
      passwordHash: 'scrypt$x',
    };
    await expect(
      insertUser(t.store.db, { ...base, id: newId(), username: 'orphan', unitId: 'no-such-unit' }),
    ).rejects.toThrow();
    await expect(
      insertUser(t.store.db, { ...base, id: newId(), username: 'tester', unitId }),
    ).rejects.toThrow();
    expect((await findLoginUser(t.store.db, 'orphan')) ?? null).toBeNull();
  });

  it('writes a version with its findings, few or more than one statement takes', async () => {
    const finding = (i: number): Finding => ({
      code: `rule-${i}`,
      severity: i % 2 === 0 ? 'warning' : 'info',
      class: 'completeness',
      message: `第 ${i} 条`,
      path: `indicators[${i}]`,
      place: `指标${i}`,
      basis: '依据',
    });
    for (const count of [0, 3, 2001]) {
      const id = await newEvaluation();
      const findings = Array.from({ length: count }, (_, i) => finding(i));
      await t.store.db.transaction().execute((trx) =>
        insertVersionWithFindings(
          trx,
          {
            id: newId(),
            evaluationId: id,
            version: 1,
            documentJson: JSON.stringify(DOC),
            scoreJson: null,
            total: null,
            grade: null,
            createdBy: userId,
            createdAt: nowIso(),
          },
          findings,
        ),
      );
      expect((await findVersion(t.store.db, id, 1))?.document).toEqual(DOC);
      expect(await listFindings(t.store.db, id, 1)).toEqual(findings);
    }
  });

  it('records an event and moves the change counter on by one, alone and in a transaction', async () => {
    const event = (action: string) => ({
      actor: null,
      action,
      entityType: 'unit',
      entityId: unitId,
      before: null,
      after: { n: 1 },
    });
    const before = await currentChanges(t.store.db);
    await recordEvent(t.store.db, event('test.counted-alone'));
    expect(await currentChanges(t.store.db)).toBe(before + 1);
    await t.store.db.transaction().execute((trx) => recordEvent(trx, event('test.counted-in-transaction')));
    expect(await currentChanges(t.store.db)).toBe(before + 2);
    const listed = await listEvents(t.store.db, { entityId: unitId });
    expect(listed.map((e) => e.action)).toEqual(
      expect.arrayContaining(['test.counted-alone', 'test.counted-in-transaction']),
    );
    // rolled back with the transaction: neither the event nor the count
    await expect(
      t.store.db.transaction().execute(async (trx) => {
        await recordEvent(trx, event('test.rolled-back'));
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await currentChanges(t.store.db)).toBe(before + 2);
    expect((await listEvents(t.store.db, { action: 'test.rolled-back' })).length).toBe(0);
  });

  it('gives back a saved document, its timestamps and its bytes exactly', async () => {
    const id = await newEvaluation();
    const at = '2024-06-10T08:09:10.123Z';
    await insertVersionWithFindings(
      t.store.db,
      {
        id: newId(),
        evaluationId: id,
        version: 1,
        documentJson: writeJson(DOC),
        scoreJson: null,
        total: '92.5',
        grade: '优',
        createdBy: userId,
        createdAt: at,
      },
      [],
    );
    const v = await findVersion(t.store.db, id, 1);
    expect(v?.document).toEqual(DOC);
    expect(v?.createdAt).toBe(at);
    expect(v?.createdByName).toBe('测试员');
    expect(v?.total).toBe('92.5');

    const bytes = new Uint8Array([0, 1, 2, 255, 254, 0x7f]);
    const attId = newId();
    await insertAttachment(t.store.db, {
      id: attId,
      evaluationId: id,
      filename: '证明材料.pdf',
      mediaType: 'application/pdf',
      size: bytes.byteLength,
      uploadedBy: userId,
      uploadedAt: at,
      content: bytes,
    });
    const att = await findAttachment(t.store.db, attId);
    expect([...(att?.content ?? [])]).toEqual([...bytes]);
    expect(att?.uploadedAt).toBe(at);
  });

  it('moves a version forward only from the version and status the writer saw', async () => {
    const id = await newEvaluation();
    const header = { kind: 'project' as const, year: 2024, project: '新名称' };
    const summary = {
      total: '91.5',
      totalReported: '92',
      totalComputed: '91.5',
      grade: '优',
      rate: '98.2',
      errorCount: 1,
      warningCount: 2,
      findingCounts: '{"a|error":1,"b|warning":2}',
    };
    expect(
      await advanceVersion(t.store.db, id, { version: 1, status: 'draft' }, nowIso(), { header, summary }),
    ).toBe(true);
    expect(
      await advanceVersion(t.store.db, id, { version: 1, status: 'draft' }, nowIso(), {
        header: { ...header, year: 1999 },
      }),
    ).toBe(false);
    const e = await findEvaluation(t.store.db, id);
    expect(e?.version).toBe(2);
    expect(e?.year).toBe(2024);
    expect(e?.project).toBe('新名称');
    expect(e?.unitName).toBe('测试单位');
    expect(e).toMatchObject(summary);
    // a header the row already has changes nothing but the version
    expect(
      await advanceVersion(t.store.db, id, { version: 2, status: 'draft' }, nowIso(), {
        header,
        current: header,
      }),
    ).toBe(true);
    expect(await findEvaluation(t.store.db, id)).toMatchObject({ version: 3, year: 2024, project: '新名称' });
    // nor from a status the row no longer has: a transition leaves the version as it is
    expect(await advanceVersion(t.store.db, id, { version: 3, status: 'submitted' }, nowIso())).toBe(false);
    expect(await findEvaluation(t.store.db, id)).toMatchObject({ version: 3, status: 'draft' });
  });

  it('finds a live session with its user in one lookup, and neither an expired one nor a disabled user’s', async () => {
    const db = t.store.db;
    const now = '2026-01-01T00:00:00.000Z';
    const session = (id: string, user: string, expiresAt: string) => ({
      id,
      userId: user,
      csrfToken: `csrf-${id}`,
      createdAt: '2025-12-31T00:00:00.000Z',
      expiresAt,
      lastSeenAt: '2025-12-31T12:00:00.000Z',
    });
    await insertSession(db, session('live', userId, '2026-01-02T00:00:00.000Z'));
    await insertSession(db, session('expired', userId, '2025-12-31T23:59:59.999Z'));
    const disabledId = newId();
    await insertUser(db, {
      id: disabledId,
      username: 'disabled-tester',
      displayName: '已停用',
      role: 'reviewer',
      unitId: null,
      disabledAt: '2025-12-01T00:00:00.000Z',
      createdAt: '2025-11-01T00:00:00.000Z',
      passwordHash: 'scrypt$x',
    });
    await insertSession(db, session('of-disabled', disabledId, '2026-01-02T00:00:00.000Z'));
    const live = await findLiveSession(db, 'live', now);
    expect(live?.session).toEqual(session('live', userId, '2026-01-02T00:00:00.000Z'));
    expect(live?.user).toEqual({
      id: userId,
      username: 'tester',
      displayName: '测试员',
      role: 'filler',
      unitId,
      disabledAt: null,
      createdAt: expect.any(String),
    });
    expect(live?.user.createdAt).not.toBe(live?.session.createdAt);
    expect(await findLiveSession(db, 'expired', now)).toBeUndefined();
    expect(await findLiveSession(db, 'of-disabled', now)).toBeUndefined();
    expect(await findLiveSession(db, 'no-such-session', now)).toBeUndefined();

    // the form a request names, read with its session in one query: exactly findEvaluation's record
    const formId = await newEvaluation();
    const both = await findSessionAndEvaluation(db, 'live', now, formId);
    expect(both?.session).toEqual(live?.session);
    expect(both?.user).toEqual(live?.user);
    expect(both?.evaluation).toEqual(await findEvaluation(db, formId));
    expect(both?.evaluation?.id).toBe(formId);
    expect((await findSessionAndEvaluation(db, 'live', now, 'no-such-form'))?.evaluation).toBeNull();
    expect(await findSessionAndEvaluation(db, 'expired', now, formId)).toBeUndefined();
    expect(await findSessionAndEvaluation(db, 'of-disabled', now, formId)).toBeUndefined();

    // asked together (on PostgreSQL, one query for the turn): each lookup gets its own answer,
    // the same one twice over, whatever else is asked beside it
    const otherForm = await newEvaluation();
    const asked: [string, string][] = [
      ['live', formId],
      ['expired', formId],
      ['live', 'no-such-form'],
      ['of-disabled', formId],
      ['no-such-session', formId],
      ['live', otherForm],
      ['live', formId],
    ];
    const together = await Promise.all(asked.map(([s, f]) => findSessionAndEvaluation(db, s, now, f)));
    expect(together.map((r) => r && (r.evaluation?.id ?? null))).toEqual([
      formId,
      undefined,
      null,
      undefined,
      undefined,
      otherForm,
      formId,
    ]);
    expect(together[0]).toEqual(both);
    expect(together[6]).toEqual(both);
    expect(together[5]?.evaluation).toEqual(await findEvaluation(db, otherForm));
    // inside a transaction the lookup runs on the transaction's own connection and sees its writes
    await db.transaction().execute(async (trx) => {
      await insertSession(trx, session('in-transaction', userId, '2026-01-02T00:00:00.000Z'));
      expect((await findSessionAndEvaluation(trx, 'in-transaction', now, formId))?.evaluation?.id).toBe(
        formId,
      );
    });
  });

  it('filters and pages evaluations', async () => {
    const a = await newEvaluation({ year: 2031, grade: '优' });
    const b = await newEvaluation({ year: 2031, grade: '差', errors: 2 });
    await newEvaluation({ year: 2032 });
    const all2031 = await listEvaluations(t.store.db, { year: 2031 }, { limit: 10, offset: 0 });
    expect(all2031.total).toBe(2);
    expect(all2031.items.map((e) => e.id).sort()).toEqual([a, b].sort());
    const bad = await listEvaluations(t.store.db, { year: 2031, hasErrors: true }, { limit: 10, offset: 0 });
    expect(bad.items.map((e) => e.id)).toEqual([b]);
    const good = await listEvaluations(t.store.db, { year: 2031, grade: '优' }, { limit: 10, offset: 0 });
    expect(good.items.map((e) => e.id)).toEqual([a]);
    const page2 = await listEvaluations(t.store.db, { year: 2031 }, { limit: 1, offset: 1 });
    expect(page2.total).toBe(2);
    expect(page2.items).toHaveLength(1);
    expect(await listEvaluations(t.store.db, { unitIds: [] }, { limit: 10, offset: 0 })).toEqual({
      items: [],
      total: 0,
    });
  });

  it('keeps audit events in order with before and after as JSON', async () => {
    const entityId = newId();
    await recordEvent(t.store.db, {
      actor: { id: userId, username: 'tester' },
      action: 'test.first',
      entityType: 'thing',
      entityId,
      before: null,
      after: { status: 'draft', n: 1.5 },
    });
    await recordEvent(t.store.db, {
      actor: null,
      action: 'test.second',
      entityType: 'thing',
      entityId,
      before: { status: 'draft' },
      after: { status: 'submitted' },
    });
    const events = await listEvents(t.store.db, { entityType: 'thing', entityId });
    expect(events.map((e) => e.action)).toEqual(['test.first', 'test.second']);
    expect(events[0]?.after).toEqual({ status: 'draft', n: 1.5 });
    expect(events[0]?.before).toBeNull();
    expect(events[1]?.before).toEqual({ status: 'draft' });
    expect(events[1]?.actorName).toBeNull();
  });

  it('shows only the latest snapshot of each evaluation as published', async () => {
    const id = await newEvaluation({ year: 2040 });
    const base = {
      evaluationId: id,
      score: null,
      findings: [],
      unitName: '测试单位',
      kind: 'project' as const,
      year: 2040,
      project: 'p',
      total: null,
      totalReported: null,
      totalComputed: null,
      grade: null,
      publishedBy: userId,
    };
    await insertSnapshot(t.store.db, {
      ...base,
      id: newId(),
      version: 1,
      document: DOC,
      publishedAt: '2024-01-01T00:00:00.000Z',
    });
    await insertSnapshot(t.store.db, {
      ...base,
      id: newId(),
      version: 3,
      document: { ...DOC, project: '第二次公开' },
      publishedAt: '2024-02-01T00:00:00.000Z',
    });
    const latest = await latestSnapshot(t.store.db, id);
    expect(latest?.version).toBe(3);
    expect(latest?.document.project).toBe('第二次公开');
    const listed = await listPublished(t.store.db, { year: 2040 }, { limit: 10, offset: 0 });
    expect(listed.total).toBe(1);
    expect(listed.items[0]?.version).toBe(3);
  });

  it('counts attempts in a window shared by everyone using the database, up to the limit, then starts again', async () => {
    const start = new Date('2024-01-01T00:00:00.000Z');
    const minute = 60_000;
    const at = (m: number) => new Date(start.getTime() + m * minute);
    const db = t.store.db;
    expect(await reserve(db, 'k', start, 15 * minute, 3)).toBe(1);
    expect(await reserve(db, 'k', at(1), 15 * minute, 3)).toBe(2);
    expect(await reserve(db, 'k', at(2), 15 * minute, 3)).toBe(3);
    // Full: refused, and the refusal does not count.
    expect(await reserve(db, 'k', at(3), 15 * minute, 3)).toBeNull();
    expect((await peek(db, 'k', at(3), 15 * minute)).count).toBe(3);
    await release(db, 'k');
    expect((await peek(db, 'k', at(3), 15 * minute)).count).toBe(2);
    expect(await reserve(db, 'k', at(4), 15 * minute, 3)).toBe(3);
    // 16 minutes after the window opened, it has run out and the next attempt opens a new one.
    expect((await peek(db, 'k', at(16), 15 * minute)).count).toBe(0);
    expect(await reserve(db, 'k', at(16), 15 * minute, 3)).toBe(1);
    expect((await peek(db, 'k', at(17), 15 * minute)).resetsAt?.toISOString()).toBe(at(31).toISOString());
    expect(await reserve(db, 'other', at(16), 15 * minute, 3)).toBe(1);
    expect(await deleteExpiredCounters(db, at(16).toISOString())).toBe(2);
    expect((await peek(db, 'k', at(17), 15 * minute)).count).toBe(0);
  });

  it('gives a burst of attempts at once no more places than the limit between them', async () => {
    const now = new Date();
    const burst = await Promise.all(
      Array.from({ length: 24 }, () => reserve(t.store.db, 'burst', now, 60_000, 5)),
    );
    expect(burst.filter((n) => n !== null).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await peek(t.store.db, 'burst', now, 60_000)).count).toBe(5);
  });

  it.runIf(dialect === 'sqlite')(
    'takes the write lock when a transaction begins, so writers wait instead of failing',
    async () => {
      const other = new Database(t.database.location, { timeout: 0 });
      try {
        await t.store.db.transaction().execute(async (trx) => {
          await trx.selectFrom('units').select('id').execute();
          // Another process trying to write now finds the lock taken (and, with a timeout, waits).
          expect(() => other.exec('begin immediate')).toThrow(/busy|locked/i);
        });
        other.exec('begin immediate');
        other.exec('rollback');
      } finally {
        other.close();
      }
    },
  );
});
