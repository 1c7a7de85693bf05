/**
 * `jixiao user add USERNAME --role R [--unit U]`: an account added on the server's own console
 * (the first administrator, for instance). The password comes from standard input or a file,
 * never from the command line, where other users of the machine could read it.
 */
import { readFileSync } from 'node:fs';
import {
  createUserUnchecked,
  findUnit,
  findUnitByName,
  isRefusal,
  openDatabase,
  ROLE_NAMES,
  ROLES,
  type Role,
  UNIT_ROLES,
} from '@jixiao/server';
import type { Io } from '../main.ts';
import { configFor, type DbCliOptions, describeConfig } from './db.ts';

export interface UserAddCliOptions extends DbCliOptions {
  role?: string;
  /** the unit's id or its exact name */
  unit?: string;
  /** the name shown in the trail and the pages (default: the username) */
  name?: string;
  passwordFile?: string;
}

/** Where the password is read from when no file is given: standard input, piped. */
export type PasswordInput = AsyncIterable<string | Buffer> & { isTTY?: boolean };

const ROLE_LIST = ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join('、');

/** The text up to the end, without the one line break a pipe or editor adds. */
function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

async function readAll(input: PasswordInput): Promise<string> {
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}

export async function runUserAdd(
  username: string,
  opts: UserAddCliOptions,
  io: Io,
  input: PasswordInput = process.stdin,
): Promise<number> {
  const role = opts.role?.trim() as Role | undefined;
  if (!role || !ROLES.includes(role)) {
    io.err(`${role ? `未知的角色“${role}”。` : '请用 --role 指定角色。'}可用的角色：${ROLE_LIST}。`);
    return 2;
  }
  if (UNIT_ROLES.includes(role) && !opts.unit) {
    io.err(`${ROLE_NAMES[role]}必须属于一个单位，请用 --unit 指定单位的名称或 id。`);
    return 2;
  }
  let password: string;
  if (opts.passwordFile) {
    try {
      password = withoutFinalNewline(readFileSync(opts.passwordFile, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(`无法读取密码文件 ${opts.passwordFile}${code === 'ENOENT' ? '：文件不存在' : ''}。`);
      return 2;
    }
  } else if (input.isTTY) {
    io.err(
      '请从标准输入提供密码（例如 printf %s "$PASSWORD" | jixiao user add …），或用 --password-file 指定只含密码的文件。',
    );
    return 2;
  } else {
    password = withoutFinalNewline(await readAll(input));
  }

  const config = configFor(opts);
  try {
    const store = await openDatabase(config);
    try {
      let unitId: string | null = null;
      let unitName = '';
      if (opts.unit) {
        const unit =
          (await findUnit(store.db, opts.unit)) ?? (await findUnitByName(store.db, opts.unit.trim()));
        if (!unit) {
          io.err(
            `添加失败：没有名称或 id 为“${opts.unit}”的单位。请先建立单位（管理员在网页或 POST /api/units）。`,
          );
          return 1;
        }
        unitId = unit.id;
        unitName = unit.name;
      }
      const user = await createUserUnchecked(store.db, null, {
        username,
        password,
        role,
        unitId,
        ...(opts.name ? { displayName: opts.name } : {}),
      });
      io.out(
        `已添加用户 ${user.username}：${ROLE_NAMES[user.role]}${unitName ? `，${unitName}` : ''}（${describeConfig(config)}）。`,
      );
      return 0;
    } finally {
      await store.close();
    }
  } catch (e) {
    io.err(`添加失败：${isRefusal(e) ? e.problem.message : e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
