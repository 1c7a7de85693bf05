import { runCompiled } from '../compiled.ts';
import type { Db } from '../schema.ts';
import { toUser, type User } from './users.ts';

export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export async function insertSession(db: Db, s: Session): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_seen_at: s.lastSeenAt,
    })
    .execute();
}

/** A live session (not expired, user not disabled) and its user. */
export async function findLiveSession(
  db: Db,
  id: string,
  now: string,
): Promise<{ session: Session; user: User } | undefined> {
  // every signed-in request asks this: one query for the session and its user, compiled once
  // (store/compiled.ts); on PostgreSQL each query is a round trip
  const [row] = await runCompiled(
    db,
    'findLiveSession',
    (d, id, now) =>
      d
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id',
          'sessions.user_id',
          'sessions.csrf_token',
          'sessions.created_at',
          'sessions.expires_at',
          'sessions.last_seen_at',
          'users.username',
          'users.display_name',
          'users.role',
          'users.unit_id',
          'users.disabled_at',
          'users.created_at as user_created_at',
        ])
        .where('sessions.id', '=', id)
        .where('sessions.expires_at', '>', now),
    [id, now],
  );
  if (!row || row.disabled_at !== null) return undefined;
  return {
    session: {
      id: row.id,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
    },
    user: toUser({ ...row, id: row.user_id, password_hash: '', created_at: row.user_created_at }),
  };
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
