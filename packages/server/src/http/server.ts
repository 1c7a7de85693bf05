/**
 * `buildServer({db, …})`: the Fastify application. It holds no state of its own: sessions,
 * rate-limit counters and data are all in the database, so any number of processes can serve
 * the same database behind a load balancer.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DEFAULT_ATTACHMENT_LIMIT } from '../commands/addAttachment.ts';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../commands/logIn.ts';
import { isRefusal, type Problem, refusal, refuse } from '../commands/problem.ts';
import type { Db } from '../store/schema.ts';
import { DATABASE_RETRY_AFTER, databaseUnavailable, errorBody, STATUS_OF, schemaRefusal } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { sharedPdfRenderer } from './pdf.ts';
import { type AnyRoute, isRawJson, type ServerSettings } from './route.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { collaborationRoutes } from './routes/collaboration.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { deadlineRoutes } from './routes/deadlines.ts';
import { evaluationRoutes } from './routes/evaluations.ts';
import { importRoutes } from './routes/import.ts';
import { publicRoutes } from './routes/public.ts';
import { referenceRoutes } from './routes/reference.ts';
import { checkCrossSite, sessionAndEvaluationOf, sessionOf } from './session.ts';
import { DEFAULT_WEB_ROOT, registerWebPages } from './web-pages.ts';

export interface BuildServerOptions {
  db: Db;
  /** 'sqlite' or 'postgres', reported by /api/health */
  dialect?: string;
  /** bytes per evidence attachment (default 10 MB) */
  attachmentLimit?: number;
  /** per imported file (default 20 MB) and files per request (default 20) */
  importLimits?: Partial<ServerSettings['importLimits']>;
  loginLimits?: Partial<LoginLimits>;
  /** mark cookies Secure; set when the service is reached over HTTPS */
  secureCookies?: boolean;
  /** trust X-Forwarded-* from a reverse proxy (for the client address and host) */
  trustProxy?: boolean;
  logger?: boolean;
  /** the web pages' build folder (default packages/web/dist); false serves no pages */
  webRoot?: string | false;
}

const VERSION = '0.1.0';
const JSON_BODY_LIMIT = 5 * 1024 * 1024;

/** Every route of the API, in the order the docs list them. */
export const ROUTES: readonly AnyRoute[] = [
  ...authRoutes,
  ...evaluationRoutes,
  ...importRoutes,
  ...collaborationRoutes,
  ...dashboardRoutes,
  ...publicRoutes,
  ...adminRoutes,
  ...referenceRoutes,
  ...deadlineRoutes,
];

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  reply.code(STATUS_OF[p.kind]);
  if (p.kind === 'rate-limited' && typeof p.details?.retryAfter === 'number') {
    reply.header('Retry-After', String(p.details.retryAfter));
  }
  if (p.code === 'stale-version' && typeof p.details?.currentVersion === 'number') {
    reply.header('ETag', `"v${p.details.currentVersion}"`);
  }
  return reply.type('application/json; charset=utf-8').send(errorBody(p));
}

/** Fastify's own errors (bad JSON, body too large, unsupported type), said in Chinese. */
function frameworkProblem(e: { code?: string; statusCode?: number; message: string }): Problem | null {
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { kind: 'bad-request', code: 'bad-json', message: '请求内容不是有效的 JSON。' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        kind: 'too-large',
        code: 'body-too-large',
        message: `请求内容超过 ${JSON_BODY_LIMIT / 1024 / 1024} MB 的上限。`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        kind: 'bad-request',
        code: 'unsupported-media-type',
        message: '不支持的请求内容类型，请使用 application/json。',
      };
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return {
        kind: 'bad-request',
        code: 'multipart-required',
        message: '请以 multipart/form-data 上传文件。',
      };
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return { kind: 'too-large', code: 'too-many-files', message: '一次上传的文件过多，请分批上传。' };
    case 'FST_REQ_FILE_TOO_LARGE':
      return { kind: 'too-large', code: 'file-too-large', message: '上传的文件超过大小上限。' };
    default:
      if (e.statusCode === 400)
        return { kind: 'bad-request', code: 'bad-request', message: '请求格式不正确。' };
      return null;
  }
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'query' | 'body' | 'params'): T {
  if (!schema) return value as T;
  const r = schema.safeParse(value ?? (where === 'body' ? {} : value));
  if (!r.success) throw schemaRefusal(where, r.error.issues);
  return r.data;
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const settings: ServerSettings = {
    db: options.db,
    dialect: options.dialect ?? 'unknown',
    attachmentLimit: options.attachmentLimit ?? DEFAULT_ATTACHMENT_LIMIT,
    importLimits: { maxBytes: 20 * 1024 * 1024, maxFiles: 20, ...options.importLimits },
    loginLimits: { ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits },
    secureCookies: options.secureCookies ?? false,
    pdf: sharedPdfRenderer(async () => (await import('@jixiao/formats')).openPdfRenderer()),
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
  });
  // JSON as usual, except that an empty body is no body (a POST that only names an action).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    const body = String(text);
    if (body.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch {
      done(
        refusal({ kind: 'bad-request', code: 'bad-json', message: '请求内容不是有效的 JSON。' }),
        undefined,
      );
    }
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: {
      fileSize: Math.max(settings.attachmentLimit, settings.importLimits.maxBytes),
      files: settings.importLimits.maxFiles,
      fields: 20,
      parts: settings.importLimits.maxFiles + 20,
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (request.url.startsWith('/api/')) {
      reply.header('Cache-Control', request.url.startsWith('/api/public/') ? 'no-cache' : 'no-store');
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (isRefusal(error)) return sendProblem(reply, error.problem);
    const known = frameworkProblem(error as { code?: string; statusCode?: number; message: string });
    if (known) return sendProblem(reply, known);
    const away = databaseUnavailable(error);
    if (away) {
      request.log.warn(error);
      return reply
        .code(503)
        .header('Retry-After', String(DATABASE_RETRY_AFTER))
        .type('application/json; charset=utf-8')
        .send(errorBody(away));
    }
    request.log.error(error);
    return reply.code(500).send({
      error: { code: 'internal', message: '服务器内部错误，请稍后重试；如果一再出现，请联系管理员。' },
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      kind: 'not-found',
      code: 'no-such-endpoint',
      message: `没有这个接口：${request.method} ${request.url.split('?')[0]}。接口说明见 /api/openapi.json。`,
    }),
  );

  for (const def of ROUTES) {
    app.route({
      method: def.method,
      url: def.url,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const id = def.prefetch ? (request.params as { id?: unknown }).id : undefined;
        const looked =
          typeof id === 'string'
            ? await sessionAndEvaluationOf(settings.db, request, id)
            : { signedIn: await sessionOf(settings.db, request) };
        const signedIn = looked.signedIn;
        if (def.auth === 'user' && !signedIn) refuse('unauthenticated', 'unauthenticated', '请先登录。');
        checkCrossSite(request, def.csrf === 'origin-only' ? null : (signedIn?.session ?? null));
        const params = parse(def.params as z.ZodType | undefined, request.params, 'params');
        const query = parse(def.query as z.ZodType | undefined, request.query, 'query');
        const body =
          def.bodyKind === 'json'
            ? parse(def.body as z.ZodType | undefined, request.body, 'body')
            : request.body;
        const result = await (def.handler as (ctx: unknown) => Promise<unknown>)({
          db: settings.db,
          actor: signedIn?.actor ?? null,
          session: signedIn?.session ?? null,
          ...(looked.evaluation !== undefined ? { prefetched: { evaluation: looked.evaluation } } : {}),
          params,
          query,
          body,
          request,
          reply,
          settings,
        });
        if (reply.sent) return reply;
        if (result === undefined) return reply.code(reply.statusCode === 200 ? 204 : reply.statusCode).send();
        if (isRawJson(result)) return reply.type('application/json; charset=utf-8').send(result.rawJson);
        return reply.send(result);
      },
    });
  }

  const openapi = openApiDocument(ROUTES, VERSION);
  app.get('/api/openapi.json', async () => openapi);
  app.get('/api/health', async () => {
    return { ok: true, version: VERSION, database: settings.dialect };
  });
  registerWebPages(app, options.webRoot ?? DEFAULT_WEB_ROOT);
  app.addHook('onClose', async () => {
    await settings.pdf?.close();
  });
  if (process.env.JIXIAO_BENCH_BASELINE === '1') addBenchBaseline(app);

  return app;
}

/**
 * For `npm run bench` only (JIXIAO_BENCH_BASELINE=1): a constant JSON body of `?bytes=` bytes,
 * what the framework, the connection and serialising cost without the database or the domain.
 */
function addBenchBaseline(app: FastifyInstance): void {
  const bodies = new Map<number, string>();
  app.get('/api/bench/constant', async (request, reply) => {
    const asked = Number((request.query as { bytes?: string }).bytes ?? 1000);
    const size = Number.isInteger(asked) && asked >= 20 && asked <= 5_000_000 ? asked : 1000;
    let body = bodies.get(size);
    if (body === undefined) {
      body = JSON.stringify({ constant: 'x'.repeat(size - '{"constant":""}'.length) });
      bodies.set(size, body);
    }
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
