/**
 * `jixiao export --id` and `jixiao import --to-db` against a SQLite database holding the demo
 * data: the form read from the database is the one stored, drafts made from files carry the
 * console's account and the file in the audit trail.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_USERNAME, type Db, findVersion, loadDemo, openDatabase, type Store } from '@jixiao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../../../test-support/samples.ts';
import type { Io } from '../main.ts';
import { runExport } from './export.ts';
import { runImport } from './import.ts';

const SEED_UNIT = '光谷现代服务业园建设服务中心';

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

describe('jixiao export --id and import --to-db on a SQLite database with the demo data', () => {
  let dir: string;
  let dbPath: string;
  let seedId: string;

  async function withStore<T>(work: (db: Db, store: Store) => Promise<T>): Promise<T> {
    const store = await openDatabase({ dialect: 'sqlite', path: dbPath });
    try {
      return await work(store.db, store);
    } finally {
      await store.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-to-db-'));
    dbPath = join(dir, 'jixiao.db');
    seedId = await withStore(async (db) => {
      await loadDemo(db);
      const row = await db
        .selectFrom('evaluations')
        .innerJoin('units', 'units.id', 'evaluations.unit_id')
        .select('evaluations.id')
        .where('units.name', '=', SEED_UNIT)
        .where('evaluations.year', '=', 2023)
        .where('evaluations.kind', '=', 'department')
        .where('evaluations.stage', '=', 'self-evaluation')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the current version of a form in the database, by id', async () => {
    const stored = await withStore(async (db) => {
      const e = await db
        .selectFrom('evaluations')
        .select('current_version')
        .where('id', '=', seedId)
        .executeTakeFirstOrThrow();
      return (await findVersion(db, seedId, e.current_version))?.document;
    });
    const json = join(dir, 'seed.json');
    const io = capture();
    expect(await runExport([], { id: seedId, db: dbPath, format: 'json', out: json }, io)).toBe(0);
    expect(io.text()).toContain(`已写入 ${json}`);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(stored);
    expect(stored?.totalReported).toBe(95);

    const md = join(dir, 'seed.md');
    expect(await runExport([], { id: seedId, db: dbPath, format: 'md', out: md }, capture())).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain(SEED_UNIT);
    const xlsx = join(dir, 'seed.xlsx');
    expect(await runExport([], { id: seedId, db: dbPath, format: 'xlsx', out: xlsx }, capture())).toBe(0);
    expect([...readFileSync(xlsx).subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('says what is wrong with an unknown id, a missing database, or --id with files', async () => {
    const unknown = capture();
    expect(
      await runExport(
        [],
        { id: 'no-such-form', db: dbPath, format: 'json', out: join(dir, 'x.json') },
        unknown,
      ),
    ).toBe(1);
    expect(unknown.errors()).toContain('没有 id 为“no-such-form”的自评表');
    const missing = capture();
    const nowhere = join(dir, 'nowhere.db');
    expect(
      await runExport([], { id: seedId, db: nowhere, format: 'json', out: join(dir, 'x.json') }, missing),
    ).toBe(1);
    expect(missing.errors()).toContain('不存在');
    const both = capture();
    expect(await runExport(['a.json'], { id: seedId, format: 'json', out: join(dir, 'x.json') }, both)).toBe(
      2,
    );
    expect(both.errors()).toContain('--id 与文件只能选一个');
  });

  it('imports files as drafts through createEvaluation, recorded as the console in the audit trail', async () => {
    const file = join(samplesDir(), 'anhui-project-2022.txt');
    const io = capture();
    expect(await runImport([file], { toDb: true, db: dbPath, unit: '天长市水利局' }, io), io.errors()).toBe(
      0,
    );
    expect(io.text()).toMatch(/已建立草稿 \S+：天长市水利局 2022/);
    expect(io.text()).toContain(`操作人 ${CONSOLE_USERNAME}`);

    await withStore(async (db) => {
      const event = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'evaluation.create')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(event.actor_name).toBe(CONSOLE_USERNAME);
      expect(JSON.parse(event.after ?? 'null')).toMatchObject({
        unit: '天长市水利局',
        origin: { via: 'cli', file: 'anhui-project-2022.txt' },
      });
      const form = await db
        .selectFrom('evaluations')
        .selectAll()
        .where('id', '=', event.entity_id)
        .executeTakeFirstOrThrow();
      expect(form).toMatchObject({
        status: 'draft',
        stage: 'self-evaluation',
        targets_id: null,
        created_by: event.actor_id,
      });
      const account = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', CONSOLE_USERNAME)
        .executeTakeFirstOrThrow();
      // it exists to be named in the trail, never to sign in
      expect(account.disabled_at).not.toBeNull();
      expect(account.role).toBe('reviewer');
    });

    // a second run reuses the account
    expect(await runImport([file], { toDb: true, db: dbPath, unit: '天长市水利局' }, capture())).toBe(0);
    const accounts = await withStore((db) =>
      db.selectFrom('users').select('id').where('username', '=', CONSOLE_USERNAME).execute(),
    );
    expect(accounts).toHaveLength(1);
  });

  it('refuses drafts for another unit when --as names a unit account, and options without --to-db', async () => {
    const file = join(samplesDir(), 'anhui-project-2022.txt');
    const io = capture();
    expect(await runImport([file], { toDb: true, db: dbPath, unit: SEED_UNIT, as: 'filler2' }, io)).toBe(1);
    expect(io.errors()).toContain('只能为本单位新建');
    const unknownUnit = capture();
    expect(await runImport([file], { toDb: true, db: dbPath, unit: '没有这个单位' }, unknownUnit)).toBe(1);
    expect(unknownUnit.errors()).toContain('没有名称或 id 为“没有这个单位”的单位');
    const usage = capture();
    expect(await runImport([file], { db: dbPath }, usage)).toBe(2);
    expect(usage.errors()).toContain('只与 --to-db 一起使用');
  });
});
