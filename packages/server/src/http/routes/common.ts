import { z } from 'zod';
import { refuse } from '../../commands/problem.ts';

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export function pageOf(q: { page: number; pageSize: number }): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The version an If-Match header names: `"v3"`, `W/"v3"`, `v3` or `3`. */
export function versionFromIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') {
    refuse(
      'precondition-required',
      'version-required',
      '保存时必须在 If-Match 请求头中给出所编辑的版本（取自读取自评表时的 ETag），以免覆盖他人的修改。',
    );
  }
  const m = /^\s*(?:W\/)?"?v?(\d+)"?\s*$/.exec(value);
  if (!m) {
    refuse(
      'bad-request',
      'bad-if-match',
      `If-Match 请求头“${value}”无法识别，应为读取时得到的 ETag，例如 "v3"。`,
    );
  }
  return Number(m[1]);
}
