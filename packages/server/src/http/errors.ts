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
