import { runCompiled } from '../compiled.ts';
import type { Db } from '../schema.ts';
import type { User } from './users.ts';

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

/** A session with its user, as the lookups below read them (aliased: they share rows with other tables). */
export const SESSION_USER_COLUMNS = [
  'sessions.id as session_id',
  'sessions.user_id as session_user_id',
  'sessions.csrf_token as session_csrf_token',
  'sessions.created_at as session_created_at',
  'sessions.expires_at as session_expires_at',
  'sessions.last_seen_at as session_last_seen_at',
  'users.username as user_username',
  'users.display_name as user_display_name',
  'users.role as user_role',
  'users.unit_id as user_unit_id',
  'users.disabled_at as user_disabled_at',
  'users.created_at as user_created_at',
] as const;

export interface SessionUserRow {
  session_id: string;
  session_user_id: string;
  session_csrf_token: string;
  session_created_at: string;
  session_expires_at: string;
  session_last_seen_at: string;
  user_username: string;
  user_display_name: string;
  user_role: User['role'];
  user_unit_id: string | null;
  user_disabled_at: string | null;
  user_created_at: string;
}

/** The session and its user from a row with SESSION_USER_COLUMNS; none when the user is disabled. */
export function liveSessionOf(row: SessionUserRow): { session: Session; user: User } | undefined {
  if (row.user_disabled_at !== null) return undefined;
  return {
    session: {
      id: row.session_id,
      userId: row.session_user_id,
      csrfToken: row.session_csrf_token,
      createdAt: row.session_created_at,
      expiresAt: row.session_expires_at,
      lastSeenAt: row.session_last_seen_at,
    },
    user: {
      id: row.session_user_id,
      username: row.user_username,
      displayName: row.user_display_name,
      role: row.user_role,
      unitId: row.user_unit_id,
      disabledAt: row.user_disabled_at,
      createdAt: row.user_created_at,
    },
  };
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
        .select(SESSION_USER_COLUMNS)
        .where('sessions.id', '=', id)
        .where('sessions.expires_at', '>', now),
    [id, now],
  );
  return row && liveSessionOf(row);
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
