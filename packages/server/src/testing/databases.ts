/**
 * Real databases for tests: each suite gets a fresh SQLite file in a temp dir and a freshly
 * created PostgreSQL database (jixiao_test_<random>), both dropped afterwards.
 *
 * PostgreSQL is reached at JIXIAO_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test),
 * which names a database the helper connects to in order to create and drop the test ones.
 * Set JIXIAO_TEST_POSTGRES=skip to run only on SQLite where no PostgreSQL exists; otherwise an
 * unreachable server fails the suite, so a missing backend never passes silently.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type DatabaseConfig, openDatabase, type Store } from '../store/database.ts';
import type { DialectName } from '../store/dialect.ts';

export const ADMIN_POSTGRES_URL =
  process.env.JIXIAO_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The backends the suites run on. */
export const BACKENDS: readonly DialectName[] =
  process.env.JIXIAO_TEST_POSTGRES === 'skip' ? ['sqlite'] : ['sqlite', 'postgres'];

/**
 * `describe` once per backend, the backends side by side: each backend's tests run in order,
 * but SQLite's and PostgreSQL's at the same time. Suites that mostly wait (for server processes
 * to start, for the database) then take about as long as their slower half.
 */
export function describeEachBackend(name: string, body: (dialect: DialectName) => void): void {
  describe.each(BACKENDS)(`${name} on %s`, { concurrent: true }, (dialect) => {
    describe.sequential('in order', () => body(dialect));
  });
}

export interface TestDatabase {
  dialect: DialectName;
  config: DatabaseConfig;
  /** DATABASE_URL or the file path, as a server process would be given it */
  location: string;
  /** opens (and migrates) a store on it; the caller closes it */
  open(): Promise<Store>;
  /** removes the database and everything in it */
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-test-'));
    const path = join(dir, 'test.db');
    const config: DatabaseConfig = { dialect: 'sqlite', path };
    return {
      dialect,
      config,
      location: path,
      open: () => openDatabase(config),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `jixiao_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `无法连接测试用 PostgreSQL（${ADMIN_POSTGRES_URL}）：${e instanceof Error ? e.message : String(e)}。` +
        '请启动 PostgreSQL，或设置 JIXIAO_TEST_POSTGRES_URL；只想在 SQLite 上测试时设置 JIXIAO_TEST_POSTGRES=skip。',
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_POSTGRES_URL);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { dialect: 'postgres', url: url.toString() };
  return {
    dialect,
    config,
    location: url.toString(),
    open: () => openDatabase(config),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
      await c.connect();
      try {
        // FORCE ends connections a crashed server process may have left behind.
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A migrated store on a fresh database of each backend, for `describe.each`. */
export interface TestStore {
  store: Store;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function createTestStore(dialect: DialectName): Promise<TestStore> {
  const database = await createTestDatabase(dialect);
  let store: Store;
  try {
    store = await database.open();
  } catch (e) {
    await database.drop();
    throw e;
  }
  return {
    store,
    database,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/**
 * A fresh migrated store of `dialect` for the suite this is called in: opened before its tests,
 * closed and dropped after them. Call the returned function inside a test to get it.
 */
export function useTestStore(dialect: DialectName): () => TestStore {
  let t: TestStore | undefined;
  beforeAll(async () => {
    t = await createTestStore(dialect);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);
  return () => {
    if (!t) throw new Error('the test store is opened before the suite’s tests run');
    return t;
  };
}
