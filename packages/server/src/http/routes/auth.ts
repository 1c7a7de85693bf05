import { z } from 'zod';
import { logIn } from '../../commands/logIn.ts';
import { logOut } from '../../commands/logOut.ts';
import { refuse } from '../../commands/problem.ts';
import { findUnit } from '../../store/repos/units.ts';
import { route } from '../route.ts';
import { clearSessionCookie, setSessionCookie } from '../session.ts';
import { unitView } from '../views.ts';

export const authRoutes = [
  route({
    method: 'POST',
    url: '/api/auth/login',
    tag: '登录',
    summary: '登录',
    description:
      '用户名和密码正确时开启新的会话（HttpOnly、SameSite=Lax 的会话 Cookie），并返回本会话的 csrfToken：' +
      '之后每个修改数据的请求都须在 X-CSRF-Token 请求头中带上它。同一用户名 15 分钟内失败 5 次后暂停登录。',
    auth: 'public',
    csrf: 'origin-only',
    bodyKind: 'json',
    body: z.object({ username: z.string().max(64), password: z.string().max(1024) }),
    success: { status: 200, description: '当前用户与 csrfToken' },
    handler: async ({ db, body, request, reply, settings }) => {
      const r = await logIn(db, { ...body, address: request.ip }, settings.loginLimits);
      setSessionCookie(reply, r.token, settings.secureCookies);
      return { user: r.actor, csrfToken: r.csrfToken, expiresAt: r.expiresAt };
    },
  }),
  route({
    method: 'POST',
    url: '/api/auth/logout',
    tag: '登录',
    summary: '退出登录',
    description: '结束会话（在数据库中删除，所有服务器上立即失效）。',
    auth: 'user',
    bodyKind: 'none',
    success: { status: 204, description: '已退出' },
    handler: async ({ db, actor, session, reply }) => {
      if (actor && session) await logOut(db, actor, session.id);
      clearSessionCookie(reply);
      return undefined;
    },
  }),
  route({
    method: 'GET',
    url: '/api/me',
    tag: '登录',
    summary: '当前用户',
    description: '当前登录的用户、所属单位和本会话的 csrfToken。',
    auth: 'user',
    success: { status: 200, description: '当前用户' },
    handler: async ({ db, actor, session }) => {
      if (!actor || !session) refuse('unauthenticated', 'unauthenticated', '请先登录。');
      const unit = actor.unitId ? await findUnit(db, actor.unitId) : undefined;
      return { user: actor, unit: unit ? unitView(unit) : null, csrfToken: session.csrfToken };
    },
  }),
];
