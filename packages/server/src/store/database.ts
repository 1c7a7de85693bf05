/**
 * Opening the store: Kysely over SQLite (better-sqlite3) or PostgreSQL (pg), and the
 * migrations that bring either to the current schema.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { refuse } from '../commands/problem.ts';
import { startCheckpointer } from './checkpointer.ts';
import { usePreparedStatements } from './compiled.ts';
import { columnTypes, type DialectName, keepStatements, pgTypes, sqliteDialect } from './dialect.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { DB } from './schema.ts';

export const DEFAULT_DB_PATH = './data/jixiao.db';

export type DatabaseConfig =
  | { dialect: 'sqlite'; path: string }
  /** poolSize: connections this process may hold (default 10, or JIXIAO_DB_POOL_SIZE) */
  | { dialect: 'postgres'; url: string; poolSize?: number };

export interface Store {
  db: Kysely<DB>;
  dialect: DialectName;
  /** where the data is, for logs: a file path or the URL without its password */
  location: string;
  close(): Promise<void>;
}

/** PostgreSQL when a URL is given (or DATABASE_URL is set), else SQLite at the path. */
export function databaseConfig(options: { dbPath?: string; databaseUrl?: string } = {}): DatabaseConfig {
  const url = options.databaseUrl ?? (options.dbPath === undefined ? process.env.DATABASE_URL : undefined);
  if (url) {
    const poolSize = Number(process.env.JIXIAO_DB_POOL_SIZE);
    return {
      dialect: 'postgres',
      url,
      ...(Number.isInteger(poolSize) && poolSize > 0 ? { poolSize } : {}),
    };
  }
  return { dialect: 'sqlite', path: options.dbPath ?? DEFAULT_DB_PATH };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

const BUSY_TIMEOUT_MS = 5000;
const EXCLUSIVE_BUSY_TIMEOUT_MS = 1000;

export interface OpenOptions {
  /** bring the schema up to date (default true) */
  migrate?: boolean;
  /**
   * SQLite: keep the file to this connection alone once it has written (locking_mode
   * EXCLUSIVE), for a restore; other processes then can neither read nor write it until it is
   * closed. See `takeExclusiveLock`.
   */
  exclusive?: boolean;
  /**
   * SQLite: checkpoint the WAL on a thread of its own instead of inside commits (a server's
   * store; see store/checkpointer.ts). Not with `exclusive`, which admits no second connection.
   */
  checkpointThread?: boolean;
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Store> {
  let store: Store;
  if (config.dialect === 'sqlite') {
    const path = config.path === ':memory:' ? ':memory:' : resolve(config.path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const busyMs = options.exclusive ? EXCLUSIVE_BUSY_TIMEOUT_MS : BUSY_TIMEOUT_MS;
    const sqlite = new Database(path, { timeout: busyMs });
    try {
      if (options.exclusive) sqlite.pragma('locking_mode = EXCLUSIVE');
      // WAL lets readers go on while one process writes, so several servers can share one file.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma(`busy_timeout = ${busyMs}`);
      sqlite.pragma('synchronous = NORMAL');
      // 64 MB of page cache instead of SQLite's 2 MB: a province's file is gigabytes, and the
      // indexes a save writes into are read from the OS on every miss (bench/profiling.md)
      sqlite.pragma('cache_size = -65536');
      // In exclusive mode the first write takes the lock for good; take it now, while it is
      // still possible to say clearly why it cannot be had.
      if (options.exclusive) sqlite.exec('begin exclusive; commit');
    } catch (e) {
      sqlite.close();
      if ((e as { code?: string }).code === 'SQLITE_BUSY') {
        refuse(
          'state',
          'database-in-use',
          `数据库文件 ${path} 正被其他程序使用（例如正在运行的 jixiao serve）。请先停止使用它的所有程序再试。`,
        );
      }
      throw e;
    }
    const checkpointer =
      options.checkpointThread && !options.exclusive && path !== ':memory:'
        ? await startCheckpointer(path, {
            busyMs,
            onLost: () => {
              if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
            },
          })
        : null;
    if (checkpointer) {
      sqlite.pragma('wal_autocheckpoint = 0');
      // once the WAL has started again, a file grown by a burst of writes is cut back
      sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    }
    const db = new Kysely<DB>({ dialect: sqliteDialect({ database: keepStatements(sqlite) }) });
    const close = async () => {
      await checkpointer?.stop();
      await db.destroy();
    };
    store = { db, dialect: 'sqlite', location: path, close };
  } else {
    const pool = new pg.Pool({
      connectionString: config.url,
      types: pgTypes,
      max: config.poolSize ?? 10,
      application_name: 'jixiao',
    });
    // The database ending a connection (a restart, pg_terminate_backend) is an 'error' event on
    // the pool (idle connections) or on the connection itself (one in use), either of which
    // would end the process if nobody listened. The query in flight fails on its own (answered
    // 503, see http/errors.ts); the pool drops the connection and opens a new one when it can.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
      usePreparedStatements(client);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: 'postgres', location: redactUrl(config.url), close: () => db.destroy() };
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

function migrator(store: Store): Migrator {
  const ctx = { dialect: store.dialect, types: columnTypes(store.dialect) };
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    const down = m.down;
    migrations[name] = {
      up: (db) => m.up(db, ctx),
      ...(down ? { down: (db) => down(db, ctx) } : {}),
    };
  }
  return new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
}

/** The names of every migration this version has, in order. */
export function knownMigrations(): string[] {
  return Object.keys(MIGRATIONS).sort();
}

/** Brings the schema up to the named migration and no further (restoring an older backup). */
export async function migrateTo(store: Store, name: string): Promise<void> {
  const { error, results } = await migrator(store).migrateTo(name);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移${failed ? `“${failed}”` : ''}失败：${reason}`, { cause: error });
  }
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const { error, results } = await migrator(store).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移${failed ? `“${failed}”` : ''}失败：${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations and whether each has run. */
export async function migrationStatus(store: Store): Promise<{ name: string; executedAt: Date | null }[]> {
  const list = await migrator(store).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
