/**
 * `jixiao user add`: the password from standard input or a file (never the command line), the
 * unit by name or id, and a clear refusal with its exit code for everything else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createUnit, logIn } from '@jixiao/server';
import { createTestDatabase, seedPeople, type TestDatabase } from '@jixiao/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../main.ts';
import { type PasswordInput, runUserAdd } from './user.ts';

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

function piped(text: string): PasswordInput {
  return Readable.from([Buffer.from(text)]);
}

const terminal: PasswordInput = Object.assign(Readable.from([]), { isTTY: true });

describe('jixiao user add', () => {
  let database: TestDatabase;
  let dir: string;
  let unitId: string;
  const UNIT = '光谷现代服务业园建设服务中心';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-user-'));
    database = await createTestDatabase('sqlite');
    const store = await database.open();
    try {
      const people = await seedPeople(store.db);
      unitId = (await createUnit(store.db, people.admin, { name: UNIT, kind: 'unit' })).id;
    } finally {
      await store.close();
    }
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function canLogIn(
    username: string,
    password: string,
  ): Promise<{ role: string; unitId: string | null }> {
    const store = await database.open();
    try {
      const r = await logIn(store.db, { username, password, address: 'cli-test' });
      return { role: r.actor.role, unitId: r.actor.unitId };
    } finally {
      await store.close();
    }
  }

  it('adds a filler of a unit named in Chinese, with the password piped in', async () => {
    const io = capture();
    const code = await runUserAdd(
      'zhang.san',
      { role: 'filler', unit: UNIT, name: '张三', db: database.location },
      io,
      piped('correct horse battery\n'),
    );
    expect(code, io.errors()).toBe(0);
    expect(io.text()).toContain(`已添加用户 zhang.san：单位填报人，${UNIT}`);
    // The line break the pipe added is not part of the password.
    expect(await canLogIn('zhang.san', 'correct horse battery')).toEqual({ role: 'filler', unitId });
  });

  it('adds an administrator with the password from a file, and a unit by its id', async () => {
    const file = join(dir, 'pw.txt');
    writeFileSync(file, 'another-long-password\r\n');
    expect(
      await runUserAdd(
        'root-admin',
        { role: 'admin', passwordFile: file, db: database.location },
        capture(),
        terminal,
      ),
    ).toBe(0);
    expect((await canLogIn('root-admin', 'another-long-password')).role).toBe('admin');
    expect(
      await runUserAdd(
        'li.si',
        { role: 'approver', unit: unitId, passwordFile: file, db: database.location },
        capture(),
        terminal,
      ),
    ).toBe(0);
    expect(await canLogIn('li.si', 'another-long-password')).toEqual({ role: 'approver', unitId });
  });

  it('refuses with the reason and exit code 2 for usage, 1 for what the service refuses', async () => {
    const cases: {
      name: string;
      args: Parameters<typeof runUserAdd>[1];
      input?: PasswordInput;
      code: number;
      says: string;
    }[] = [
      { name: 'no role', args: {}, code: 2, says: '请用 --role 指定角色' },
      { name: 'unknown role', args: { role: 'boss' }, code: 2, says: 'filler（单位填报人）' },
      { name: 'filler without unit', args: { role: 'filler' }, code: 2, says: '必须属于一个单位' },
      {
        name: 'no password source',
        args: { role: 'admin' },
        input: terminal,
        code: 2,
        says: '--password-file',
      },
      {
        name: 'missing password file',
        args: { role: 'admin', passwordFile: join(dir, 'none') },
        code: 2,
        says: '文件不存在',
      },
      {
        name: 'unknown unit',
        args: { role: 'filler', unit: '不存在的单位' },
        code: 1,
        says: '没有名称或 id 为“不存在的单位”的单位',
      },
      {
        name: 'short password',
        args: { role: 'reviewer' },
        input: piped('short'),
        code: 1,
        says: '密码至少需要 8 个字符',
      },
      { name: 'reviewer with unit', args: { role: 'reviewer', unit: UNIT }, code: 1, says: '不属于某个单位' },
    ];
    for (const c of cases) {
      const io = capture();
      const code = await runUserAdd(
        'new-user',
        { ...c.args, db: database.location },
        io,
        c.input ?? piped('long-enough-password'),
      );
      expect(code, c.name).toBe(c.code);
      expect(io.errors(), c.name).toContain(c.says);
    }
    const taken = capture();
    expect(
      await runUserAdd(
        'zhang.san',
        { role: 'admin', db: database.location },
        taken,
        piped('long-enough-password'),
      ),
    ).toBe(1);
    expect(taken.errors()).toContain('用户名“zhang.san”已被使用');
  });
});
