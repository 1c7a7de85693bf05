/**
 * The route table's shape. Every endpoint is one entry: method, path, who may call it, the
 * schemas of its input and its handler. The server registers the table, and the OpenAPI
 * document is generated from the same entries, so the two cannot drift apart.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { LoginLimits } from '../commands/logIn.ts';
import type { Actor } from '../domain.ts';
import type { EvaluationRecord } from '../store/repos/evaluations.ts';
import type { Session } from '../store/repos/sessions.ts';
import type { Db } from '../store/schema.ts';
import type { SharedPdfRenderer } from './pdf.ts';

export interface ServerSettings {
  db: Db;
  dialect: string;
  attachmentLimit: number;
  importLimits: { maxBytes: number; maxFiles: number };
  loginLimits: LoginLimits;
  /** cookies marked Secure (set when served over HTTPS) */
  secureCookies: boolean;
  /** the process's one Chromium for PDF exports, started on first use (http/pdf.ts) */
  pdf?: SharedPdfRenderer;
}

export interface RouteContext<Q, B, P> {
  db: Db;
  actor: Actor | null;
  session: Session | null;
  query: Q;
  body: B;
  params: P;
  request: FastifyRequest;
  reply: FastifyReply;
  settings: ServerSettings;
  /**
   * The form named by the path's `:id`, read with the session (routes with `prefetch`), when
   * somebody is signed in: null if there is no such form. Not yet checked against the policy.
   */
  prefetched?: { evaluation: EvaluationRecord | null };
}

/**
 * json: a JSON body checked against `schema`; document: a canonical evaluation (checked by
 * core's validate inside the command); multipart: files; none: no body.
 */
export type BodyKind = 'json' | 'document' | 'multipart' | 'none';

export interface RouteDef<Q = unknown, B = unknown, P = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify-style path: /api/evaluations/:id */
  url: string;
  tag: string;
  summary: string;
  description?: string;
  /** public: anyone; user: signed in (the policies then decide per role) */
  auth: 'public' | 'user';
  /**
   * Writes are checked for cross-site requests by Origin and CSRF token; 'origin-only' skips
   * the token for requests made before there is a session to hold one (signing in).
   */
  csrf?: 'origin-only';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  bodyKind?: BodyKind;
  body?: z.ZodType<B>;
  /** read the form named by `:id` together with the session: one query instead of two */
  prefetch?: 'evaluation';
  /** the success status and what it returns, for the docs */
  success?: { status: number; description: string; contentType?: string };
  handler(ctx: RouteContext<Q, B, P>): Promise<unknown>;
}

// The table holds routes of many input types; each is checked where it is defined.
export type AnyRoute = RouteDef<never, never, never>;

/**
 * An answer already serialised as JSON (a cached result): sent as it is, not parsed and
 * stringified again. Handlers return it from `rawJson(json)`.
 */
export interface RawJson {
  rawJson: string | Buffer;
}

const RAW = new WeakSet<RawJson>();

export function rawJson(json: string | Buffer): RawJson {
  const r = { rawJson: json };
  RAW.add(r);
  return r;
}

export function isRawJson(value: unknown): value is RawJson {
  return typeof value === 'object' && value !== null && RAW.has(value as RawJson);
}

export function route<Q = undefined, B = undefined, P = undefined>(def: RouteDef<Q, B, P>): AnyRoute {
  return def as unknown as AnyRoute;
}
