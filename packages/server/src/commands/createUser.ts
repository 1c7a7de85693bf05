/** The admin adds an account. Unit roles belong to exactly one unit; the password is only hashed. */
import { hashPassword } from '../auth/password.ts';
import { type Actor, ROLES, type Role, UNIT_ROLES } from '../domain.ts';
import { newId } from '../ids.ts';
import { decideUserAction } from '../policies/users.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { findUnit } from '../store/repos/units.ts';
import { findUserByUsername, insertUser, type User } from '../store/repos/users.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction } from './common.ts';
import { enforce, refuse } from './problem.ts';

export interface CreateUserInput {
  username: string;
  password: string;
  displayName?: string;
  role: Role;
  unitId?: string | null;
}

export const MIN_PASSWORD_LENGTH = 8;

export async function createUser(db: Db, actor: Actor | null, input: CreateUserInput): Promise<User> {
  enforce(decideUserAction('create', actor));
  return createUserUnchecked(db, actor, input);
}

/** Without the policy: for the demo data and `jixiao user add` on the server's own console. */
export async function createUserUnchecked(
  db: Db,
  actor: Actor | null,
  input: CreateUserInput,
  /**
   * passwordHash: a hash made earlier of this same password. The demo's many accounts share
   * one known password; hashing it once keeps loading the demo fast (scrypt is slow on purpose).
   */
  options: { passwordHash?: string } = {},
): Promise<User> {
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  if (!/^[A-Za-z0-9_.-]{2,32}$/.test(username)) {
    refuse('invalid', 'bad-username', '用户名须为 2–32 位字母、数字、下划线、点或连字符。', {
      path: 'username',
    });
  }
  if (typeof input.password !== 'string' || input.password.length < MIN_PASSWORD_LENGTH) {
    refuse('invalid', 'weak-password', `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`, { path: 'password' });
  }
  if (!ROLES.includes(input.role)) {
    refuse('invalid', 'not-allowed', `角色只能是：${ROLES.join('、')}。`, { path: 'role' });
  }
  const unitId = input.unitId ?? null;
  const needsUnit = UNIT_ROLES.includes(input.role);
  if (needsUnit && unitId === null) {
    refuse('invalid', 'unit-required', '单位负责人和单位填报人必须属于一个单位，请选择单位。', {
      path: 'unitId',
    });
  }
  if (!needsUnit && unitId !== null) {
    refuse('invalid', 'unit-not-allowed', '系统管理员和财政复核人不属于某个单位，请不要指定单位。', {
      path: 'unitId',
    });
  }
  const displayName = (typeof input.displayName === 'string' ? input.displayName.trim() : '') || username;
  // Hash outside the transaction: it is slow on purpose and needs no lock.
  const passwordHash = options.passwordHash ?? (await hashPassword(input.password));
  return inTransaction(db, async (trx) => {
    if (unitId !== null && !(await findUnit(trx, unitId))) {
      refuse('invalid', 'unknown-unit', '指定的单位不存在。', { path: 'unitId' });
    }
    if (await findUserByUsername(trx, username)) {
      refuse('conflict', 'user-exists', `用户名“${username}”已被使用。`, { path: 'username' });
    }
    const user: User = {
      id: newId(),
      username,
      displayName: displayName.slice(0, 50),
      role: input.role,
      unitId,
      disabledAt: null,
      createdAt: nowIso(),
    };
    await insertUser(trx, { ...user, passwordHash });
    await recordEvent(trx, {
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: { username, displayName: user.displayName, role: user.role, unitId },
      at: user.createdAt,
    });
    return user;
  });
}
