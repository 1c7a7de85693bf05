/**
 * Backups give back the same data: every evaluation version and every data table, checksum for
 * checksum, into a new database of the same kind or of the other kind, or over the data of a
 * stopped one; a restore refuses data it was not told to replace and files that are no
 * (complete) backup, and changes nothing then. (A backup taken while server processes save
 * forms, and the refusal to restore under them, are in http/security.test.ts, which has the
 * servers running.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addAttachment } from '../commands/addAttachment.ts';
import { createUnit } from '../commands/createUnit.ts';
import { isRefusal } from '../commands/problem.ts';
import { loadDemo } from '../demo/load.ts';
import { newId } from '../ids.ts';
import {
  BACKENDS,
  createTestDatabase,
  describeEachBackend,
  type TestDatabase,
} from '../testing/databases.ts';
import { type Fingerprint, fingerprint } from '../testing/fingerprint.ts';
import { STARTUP_TIMEOUT } from '../testing/server-process.ts';
import { backupDatabase, DATA_TABLES, OPERATIONAL_TABLES, restoreDatabase } from './backup.ts';
import { knownMigrations, migrateTo, openDatabase, type Store } from './database.ts';
import type { DialectName } from './dialect.ts';
import { insertUnitsBulk } from './repos/bulk.ts';
import { findUserByUsername } from './repos/users.ts';

/** An administrator acting on the console (units need no account behind their creator). */
const ADMIN = {
  id: 'console-admin',
  username: 'admin',
  displayName: '管理员',
  role: 'admin' as const,
  unitId: null,
};

async function refusalOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isRefusal(e)) return e.problem;
    throw e;
  }
  throw new Error('expected a refusal');
}

describeEachBackend('backup and restore', (dialect) => {
  let source: TestDatabase;
  let store: Store;
  let before: Fingerprint;
  let dir: string;
  /** restored into by the first restore test, and kept for the refusals */
  let target: TestDatabase;
  const made: TestDatabase[] = [];

  async function fresh(kind: DialectName = dialect): Promise<TestDatabase> {
    const d = await createTestDatabase(kind);
    made.push(d);
    return d;
  }

  async function fingerprintOf(d: TestDatabase): Promise<Fingerprint> {
    const s = await d.open();
    try {
      return await fingerprint(s.db);
    } finally {
      await s.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
    source = await fresh();
    store = await source.open();
    // The demo has a unit hierarchy, forms in every status, published snapshots, comments and
    // targets with a self-evaluation made from them; evidence adds bytes.
    await loadDemo(store.db);
    const filler = await findUserByUsername(store.db, 'filler');
    const form = await store.db
      .selectFrom('evaluations')
      .select('id')
      .where('created_by', '=', filler?.id ?? '')
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
    await addAttachment(
      store.db,
      {
        id: filler?.id ?? '',
        username: 'filler',
        displayName: '',
        role: 'filler',
        unitId: filler?.unitId ?? null,
      },
      {
        evaluationId: form.id,
        filename: '证明材料.pdf',
        content: new Uint8Array(600).map((_, i) => i % 256),
      },
    );
    before = await fingerprint(store.db);
  }, STARTUP_TIMEOUT);

  afterAll(async () => {
    await store?.close();
    for (const d of made) await d.drop();
    rmSync(dir, { recursive: true, force: true });
  }, STARTUP_TIMEOUT);

  it('backs up everything but running state, and names each table it left out', async () => {
    const tables = (await store.db.introspection.getTables())
      .map((t) => t.name)
      .filter((n) => !n.startsWith('kysely_'));
    expect([...DATA_TABLES.map((t) => t.name), ...OPERATIONAL_TABLES].sort()).toEqual(tables.sort());
  });

  it('restores into a new database the same data, every evaluation version alike', async () => {
    const file = join(dir, 'full.backup');
    const report = await backupDatabase(store, file);
    expect(report.format).toBe(dialect === 'sqlite' ? 'sqlite' : 'jsonl');
    expect(report.migrations).toEqual(knownMigrations());
    expect(report.tables.evaluation_versions).toBe(Object.keys(before.versions).length);
    expect(report.tables.attachments).toBe(1);
    expect(Object.keys(before.versions).length).toBeGreaterThan(8);

    target = await fresh();
    const restored = await restoreDatabase(target.config, file);
    expect(restored).toMatchObject({ format: report.format, upgraded: false, tables: report.tables });
    const after = await fingerprintOf(target);
    expect(after.versions).toEqual(before.versions);
    expect(after.tables).toEqual(before.tables);

    // The restored database works: new audit events follow the restored ones.
    const s = await target.open();
    try {
      const unit = await createUnit(s.db, ADMIN, { name: '恢复后新建的单位', kind: 'unit' });
      const last = await s.db
        .selectFrom('audit_events')
        .select(['id', 'entity_id'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(last.entity_id).toBe(unit.id);
      expect(Number(last.id)).toBeGreaterThan(before.tables.audit_events?.count ?? 0);
    } finally {
      await s.close();
    }

    // Data is not replaced unless asked; when asked, all of it is.
    const refused = await refusalOf(restoreDatabase(target.config, file));
    expect(refused.code).toBe('database-not-empty');
    expect(refused.message).toContain('--replace');
    await restoreDatabase(target.config, file, { replace: true });
    expect(await fingerprintOf(target)).toEqual(before);
  });

  it.runIf(BACKENDS.length === 2)('restores into the other kind of database as well', async () => {
    const file = join(dir, 'across.backup');
    await backupDatabase(store, file);
    const other = await fresh(dialect === 'sqlite' ? 'postgres' : 'sqlite');
    await restoreDatabase(other.config, file);
    expect(await fingerprintOf(other)).toEqual(before);
  });

  it('refuses to overwrite a file, and to restore a file that is no complete backup, changing nothing', async () => {
    const file = join(dir, 'once.backup');
    await backupDatabase(store, file);
    expect((await refusalOf(backupDatabase(store, file))).code).toBe('backup-exists');

    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 255, 0]));
    const notBackup = await refusalOf(restoreDatabase(target.config, junk, { replace: true }));
    expect(notBackup.code).toBe('not-a-backup');
    expect(notBackup.message).toContain(junk);
    expect((await refusalOf(restoreDatabase(target.config, join(dir, 'missing')))).code).toBe(
      'no-such-backup',
    );

    // Cut short: refused, and the data it was to replace is all still there.
    const bytes = readFileSync(file);
    const cut = join(dir, 'cut.backup');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const truncated = await refusalOf(restoreDatabase(target.config, cut, { replace: true }));
    expect(['backup-truncated', 'not-a-backup']).toContain(truncated.code);
    expect(await fingerprintOf(target)).toEqual(before);
  });

  it.runIf(dialect === 'sqlite')('brings a backup from an older version up to date', async () => {
    const old = await fresh();
    const oldStore = await openDatabase(old.config, { migrate: false });
    let oldPrint: Fingerprint;
    const file = join(dir, 'old.backup');
    try {
      await migrateTo(oldStore, '0001-initial');
      // rows as that version wrote them (today's commands also move the change counter of 0006)
      const at = new Date().toISOString();
      const department = { id: newId(), name: '旧版主管部门', kind: 'department' as const, parentId: null };
      await insertUnitsBulk(oldStore.db, [
        { ...department, regionId: null, createdAt: at },
        {
          id: newId(),
          name: '旧版单位',
          kind: 'unit',
          parentId: department.id,
          regionId: null,
          createdAt: at,
        },
      ]);
      oldPrint = await fingerprint(oldStore.db);
      await backupDatabase(oldStore, file);
    } finally {
      await oldStore.close();
    }
    const upgraded = await fresh();
    const report = await restoreDatabase(upgraded.config, file);
    expect(report).toMatchObject({ upgraded: true, migrations: ['0001-initial'] });
    expect(report.tables.units).toBe(2);
    expect(await fingerprintOf(upgraded)).toEqual(oldPrint);
  });
});
