/**
 * The commands' side of the service's database: `jixiao export --id ID` reads a form's current
 * version from it, `jixiao import FILE... --to-db` creates drafts in it through the server's
 * createEvaluation command, as the console's own account (or `--as USERNAME`), so that the
 * audit trail says who and from which file.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import {
  type Actor,
  consoleActor,
  createEvaluation,
  findEvaluation,
  findUnit,
  findUnitByName,
  findUserByUsername,
  findVersion,
  isRefusal,
  openDatabase,
  type Store,
  statusName,
} from '@jixiao/server';
import type { LoadedForm } from '../load.ts';
import type { Io } from '../main.ts';
import { configFor, type DbCliOptions, describeConfig } from './db.ts';

function reason(e: unknown): string {
  return isRefusal(e) ? e.problem.message : e instanceof Error ? e.message : String(e);
}

/** The current version of the form `id`, as a form the export writes; or why not. */
export async function formFromDatabase(
  id: string,
  opts: DbCliOptions,
): Promise<{ ok: true; form: LoadedForm } | { ok: false; message: string }> {
  const config = configFor(opts);
  if (config.dialect === 'sqlite' && !existsSync(resolve(config.path))) {
    return {
      ok: false,
      message: `数据库文件 ${resolve(config.path)} 不存在。请用 --db 指定服务的数据库，或设置 DATABASE_URL。`,
    };
  }
  let store: Store;
  try {
    // Reading only: an older database is not upgraded behind its service's back.
    store = await openDatabase(config, { migrate: false });
  } catch (e) {
    return { ok: false, message: `无法打开数据库（${describeConfig(config)}）：${reason(e)}` };
  }
  try {
    const record = await findEvaluation(store.db, id.trim());
    if (!record) {
      return {
        ok: false,
        message: `数据库（${describeConfig(config)}）中没有 id 为“${id}”的自评表。id 见网页地址或 GET /api/evaluations。`,
      };
    }
    const version = await findVersion(store.db, record.id, record.version);
    if (!version) throw new Error(`version ${record.version} of ${record.id} is missing`);
    const label = `第 ${record.version} 版，${statusName(record.stage, record.status)}`;
    return { ok: true, form: { file: `自评表 ${record.id}`, label, evaluation: version.document } };
  } catch (e) {
    return { ok: false, message: `读取自评表 ${id} 失败：${reason(e)}` };
  } finally {
    await store.close();
  }
}

export interface ToDbOptions extends DbCliOptions {
  /** the unit the drafts belong to: its name or id; by default the one each form names */
  unit?: string;
  /** the account recorded as creating them; by default the console's own */
  as?: string;
}

/** Creates a draft of every form; returns how many could not be created. */
export async function importToDatabase(forms: LoadedForm[], opts: ToDbOptions, io: Io): Promise<number> {
  const config = configFor(opts);
  let store: Store;
  try {
    store = await openDatabase(config);
  } catch (e) {
    io.err(`无法打开数据库（${describeConfig(config)}）：${reason(e)}`);
    return forms.length;
  }
  try {
    let actor: Actor;
    if (opts.as) {
      const user = await findUserByUsername(store.db, opts.as.trim());
      if (!user || user.disabledAt !== null) {
        io.err(`没有可用的用户“${opts.as}”。--as 应为财政复核人，或该单位的填报人、负责人的用户名。`);
        return forms.length;
      }
      actor = {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        unitId: user.unitId,
      };
    } else {
      actor = await consoleActor(store.db);
    }
    let unitId: string | undefined;
    if (opts.unit) {
      const unit =
        (await findUnit(store.db, opts.unit)) ?? (await findUnitByName(store.db, opts.unit.trim()));
      if (!unit) {
        io.err(
          `没有名称或 id 为“${opts.unit}”的单位。请先建立单位（管理员在网页或 POST /api/units），或不加 --unit 按表中的单位名称导入。`,
        );
        return forms.length;
      }
      unitId = unit.id;
    }
    let failed = 0;
    for (const form of forms) {
      const where = `${form.file}${form.label ? ` ${form.label}` : ''}`;
      try {
        const { evaluation: e, written } = await createEvaluation(store.db, actor, {
          document: form.evaluation,
          ...(unitId ? { unitId } : {}),
          createMissingUnit: true,
          origin: { via: 'cli', file: basename(form.file), ...(form.label ? { label: form.label } : {}) },
        });
        io.out(
          `已建立草稿 ${e.id}：${e.unitName} ${e.year ?? '年度不详'}${e.project ? `「${e.project}」` : ''}，` +
            `总分（填报）${e.totalReported ?? '—'}，计算 ${e.totalComputed ?? '—'}，错误 ${e.errorCount}，警告 ${e.warningCount}（${where}）`,
        );
        if (written.findings.some((f) => f.severity === 'error')) {
          io.out('  有错误，请在网页中复核后再提交。');
        }
      } catch (err) {
        io.err(`${where}：未能建立草稿：${reason(err)}`);
        failed++;
      }
    }
    io.out(`共建立 ${forms.length - failed} 份草稿，操作人 ${actor.username}（${describeConfig(config)}）。`);
    return failed;
  } finally {
    await store.close();
  }
}
