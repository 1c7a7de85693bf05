/**
 * A server's SQLite store checkpoints its WAL on a thread of its own: its connection never
 * checkpoints inside a commit, yet what is written reaches the database file, and closing
 * leaves a whole database behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Store } from './database.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function autocheckpoint(store: Store): Promise<number> {
  const r = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
  return Number(r.rows[0]?.wal_autocheckpoint);
}

/** about 4 MB in 400 commits, as a server's saves would write them */
async function writeMuch(store: Store): Promise<void> {
  await sql`create table scratch (n integer primary key, body blob not null)`.execute(store.db);
  for (let n = 0; n < 400; n++) {
    await sql`insert into scratch (n, body) values (${n}, ${randomBytes(10_000)})`.execute(store.db);
  }
}

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('WAL checkpoints of a server’s SQLite store', () => {
  it('run on their own thread: the file grows though the server’s connection never checkpoints', async () => {
    const path = join(dir, 'threaded.db');
    const store = await openDatabase({ dialect: 'sqlite', path }, { checkpointThread: true });
    try {
      expect(await autocheckpoint(store)).toBe(0);
      const before = statSync(path).size;
      await writeMuch(store);
      // only the thread can have copied the pages into the database file
      expect(await until(() => statSync(path).size >= before + 4_000_000, 10_000)).toBe(true);
    } finally {
      await store.close();
    }
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = await openDatabase({ dialect: 'sqlite', path }, { migrate: false });
    try {
      const r = await sql<{ c: number }>`select count(*) as c from scratch`.execute(again.db);
      expect(Number(r.rows[0]?.c)).toBe(400);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('stay with the connection itself when no thread is asked for (the CLI, a restore)', async () => {
    const store = await openDatabase({ dialect: 'sqlite', path: join(dir, 'plain.db') });
    try {
      expect(await autocheckpoint(store)).toBe(1000);
    } finally {
      await store.close();
    }
    const exclusive = await openDatabase(
      { dialect: 'sqlite', path: join(dir, 'exclusive.db') },
      { exclusive: true, checkpointThread: true },
    );
    try {
      expect(await autocheckpoint(exclusive)).toBe(1000);
    } finally {
      await exclusive.close();
    }
  });
});
