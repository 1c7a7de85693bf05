/**
 * Who acts when someone works on the server's own console (`jixiao import --to-db`): the
 * account `jixiao-console`, a 财政复核人 that can never sign in (no password, disabled). It is
 * made on first use, and that is audited; every form it creates then names it in the trail.
 * Having shell access to the database already gives full power; the account only records that
 * the change came from the console rather than from someone's session.
 */
import type { Actor } from '../domain.ts';
import { newId } from '../ids.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { findUserByUsername, insertUser, type User } from '../store/repos/users.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction } from './common.ts';

export const CONSOLE_USERNAME = 'jixiao-console';

// Not a scrypt hash, so no password verifies against it.
const NO_PASSWORD = '!';

function actorOf(u: User): Actor {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId };
}

export async function consoleActor(db: Db): Promise<Actor> {
  const known = await findUserByUsername(db, CONSOLE_USERNAME);
  if (known) return actorOf(known);
  return inTransaction(db, async (trx) => {
    const again = await findUserByUsername(trx, CONSOLE_USERNAME);
    if (again) return actorOf(again);
    const at = nowIso();
    const user: User = {
      id: newId(),
      username: CONSOLE_USERNAME,
      displayName: '服务器控制台',
      role: 'reviewer',
      unitId: null,
      disabledAt: at,
      createdAt: at,
    };
    await insertUser(trx, { ...user, passwordHash: NO_PASSWORD });
    await recordEvent(trx, {
      actor: null,
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: {
        username: user.username,
        role: user.role,
        unitId: null,
        reason: '服务器控制台的操作账号（不能登录）',
      },
      at,
    });
    return actorOf(user);
  });
}
