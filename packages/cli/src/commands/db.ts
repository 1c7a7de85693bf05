/**
 * `jixiao db migrate | backup FILE | restore FILE`: the database of the multi-unit service,
 * SQLite (`--db PATH`, default ./data/jixiao.db) or PostgreSQL (`DATABASE_URL`, or a
 * `postgres://…` given to --db). Backups work while the service runs; a restore refuses a
 * database in use and, unless `--replace`, one that already holds data.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  backupDatabase,
  type DatabaseConfig,
  databaseConfig,
  isRefusal,
  knownMigrations,
  migrateToLatest,
  migrationStatus,
  openDatabase,
  redactUrl,
  restoreDatabase,
} from '@jixiao/server';
import type { Io } from '../main.ts';

export interface DbCliOptions {
  /** SQLite file, or a postgres:// URL; DATABASE_URL otherwise, else ./data/jixiao.db */
  db?: string;
}

const TABLE_NAMES: Record<string, string> = {
  regions: '地区',
  profiles: '评分规则',
  units: '单位',
  users: '用户',
  evaluations: '自评表',
  evaluation_versions: '自评表版本',
  findings: '复核发现',
  comments: '批注',
  attachments: '附件',
  audit_events: '审计记录',
  snapshots: '公开快照',
  target_adjustments: '目标调整',
};

/** The database the options name: --db (a file or a postgres:// URL), else DATABASE_URL, else the default file. */
export function configFor(opts: DbCliOptions): DatabaseConfig {
  const db = opts.db?.trim();
  if (db && /^postgres(ql)?:\/\//i.test(db)) return databaseConfig({ databaseUrl: db });
  return databaseConfig(db ? { dbPath: db } : {});
}

export function describeConfig(config: DatabaseConfig): string {
  return config.dialect === 'sqlite'
    ? `SQLite ${resolve(config.path)}`
    : `PostgreSQL ${redactUrl(config.url)}`;
}

/** Prints a refusal or a failure and gives the exit code: 1 for both (2 is for usage). */
function failed(io: Io, what: string, e: unknown): number {
  if (isRefusal(e)) io.err(`${what}：${e.problem.message}`);
  else io.err(`${what}：${e instanceof Error ? e.message : String(e)}`);
  return 1;
}

function counts(io: Io, tables: Record<string, number>): void {
  const parts = Object.entries(tables)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${TABLE_NAMES[t] ?? t} ${n}`);
  io.out(`  内容：${parts.length > 0 ? parts.join('，') : '（空）'}`);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export async function runDbMigrate(opts: DbCliOptions, io: Io): Promise<number> {
  const config = configFor(opts);
  try {
    const store = await openDatabase(config, { migrate: false });
    try {
      const applied = await migrateToLatest(store);
      const status = await migrationStatus(store);
      io.out(`数据库：${describeConfig(config)}`);
      if (applied.length === 0) io.out(`数据结构已是最新（共 ${status.length} 个迁移）。`);
      else io.out(`已执行迁移：${applied.join('、')}（共 ${status.length} 个）。`);
      return 0;
    } finally {
      await store.close();
    }
  } catch (e) {
    return failed(io, '迁移失败', e);
  }
}

export async function runDbBackup(file: string, opts: DbCliOptions, io: Io): Promise<number> {
  const config = configFor(opts);
  if (config.dialect === 'sqlite' && !existsSync(resolve(config.path))) {
    io.err(
      `备份失败：数据库文件 ${resolve(config.path)} 不存在。请用 --db 指定数据库文件，或设置 DATABASE_URL。`,
    );
    return 1;
  }
  try {
    // Not migrated: a backup is taken of the database as it is.
    const store = await openDatabase(config, { migrate: false });
    try {
      const report = await backupDatabase(store, file);
      io.out(`已备份 ${describeConfig(config)}`);
      io.out(
        `  到：${report.file}（${report.format === 'sqlite' ? 'SQLite 数据库文件' : 'JSON lines'}，${formatBytes(report.bytes)}）`,
      );
      counts(io, report.tables);
      io.out('  恢复：jixiao db restore <文件>（会话、登录计数和后台任务状态不在备份中）');
      return 0;
    } finally {
      await store.close();
    }
  } catch (e) {
    return failed(io, '备份失败', e);
  }
}

export interface DbRestoreCliOptions extends DbCliOptions {
  replace?: boolean;
}

export async function runDbRestore(file: string, opts: DbRestoreCliOptions, io: Io): Promise<number> {
  const config = configFor(opts);
  try {
    const report = await restoreDatabase(config, file, { replace: opts.replace ?? false });
    io.out(`已将 ${report.file} 恢复到 ${describeConfig(config)}`);
    counts(io, report.tables);
    if (report.upgraded) {
      const last = report.migrations[report.migrations.length - 1] ?? '';
      const latest = knownMigrations().at(-1) ?? '';
      io.out(`  备份来自较早的版本（数据结构 ${last}），已升级到 ${latest}。`);
    }
    io.out('  所有用户需要重新登录。');
    return 0;
  } catch (e) {
    return failed(io, '恢复失败', e);
  }
}
