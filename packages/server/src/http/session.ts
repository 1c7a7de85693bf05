/**
 * Sessions live in the database (any server can serve any request); the cookie holds a random
 * token whose hash is the session id. Writes made with the cookie must also carry the session's
 * CSRF token in a header, which a page on another site cannot read (docs/api.md, Security).
 */
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_TTL_MS, sessionIdOf } from '../commands/logIn.ts';
import { refuse } from '../commands/problem.ts';
import type { Actor } from '../domain.ts';
import { isoAfter, nowIso } from '../store/dialect.ts';
import { type EvaluationRecord, findSessionAndEvaluation } from '../store/repos/evaluations.ts';
import { findLiveSession, type Session, touchSession } from '../store/repos/sessions.ts';
import type { User } from '../store/repos/users.ts';
import type { Db } from '../store/schema.ts';

export const SESSION_COOKIE = 'jixiao_session';
export const CSRF_HEADER = 'x-csrf-token';
/** A session seen again after this long is extended (sliding expiry) without a write per request. */
const TOUCH_AFTER_MS = 5 * 60_000;

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export interface SignedIn {
  actor: Actor;
  session: Session;
}

export async function sessionOf(db: Db, request: FastifyRequest): Promise<SignedIn | null> {
  const token = sessionToken(request);
  if (token === null) return null;
  const live = await findLiveSession(db, sessionIdOf(token), nowIso());
  return live ? signedIn(db, live) : null;
}

/**
 * The session and the form named by `evaluationId` in one lookup (see
 * findSessionAndEvaluation). `evaluation` is undefined when nobody is signed in: the caller then
 * looks the form up on its own.
 */
export async function sessionAndEvaluationOf(
  db: Db,
  request: FastifyRequest,
  evaluationId: string,
): Promise<{ signedIn: SignedIn | null; evaluation?: EvaluationRecord | null }> {
  const token = sessionToken(request);
  if (token === null) return { signedIn: null };
  const found = await findSessionAndEvaluation(db, sessionIdOf(token), nowIso(), evaluationId);
  if (!found) return { signedIn: null };
  return { signedIn: await signedIn(db, found), evaluation: found.evaluation };
}

function sessionToken(request: FastifyRequest): string | null {
  const token = request.cookies[SESSION_COOKIE];
  return !token || token.length > 200 ? null : token;
}

async function signedIn(db: Db, live: { session: Session; user: User }): Promise<SignedIn> {
  if (Date.now() - new Date(live.session.lastSeenAt).getTime() > TOUCH_AFTER_MS) {
    await touchSession(db, live.session.id, nowIso(), isoAfter(SESSION_TTL_MS));
  }
  const u = live.user;
  return {
    actor: { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId },
    session: live.session,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafe(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * A write from another site is refused twice over: by its Origin (when the browser sends one)
 * and, for signed-in requests, by the CSRF token only this session's pages can read.
 */
export function checkCrossSite(request: FastifyRequest, session: Session | null): void {
  if (!isUnsafe(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== request.host) {
      refuse('forbidden', 'cross-origin', '拒绝来自其他网站的修改请求。');
    }
  } else if (origin === 'null' || request.headers['sec-fetch-site'] === 'cross-site') {
    refuse('forbidden', 'cross-origin', '拒绝来自其他网站的修改请求。');
  }
  if (session === null) return;
  const sent = request.headers[CSRF_HEADER];
  const token = Array.isArray(sent) ? sent[0] : sent;
  const a = Buffer.from(token ?? '');
  const b = Buffer.from(session.csrfToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    refuse(
      'forbidden',
      'csrf-token',
      '修改请求缺少有效的 X-CSRF-Token 请求头（登录时返回，也可由 GET /api/me 取得）。请刷新页面后重试。',
    );
  }
}
