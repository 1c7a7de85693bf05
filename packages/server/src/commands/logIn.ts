/**
 * Signing in: checks the password, counts failures in the database (so every server sharing it
 * counts together, atomically), and opens a new session with a new id (never one the client
 * brought).
 */
import { createHash, randomBytes } from 'node:crypto';
import { dummyPasswordHash, verifyPassword } from '../auth/password.ts';
import type { Actor } from '../domain.ts';
import { isoAfter, nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { clear, peek, release, reserve } from '../store/repos/rateLimits.ts';
import { insertSession } from '../store/repos/sessions.ts';
import { findLoginUser } from '../store/repos/users.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction } from './common.ts';
import { refuse } from './problem.ts';

export interface LoginLimits {
  /** failed attempts per username in a window before it is locked for the rest of it */
  perUsername: number;
  /** failed attempts per client address in a window */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perUsername: 5, perAddress: 50, windowMs: 15 * 60_000 };
export const SESSION_TTL_MS = 8 * 60 * 60_000;

export interface LoginResult {
  actor: Actor;
  /** the cookie's value; only its hash is stored */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function logIn(
  db: Db,
  input: { username: unknown; password: unknown; address: string },
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): Promise<LoginResult> {
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  if (username === '' || password === '') {
    refuse('invalid', 'required', '请输入用户名和密码。', {
      path: username === '' ? 'username' : 'password',
    });
  }
  const now = new Date();
  const userKey = `login:user:${username.toLowerCase()}`;
  const addressKey = `login:addr:${input.address}`;
  // Each attempt takes its place in the counts before the password is checked, in one
  // statement per count: a burst of guesses at once gets no more tries than one after another.
  const taken: string[] = [];
  for (const [key, max] of [
    [userKey, limits.perUsername],
    [addressKey, limits.perAddress],
  ] as const) {
    if ((await reserve(db, key, now, limits.windowMs, max)) !== null) {
      taken.push(key);
      continue;
    }
    for (const k of taken) await release(db, k);
    const state = await peek(db, key, now, limits.windowMs);
    const seconds = Math.max(
      1,
      Math.ceil(((state.resetsAt?.getTime() ?? now.getTime()) - now.getTime()) / 1000),
    );
    refuse(
      'rate-limited',
      'too-many-attempts',
      `登录失败次数过多，请在 ${Math.ceil(seconds / 60)} 分钟后再试。`,
      {
        details: { retryAfter: seconds },
      },
    );
  }
  const user = await findLoginUser(db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabledAt !== null) {
    // The places taken above stay taken: they are the count of failures.
    await recordEvent(db, {
      actor: null,
      action: 'auth.login-failed',
      entityType: 'user',
      entityId: user?.id ?? username,
      after: { username, address: input.address },
    });
    // The same words whether the name or the password was wrong: no list of accounts to harvest.
    refuse('unauthenticated', 'bad-credentials', '用户名或密码不正确。');
  }
  // A success does not count: the name starts afresh, and the address gets its place back.
  await clear(db, userKey);
  await release(db, addressKey);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const at = nowIso();
  const expiresAt = isoAfter(SESSION_TTL_MS);
  await inTransaction(db, async (trx) => {
    await insertSession(trx, {
      id: sessionIdOf(token),
      userId: user.id,
      csrfToken,
      createdAt: at,
      expiresAt,
      lastSeenAt: at,
    });
    await recordEvent(trx, {
      actor: user,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { address: input.address },
      at,
    });
  });
  return {
    actor: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      unitId: user.unitId,
    },
    token,
    csrfToken,
    expiresAt,
  };
}
