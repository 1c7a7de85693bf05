/**
 * `jixiao db migrate | backup | restore` on SQLite and PostgreSQL: what they print, their exit
 * codes, and that a restored database holds exactly what was backed up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEvaluation, knownMigrations, openDatabase } from '@jixiao/server';
import {
  BACKENDS,
  createTestDatabase,
  fingerprint,
  projectDocument,
  seedPeople,
  type TestDatabase,
} from '@jixiao/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../main.ts';
import { runDbBackup, runDbMigrate, runDbRestore } from './db.ts';

function capture(): Io & { text: () => string; errors: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    text: () => out.join('\n'),
    errors: () => err.join('\n'),
  };
}

describe.each(BACKENDS)('jixiao db on %s', (dialect) => {
  const made: TestDatabase[] = [];
  let dir: string;
  const where = (d: TestDatabase) => ({ db: d.location });

  async function fresh(): Promise<TestDatabase> {
    const d = await createTestDatabase(dialect);
    made.push(d);
    return d;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-db-'));
  });
  afterAll(async () => {
    for (const d of made) await d.drop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('migrates a new database once, and then says it is up to date', async () => {
    const d = await fresh();
    const first = capture();
    expect(await runDbMigrate(where(d), first)).toBe(0);
    expect(first.text()).toContain(`已执行迁移：${knownMigrations().join('、')}`);
    expect(first.text()).toContain(dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL');
    const again = capture();
    expect(await runDbMigrate(where(d), again)).toBe(0);
    expect(again.text()).toContain(`数据结构已是最新（共 ${knownMigrations().length} 个迁移）`);
  });

  it('backs up and restores the same data, and will not replace data unless told', async () => {
    const source = await fresh();
    const store = await source.open();
    let before: Awaited<ReturnType<typeof fingerprint>>;
    try {
      const people = await seedPeople(store.db);
      await createEvaluation(store.db, people.fillerA, { document: projectDocument() });
      before = await fingerprint(store.db);
    } finally {
      await store.close();
    }
    const file = join(dir, `${dialect}.backup`);
    const backup = capture();
    expect(await runDbBackup(file, where(source), backup)).toBe(0);
    expect(backup.text()).toContain(`到：${file}`);
    expect(backup.text()).toContain(dialect === 'sqlite' ? 'SQLite 数据库文件' : 'JSON lines');
    expect(backup.text()).toContain('用户 6，');
    expect(backup.text()).toContain('自评表 1');

    const again = capture();
    expect(await runDbBackup(file, where(source), again)).toBe(1);
    expect(again.errors()).toMatch(/^备份失败：文件 .* 已存在/);

    const target = await fresh();
    const restore = capture();
    expect(await runDbRestore(file, where(target), restore)).toBe(0);
    expect(restore.text()).toContain('所有用户需要重新登录');
    const t = await openDatabase(target.config);
    try {
      expect(await fingerprint(t.db)).toEqual(before);
    } finally {
      await t.close();
    }

    const refused = capture();
    expect(await runDbRestore(file, where(target), refused)).toBe(1);
    expect(refused.errors()).toContain('--replace');
    expect(await runDbRestore(file, { ...where(target), replace: true }, capture())).toBe(0);
  });

  it.runIf(dialect === 'sqlite')(
    'says which database file is missing instead of backing up an empty one',
    async () => {
      const io = capture();
      const missing = join(dir, 'no-such.db');
      expect(await runDbBackup(join(dir, 'x.backup'), { db: missing }, io)).toBe(1);
      expect(io.errors()).toContain(`数据库文件 ${missing} 不存在`);
    },
  );
});
