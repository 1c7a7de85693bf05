import type { Role } from '../../domain.ts';
import type { Db, UsersTable } from '../schema.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  disabledAt: string | null;
  createdAt: string;
}

function toUser(row: UsersTable): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

export async function insertUser(db: Db, u: User & { passwordHash: string }): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      role: u.role,
      unit_id: u.unitId,
      disabled_at: u.disabledAt,
      created_at: u.createdAt,
    })
    .execute();
}

export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && toUser(row);
}

/** The user with the password hash, only for signing in. */
export async function findLoginUser(
  db: Db,
  username: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function listUsers(db: Db, filter: { unitId?: string } = {}): Promise<User[]> {
  let q = db.selectFrom('users').selectAll().orderBy('username');
  if (filter.unitId) q = q.where('unit_id', '=', filter.unitId);
  return (await q.execute()).map(toUser);
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}
