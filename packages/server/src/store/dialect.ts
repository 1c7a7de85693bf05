/**
 * Everything that differs between SQLite and PostgreSQL lives here, so that migrations and
 * repositories are written once:
 *
 * - JSON is `text` in SQLite and `jsonb` in PostgreSQL; both are read back as text (the pg
 *   type parser below) and decoded by `readJson`, so a repository never sees the difference.
 * - Timestamps are ISO 8601 text in SQLite (which sorts and compares correctly because every
 *   value has the same shape, `2024-06-10T08:00:00.000Z`) and `timestamptz` in PostgreSQL,
 *   read back as the same ISO text.
 * - Bytes are `blob` / `bytea`; both drivers give a Buffer.
 * - 64-bit counts (count(*), bigserial) come back from pg as strings; they are parsed to numbers.
 * - SQLite transactions begin IMMEDIATE (see sqliteDialect).
 */
import {
  type ColumnDataType,
  type ColumnDefinitionBuilder,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type Kysely,
  PostgresAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface ColumnTypes {
  json: ColumnDataType;
  timestamp: ColumnDataType;
  bytes: ColumnDataType;
  /** an auto-incrementing integer key, for tables whose rows must keep their order */
  serial: ColumnDataType;
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  return dialect === 'postgres'
    ? { json: 'jsonb', timestamp: 'timestamptz', bytes: 'bytea', serial: 'bigserial' }
    : { json: 'text', timestamp: 'text', bytes: 'blob', serial: 'integer' };
}

/** JSON as stored: text for both backends (pg casts the text parameter to jsonb). */
export function writeJson(value: unknown): string {
  return JSON.stringify(value);
}

export function readJson<T>(stored: string): T {
  return JSON.parse(stored) as T;
}

export function readJsonOrNull<T>(stored: string | null): T | null {
  return stored === null ? null : readJson<T>(stored);
}

/** Whether queries on `db` go to PostgreSQL (each a round trip) rather than SQLite (in process). */
export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The current time in the one shape both backends store and compare. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function isoAfter(ms: number, from: Date = new Date()): string {
  return new Date(from.getTime() + ms).toISOString();
}

const PG_INT8 = 20;
const PG_JSON = 114;
const PG_JSONB = 3802;
const PG_TIMESTAMPTZ = 1184;

const defaultTimestamptz = pg.types.getTypeParser(PG_TIMESTAMPTZ) as (text: string) => Date;

/** Type parsers for the pg pool: JSON stays text, timestamps become ISO text, int8 a number. */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === PG_JSON || oid === PG_JSONB) return (text: string) => text;
    if (oid === PG_TIMESTAMPTZ) return (text: string) => defaultTimestamptz(text).toISOString();
    if (oid === PG_INT8) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** How the auto-incrementing key is declared: SQLite's AUTOINCREMENT, PostgreSQL's bigserial. */
export function serialKey(dialect: DialectName): (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return dialect === 'postgres' ? (col) => col.primaryKey() : (col) => col.primaryKey().autoIncrement();
}

/** What a migration is given besides the database: the dialect and its column types. */
export interface MigrationContext {
  dialect: DialectName;
  types: ColumnTypes;
}

// Kysely's SQLite driver begins transactions DEFERRED: a transaction that read first and then
// writes fails at once with SQLITE_BUSY if another process wrote in between, and the busy
// timeout does not help. Taking the write lock at BEGIN makes the other writer wait instead.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

type SqliteDatabase = Extract<SqliteDialectConfig['database'], { prepare: unknown }>;
type SqliteStatement = ReturnType<SqliteDatabase['prepare']>;

const STATEMENTS_KEPT = 1000;

/**
 * Kysely's SQLite driver prepares every query anew; preparing was a sixth of the CPU of reading
 * one form over HTTP (bench/profiling.md). The same few hundred statements run all day, so each
 * prepared statement is kept by its SQL text and used again, unless it is still being iterated
 * (a stream reading it), when a fresh one is prepared for the caller.
 */
export function keepStatements(db: SqliteDatabase): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    close: () => {
      kept.clear();
      return db.close();
    },
    prepare: (sql: string) => {
      const hit = kept.get(sql);
      if (hit && !(hit as { busy?: boolean }).busy) return hit;
      const stmt = db.prepare(sql);
      if (!hit) {
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value as string);
        kept.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/** The Kysely dialect for a better-sqlite3 database, with transactions that take the write lock at once. */
export function sqliteDialect(config: SqliteDialectConfig): SqliteDialect {
  return new ImmediateSqliteDialect(config);
}
