/**
 * Errors as the API returns them: `{error: {code, message, path?, …details}}` with a Chinese
 * message, the status code following from the kind of refusal.
 */
import type { z } from 'zod';
import { type Problem, type ProblemKind, type Refusal, refusal } from '../commands/problem.ts';

export const STATUS_OF: Record<ProblemKind, number> = {
  'bad-request': 400,
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  state: 409,
  conflict: 409,
  'too-large': 413,
  'precondition-required': 428,
  'rate-limited': 429,
  unavailable: 501,
};

export interface ErrorBody {
  error: { code: string; message: string; path?: string } & Record<string, unknown>;
}

export function errorBody(p: Problem): ErrorBody {
  return {
    error: {
      ...(p.details ?? {}),
      code: p.code,
      message: p.message,
      ...(p.path !== undefined ? { path: p.path } : {}),
    },
  };
}

const WHERE: Record<'query' | 'body' | 'params', string> = {
  query: '查询参数',
  body: '请求内容',
  params: '路径参数',
};

/** A request that does not match its route's schema, said in Chinese. */
export function schemaRefusal(
  where: 'query' | 'body' | 'params',
  issues: readonly z.core.$ZodIssue[],
): Refusal {
  const issue = issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  let what = '格式不正确';
  if (issue) {
    switch (issue.code) {
      case 'invalid_type':
        what = issue.input === undefined ? '缺失' : `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
        break;
      case 'invalid_value':
        what = `只能是 ${issue.values.map((v) => JSON.stringify(v)).join('、')}`;
        break;
      case 'too_small':
        what = `不能小于 ${String(issue.minimum)}${issue.origin === 'string' ? ' 个字符' : ''}`;
        break;
      case 'too_big':
        what = `不能大于 ${String(issue.maximum)}${issue.origin === 'string' ? ' 个字符' : ''}`;
        break;
      case 'invalid_format':
        what = '格式不正确';
        break;
      case 'unrecognized_keys':
        what = `含有不认识的字段：${issue.keys.join('、')}`;
        break;
      default:
        what = '无效';
    }
  }
  return refusal({
    kind: 'bad-request',
    code: 'bad-request',
    message: `${WHERE[where]}${path ? `“${path}”` : ''}${what}。`,
    path,
  });
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
};

/**
 * Errors that mean the database cannot be reached now (connections refused or cut, the server
 * shutting down or not yet accepting connections, SQLite locked past its busy timeout): the
 * request did nothing, since its transaction never committed, and can be tried again.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'SQLITE_BUSY',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|not currently accepting connections/i;

function unreachable(e: unknown, depth = 0): boolean {
  if (e === null || typeof e !== 'object' || depth > 3) return false;
  const { code, message, errors, cause } = e as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || /^08/.test(code))) return true;
  if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message)) return true;
  if (Array.isArray(errors) && errors.some((x) => unreachable(x, depth + 1))) return true;
  return unreachable(cause, depth + 1);
}

/** Seconds a client is asked to wait before trying again when the database is away. */
export const DATABASE_RETRY_AFTER = 5;

/** 503 for a database that cannot be reached, said in Chinese; null for any other error. */
export function databaseUnavailable(e: unknown): Problem | null {
  if (!unreachable(e)) return null;
  return {
    kind: 'unavailable',
    code: 'database-unavailable',
    message: `暂时无法连接数据库，本次操作没有执行，也没有保存任何内容。请约 ${DATABASE_RETRY_AFTER} 秒后重试；如果一再出现，请联系管理员检查数据库服务。`,
  };
}
