/**
 * Backups and restores, on either database, while servers go on serving.
 *
 * - **SQLite → a SQLite file**, made with `VACUUM INTO`: one read transaction, so the copy is
 *   one consistent moment even while other processes write (WAL lets them go on meanwhile).
 *   SQLite's page-by-page backup API starts over whenever another process writes, and under a
 *   steady stream of saves it might never finish; `VACUUM INTO` cannot be interrupted that way.
 * - **PostgreSQL → JSON lines**: a header, one line per row of every data table, and a trailer
 *   with the counts, all read in one REPEATABLE READ transaction (one snapshot, taken while the
 *   servers write). Our own format rather than `pg_dump`: no client tools of a matching version
 *   are needed, the file restores into SQLite as well, and it is checked row by row on the way in.
 *
 * A restore takes either kind of file into either database, in one transaction: the old data
 * goes and the backup's comes in, or nothing changes. It refuses a database that is in use
 * (SQLite: another process has the file open; PostgreSQL: a server said it is alive within the
 * last minutes), and one that holds data unless told to replace it. A backup from an older
 * version is brought up to date on the way (in a scratch SQLite file, by the migrations).
 *
 * Backups hold the data, not the running state: sessions, login counters, job schedules and
 * the list of running servers are left out, so after a restore everyone signs in again.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { isRefusal, refuse } from '../commands/problem.ts';
import {
  type DatabaseConfig,
  knownMigrations,
  migrateTo,
  migrateToLatest,
  openDatabase,
  type Store,
} from './database.ts';
import { liveServers } from './repos/servers.ts';
import type { DB } from './schema.ts';

export interface TableSpec {
  name: keyof DB & string;
  /** the primary key, to read in a stable order */
  key: string;
  /** columns holding JSON text (compared by meaning across databases) */
  json: readonly string[];
  /** a column referring to the same table: filled in after all its rows are in */
  selfRef?: string;
  /** the key is a serial whose sequence must follow the restored rows */
  serial?: boolean;
  /** rows per read or insert (rows with file contents are large) */
  batch?: number;
}

/** The data a backup holds, in an order in which every row's references come before it. */
export const DATA_TABLES: readonly TableSpec[] = [
  { name: 'regions', key: 'id', json: [] },
  { name: 'profiles', key: 'id', json: ['data'] },
  { name: 'units', key: 'id', json: [], selfRef: 'parent_id' },
  { name: 'users', key: 'id', json: [] },
  { name: 'evaluations', key: 'id', json: [], selfRef: 'targets_id' },
  { name: 'evaluation_versions', key: 'id', json: ['document', 'score'], batch: 100 },
  { name: 'findings', key: 'id', json: [] },
  { name: 'comments', key: 'id', json: [] },
  { name: 'attachments', key: 'id', json: [], batch: 5 },
  { name: 'audit_events', key: 'id', json: ['before', 'after'], serial: true },
  { name: 'snapshots', key: 'id', json: ['document', 'score', 'findings'], batch: 100 },
  { name: 'target_adjustments', key: 'id', json: ['document'] },
  { name: 'deadlines', key: 'id', json: [] },
];

/** Tables of running state, never in a backup (see above). */
export const OPERATIONAL_TABLES: readonly (keyof DB & string)[] = [
  'sessions',
  'rate_limits',
  'jobs',
  'servers',
  // moved on by every write, read to tell whether cached results still hold (repos/changes.ts)
  'change_counter',
];

const SPEC = new Map(DATA_TABLES.map((t, i) => [t.name as string, { ...t, index: i }]));
const DEFAULT_BATCH = 500;
const FORMAT = 1;

export type BackupFormat = 'sqlite' | 'jsonl';

export interface BackupReport {
  file: string;
  format: BackupFormat;
  bytes: number;
  /** rows per data table */
  tables: Record<string, number>;
  migrations: string[];
}

export interface RestoreReport {
  file: string;
  format: BackupFormat;
  tables: Record<string, number>;
  /** the schema version of the backup (its last migration) */
  migrations: string[];
  /** the backup came from an older version and was brought up to date */
  upgraded: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: tables are named at run time here, from DATA_TABLES
type LooseDb = Kysely<any>;
type Row = Record<string, unknown>;

function loose(db: Kysely<DB>): LooseDb {
  return db as unknown as LooseDb;
}

// ---------------------------------------------------------------------------------------------
// Backup

/** Writes a backup of the store's data to `file` (which must not exist yet). */
export async function backupDatabase(store: Store, file: string): Promise<BackupReport> {
  const target = resolve(file);
  if (existsSync(target)) {
    refuse(
      'state',
      'backup-exists',
      `文件 ${target} 已存在。备份不会覆盖已有文件，请换一个文件名或先移走它。`,
    );
  }
  mkdirSync(dirname(target), { recursive: true });
  // Written beside the target and renamed at the end: a file with the name asked for is
  // always a complete backup.
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  try {
    const report =
      store.dialect === 'sqlite' ? await backupSqlite(store, partial) : await backupJsonLines(store, partial);
    renameSync(partial, target);
    return { ...report, file: target, bytes: statSync(target).size };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

async function backupSqlite(store: Store, path: string): Promise<Omit<BackupReport, 'file' | 'bytes'>> {
  await sql`vacuum into ${path}`.execute(store.db);
  const copy = new Database(path);
  try {
    // One self-contained file, without a -wal beside it.
    copy.pragma('journal_mode = DELETE');
    const migrations = sqliteMigrations(copy) ?? [];
    const tables: Record<string, number> = {};
    for (const t of DATA_TABLES) {
      tables[t.name] = hasSqliteTable(copy, t.name)
        ? Number((copy.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n)
        : 0;
    }
    return { format: 'sqlite', tables, migrations };
  } finally {
    copy.close();
  }
}

function encodeValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $base64: Buffer.from(v).toString('base64') };
  return v;
}

function decodeValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { $base64?: unknown }).$base64 === 'string') {
    return Buffer.from((v as { $base64: string }).$base64, 'base64');
  }
  return v;
}

async function backupJsonLines(store: Store, path: string): Promise<Omit<BackupReport, 'file' | 'bytes'>> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  const tables: Record<string, number> = {};
  let migrations: string[] = [];
  try {
    await store.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        migrations = await executedMigrations(trx);
        const present = await tableNames(trx);
        await write({
          jixiao: 'backup',
          format: FORMAT,
          createdAt: new Date().toISOString(),
          source: store.dialect,
          migrations,
          tables: DATA_TABLES.map((t) => t.name),
        });
        for (const t of DATA_TABLES) {
          let count = 0;
          let last: unknown = null;
          if (!present.has(t.name)) {
            tables[t.name] = 0;
            continue;
          }
          for (;;) {
            let q = loose(trx).selectFrom(t.name).selectAll();
            if (last !== null) q = q.where(t.key, '>', last);
            const rows: Row[] = await q
              .orderBy(t.key)
              .limit(t.batch ?? DEFAULT_BATCH)
              .execute();
            for (const row of rows) {
              const encoded: Row = {};
              for (const [k, v] of Object.entries(row)) encoded[k] = encodeValue(v);
              await write({ t: t.name, r: encoded });
            }
            count += rows.length;
            if (rows.length < (t.batch ?? DEFAULT_BATCH)) break;
            last = rows[rows.length - 1]?.[t.key] ?? null;
          }
          tables[t.name] = count;
        }
        await write({ end: true, counts: tables });
      });
    out.end();
    await once(out, 'finish');
    const fd = openSync(path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    out.destroy();
    throw e;
  }
  return { format: 'jsonl', tables, migrations };
}

async function executedMigrations(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function tableNames(db: Kysely<DB>): Promise<Set<string>> {
  const tables = await db.introspection.getTables();
  return new Set(tables.map((t) => t.name));
}

// ---------------------------------------------------------------------------------------------
// Reading a backup

interface BackupSource {
  format: BackupFormat;
  migrations: string[];
  /** every row, table by table in DATA_TABLES order; throws if the file turns out incomplete */
  rows(): AsyncIterable<{ table: string; row: Row }>;
  close(): void;
}

function notABackup(file: string, why: string): never {
  return refuse('invalid', 'not-a-backup', `文件 ${file} 不是 Jixiao 的备份：${why}`);
}

function sniff(file: string): BackupFormat {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return refuse('invalid', 'no-such-backup', `找不到备份文件 ${file}。`);
  }
  const head = Buffer.alloc(16);
  const n = readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (n === 16 && head.toString('latin1') === 'SQLite format 3\u0000') return 'sqlite';
  if (n > 0 && head.toString('utf8').trimStart().startsWith('{')) return 'jsonl';
  return notABackup(file, '既不是 SQLite 数据库文件，也不是 JSON lines 备份。');
}

function hasSqliteTable(db: Database.Database, name: string): boolean {
  return db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(name) !== undefined;
}

function sqliteMigrations(db: Database.Database): string[] | null {
  if (!hasSqliteTable(db, 'kysely_migration')) return null;
  const rows = db.prepare('select name from kysely_migration order by name').all() as { name: string }[];
  return rows.map((r) => r.name);
}

function openSqliteSource(file: string, cleanup?: () => void): BackupSource {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') notABackup(file, `数据库文件已损坏（${String(integrity)}）。`);
    const migrations = sqliteMigrations(db);
    if (!migrations || migrations.length === 0) notABackup(file, '其中没有 Jixiao 的数据表。');
    return {
      format: 'sqlite',
      migrations,
      async *rows() {
        for (const t of DATA_TABLES) {
          if (!hasSqliteTable(db, t.name)) continue;
          for (const row of db.prepare(`select * from "${t.name}" order by "${t.key}"`).iterate()) {
            yield { table: t.name, row: row as Row };
          }
        }
      },
      close: () => {
        db.close();
        cleanup?.();
      },
    };
  } catch (e) {
    db.close();
    cleanup?.();
    if (isRefusal(e)) throw e;
    return notABackup(file, e instanceof Error ? e.message : String(e));
  }
}

async function openJsonLinesSource(file: string): Promise<BackupSource> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const close = () => {
    lines.close();
    input.destroy();
  };
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  let header: { jixiao?: unknown; format?: unknown; migrations?: unknown };
  try {
    header = JSON.parse(first.done ? '' : first.value);
  } catch {
    close();
    return notABackup(file, '第 1 行不是 JSON。');
  }
  const migrations = header.migrations;
  if (
    header.jixiao !== 'backup' ||
    !Array.isArray(migrations) ||
    !migrations.every((m): m is string => typeof m === 'string')
  ) {
    close();
    return notABackup(file, '缺少备份文件头。');
  }
  if (header.format !== FORMAT) {
    close();
    refuse(
      'invalid',
      'backup-format',
      `备份文件 ${file} 的格式版本（${String(header.format)}）本程序不认识，请用较新版本的 Jixiao 恢复。`,
    );
  }
  return {
    format: 'jsonl',
    migrations,
    async *rows() {
      const seen: Record<string, number> = {};
      let lineNo = 1;
      for (;;) {
        const next = await it.next();
        if (next.done) break;
        lineNo++;
        if (next.value.trim() === '') continue;
        let entry: { t?: unknown; r?: unknown; end?: unknown; counts?: unknown };
        try {
          entry = JSON.parse(next.value);
        } catch {
          return notABackup(file, `第 ${lineNo} 行不是完整的 JSON，文件可能不完整。`);
        }
        if (entry.end === true) {
          const counts = (entry.counts ?? {}) as Record<string, unknown>;
          for (const t of DATA_TABLES) {
            if ((counts[t.name] ?? 0) !== (seen[t.name] ?? 0)) {
              notABackup(
                file,
                `表 ${t.name} 应有 ${String(counts[t.name])} 行，文件中有 ${seen[t.name] ?? 0} 行。`,
              );
            }
          }
          return;
        }
        if (typeof entry.t !== 'string' || entry.r === null || typeof entry.r !== 'object') {
          return notABackup(file, `第 ${lineNo} 行的内容不是数据行。`);
        }
        seen[entry.t] = (seen[entry.t] ?? 0) + 1;
        const row: Row = {};
        for (const [k, v] of Object.entries(entry.r as Row)) row[k] = decodeValue(v);
        yield { table: entry.t, row };
      }
      refuse(
        'invalid',
        'backup-truncated',
        `备份文件 ${file} 不完整（缺少结尾），可能在写入时中断了。请使用另一份备份。`,
      );
    },
    close,
  };
}

async function openBackup(file: string): Promise<BackupSource> {
  const format = sniff(file);
  return closingOnce(format === 'sqlite' ? openSqliteSource(file) : await openJsonLinesSource(file));
}

function closingOnce(source: BackupSource): BackupSource {
  let closed = false;
  return {
    ...source,
    close: () => {
      if (closed) return;
      closed = true;
      source.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface RestoreOptions {
  /** replace the data of a database that has some (otherwise refused) */
  replace?: boolean;
}

/**
 * Restores `file` into the database `config` names (created if it does not exist), in one
 * transaction. Refused while the database is in use, and over existing data unless `replace`.
 */
export async function restoreDatabase(
  config: DatabaseConfig,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const path = resolve(file);
  let source = await openBackup(path);
  const format = source.format;
  const migrations = source.migrations;
  try {
    const known = knownMigrations();
    const unknown = migrations.filter((m) => !known.includes(m));
    if (unknown.length > 0) {
      refuse(
        'state',
        'backup-too-new',
        `备份来自较新版本的 Jixiao（数据结构 ${unknown.join('、')}），本程序无法恢复。请先升级 Jixiao。`,
      );
    }
    const store = await openDatabase(config, { migrate: false, exclusive: true });
    try {
      if (store.dialect === 'postgres') await refuseWhileServing(store);
      await migrateToLatest(store);
      if (!options.replace && (await holdsData(store))) {
        refuse(
          'state',
          'database-not-empty',
          `目标数据库（${store.location}）中已有数据。恢复会用备份替换其中的全部数据；确认要替换时请加 --replace。`,
        );
      }
      const upgraded = migrations.length < known.length;
      if (upgraded) source = await upgradeInScratch(source);
      const tables = await store.db.transaction().execute(async (trx) => {
        await clearData(trx);
        const counts = await loadRows(trx, source);
        if (store.dialect === 'postgres') await followSerials(trx);
        return counts;
      });
      return { file: path, format, tables, migrations, upgraded };
    } finally {
      await store.close();
    }
  } finally {
    source.close();
  }
}

async function refuseWhileServing(store: Store): Promise<void> {
  const present = await tableNames(store.db);
  if (!present.has('servers')) return;
  const live = await liveServers(store.db, new Date().toISOString());
  if (live.length === 0) return;
  const list = live.map((s) => `${s.host}（进程 ${s.pid}）`).join('、');
  refuse(
    'state',
    'database-in-use',
    `数据库（${store.location}）正由运行中的服务使用：${list}。请先停止所有 jixiao serve 再恢复；` +
      '被强行终止的服务在最后一次报到约 1–2 分钟后才不再计入。',
  );
}

async function holdsData(store: Store): Promise<boolean> {
  for (const table of ['users', 'units', 'evaluations'] as const) {
    const row = await store.db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}

async function clearData(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('sessions').execute();
  await db.deleteFrom('rate_limits').execute();
  for (const t of [...DATA_TABLES].reverse()) await loose(db).deleteFrom(t.name).execute();
}

async function loadRows(db: Kysely<DB>, source: BackupSource): Promise<Record<string, number>> {
  const columns = new Map<string, Set<string>>();
  for (const t of await db.introspection.getTables()) {
    columns.set(t.name, new Set(t.columns.map((c) => c.name)));
  }
  const counts: Record<string, number> = Object.fromEntries(DATA_TABLES.map((t) => [t.name, 0]));
  const links: { spec: TableSpec; key: unknown; value: unknown }[] = [];
  let current: (TableSpec & { index: number }) | null = null;
  let batch: Row[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (current && batch.length > 0) await loose(db).insertInto(current.name).values(batch).execute();
    batch = [];
    batchBytes = 0;
  };
  for await (const { table, row } of source.rows()) {
    const spec = SPEC.get(table);
    if (!spec) refuse('invalid', 'backup-mismatch', `备份中有本版本不认识的表“${table}”。`);
    if (spec !== current) {
      await flush();
      if (current && spec.index < current.index) {
        refuse('invalid', 'backup-mismatch', `备份中表“${table}”出现在“${current.name}”之后，顺序不对。`);
      }
      current = spec;
    }
    const known = columns.get(table);
    for (const col of Object.keys(row)) {
      if (!known?.has(col))
        refuse('invalid', 'backup-mismatch', `备份中表“${table}”有本版本不认识的列“${col}”。`);
    }
    if (spec.selfRef && row[spec.selfRef] !== null && row[spec.selfRef] !== undefined) {
      links.push({ spec, key: row[spec.key], value: row[spec.selfRef] });
      row[spec.selfRef] = null;
    }
    batch.push(row);
    batchBytes += sizeOf(row);
    counts[table] = (counts[table] ?? 0) + 1;
    if (batch.length >= (spec.batch ?? DEFAULT_BATCH) || batchBytes > 8 * 1024 * 1024) await flush();
  }
  await flush();
  for (const l of links) {
    const ref = l.spec.selfRef as string;
    await loose(db)
      .updateTable(l.spec.name)
      .set({ [ref]: l.value })
      .where(l.spec.key, '=', l.key)
      .execute();
  }
  return counts;
}

function sizeOf(row: Row): number {
  let n = 0;
  for (const v of Object.values(row)) {
    if (typeof v === 'string') n += v.length;
    else if (v instanceof Uint8Array) n += v.byteLength;
    else n += 8;
  }
  return n;
}

/** PostgreSQL's serial keeps counting from its own sequence: move it past the restored ids. */
async function followSerials(db: Kysely<DB>): Promise<void> {
  for (const t of DATA_TABLES) {
    if (!t.serial) continue;
    await sql`select setval(pg_get_serial_sequence(${t.name}, ${t.key}), coalesce((select max(${sql.ref(t.key)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(
      db,
    );
  }
}

/**
 * A backup from an older version: restore it into a scratch SQLite file at its own schema
 * version, run the newer migrations there, and restore from that.
 */
async function upgradeInScratch(source: BackupSource): Promise<BackupSource> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-restore-'));
  const path = join(dir, 'upgrade.db');
  try {
    const scratch = await openDatabase({ dialect: 'sqlite', path }, { migrate: false });
    try {
      const last = source.migrations[source.migrations.length - 1];
      if (last) await migrateTo(scratch, last);
      await scratch.db.transaction().execute((trx) => loadRows(trx, source));
      await migrateToLatest(scratch);
    } finally {
      await scratch.close();
      source.close();
    }
    return closingOnce(openSqliteSource(path, () => rmSync(dir, { recursive: true, force: true })));
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
