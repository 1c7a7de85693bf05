/**
 * Importing published forms from files (xlsx, docx, pdf, html, csv, text). The reading and
 * extraction is @jixiao/formats' `importBytes`, loaded when first needed so the server runs
 * (and says so clearly) while the importer is not installed or not finished.
 */
import type {} from '@fastify/multipart';
import { z } from 'zod';
import { formatSize } from '../../commands/addAttachment.ts';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { isRefusal, refuse } from '../../commands/problem.ts';
import { route } from '../route.ts';

/** What the importer gives per form found in a file (formats' ExtractResult). */
export type ImportResult =
  | { evaluation: unknown }
  | { error: { code: string; message: string; where?: string } };

/**
 * The importer's entry point as this route expects it: every form found in the bytes, or an
 * error per form; a file it refuses outright (too large, encrypted, junk…) throws an error
 * carrying `code` and a Chinese `message` (formats' ReadError).
 */
export type ImportBytes = (
  bytes: Uint8Array,
  file: string,
  options?: { limits?: { maxBytes?: number } },
) => Promise<ImportResult[]> | ImportResult[];

let importer: Promise<ImportBytes | null> | null = null;

export function loadImporter(): Promise<ImportBytes | null> {
  importer ??= import('@jixiao/formats').then(
    (m) => {
      const f = (m as Record<string, unknown>).importBytes;
      return typeof f === 'function' ? (f as ImportBytes) : null;
    },
    () => null,
  );
  return importer;
}

type FormOutcome =
  | {
      ok: true;
      id: string;
      unit: string;
      year: number | null;
      project: string | null;
      total: number | null;
      grade: string | null;
      errorCount: number;
    }
  | { ok: false; error: { code: string; message: string; path?: string } };

interface FileOutcome {
  file: string;
  size: number;
  forms: FormOutcome[];
  error?: { code: string; message: string };
}

function errorOf(e: unknown): { code: string; message: string } | null {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  return null;
}

export const importRoutes = [
  route({
    method: 'POST',
    url: '/api/evaluations/import',
    tag: '自评表',
    summary: '从文件导入（一个或多个）',
    description:
      'multipart/form-data，一个或多个文件字段（xlsx、docx、pdf、html、csv、md、txt）。每个文件可含多张表，逐一报告结果。' +
      '单个文件超过大小上限或文件数超过上限返回 413；没有任何一张表导入成功返回 422，并逐个说明原因；' +
      '本服务未安装导入模块时返回 501。' +
      '?unit=<单位id> 指定单位；否则按表中的单位名称匹配（财政复核人导入时，未建立的单位会自动新建）。',
    auth: 'user',
    query: z.object({ unit: z.string().optional() }),
    bodyKind: 'multipart',
    success: { status: 201, description: '{files: [{file, size, forms: [...], error?}], created}' },
    handler: async ({ db, actor, query, request, reply, settings }) => {
      if (!request.isMultipart()) {
        refuse('bad-request', 'multipart-required', '请以 multipart/form-data 上传文件。');
      }
      const { maxBytes, maxFiles } = settings.importLimits;
      const files: FileOutcome[] = [];
      try {
        for await (const part of request.files({
          limits: { fileSize: maxBytes, files: maxFiles },
          throwFileSizeLimit: false,
        })) {
          const bytes = await part.toBuffer();
          const outcome: FileOutcome = { file: part.filename, size: bytes.byteLength, forms: [] };
          files.push(outcome);
          if (part.file.truncated) {
            outcome.error = {
              code: 'too-large',
              message: `文件“${part.filename}”超过了单个文件 ${formatSize(maxBytes)} 的上限，未导入。`,
            };
            continue;
          }
          const importBytes = await loadImporter();
          if (!importBytes) {
            outcome.error = {
              code: 'import-unavailable',
              message:
                '本服务尚未安装文件导入功能（@jixiao/formats 的 importBytes），请改用标准 JSON 新建自评表。',
            };
            continue;
          }
          let results: ImportResult[];
          try {
            results = await importBytes(bytes, part.filename, { limits: { maxBytes } });
          } catch (e) {
            const err = errorOf(e);
            if (!err) throw e;
            outcome.error = err;
            continue;
          }
          for (const r of results) {
            if ('error' in r) {
              outcome.forms.push({ ok: false, error: { code: r.error.code, message: r.error.message } });
              continue;
            }
            try {
              const created = await createEvaluation(db, actor, {
                document: r.evaluation,
                ...(query.unit ? { unitId: query.unit } : {}),
                createMissingUnit: true,
              });
              const e = created.evaluation;
              outcome.forms.push({
                ok: true,
                id: e.id,
                unit: e.unitName,
                year: e.year,
                project: e.project,
                total: e.total === null ? null : Number(e.total),
                grade: e.grade,
                errorCount: e.errorCount,
              });
            } catch (e) {
              if (!isRefusal(e)) throw e;
              const { code, message, path } = e.problem;
              outcome.forms.push({ ok: false, error: { code, message, ...(path ? { path } : {}) } });
            }
          }
          if (results.length === 0) {
            outcome.error = { code: 'no-forms', message: `文件“${part.filename}”中没有找到自评表。` };
          }
        }
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_FILES_LIMIT') {
          refuse('too-large', 'too-many-files', `一次最多导入 ${maxFiles} 个文件，请分批上传。`);
        }
        throw e;
      }
      if (files.length === 0) refuse('bad-request', 'file-required', '请至少选择一个要导入的文件。');
      const created = files.reduce((n, f) => n + f.forms.filter((x) => x.ok).length, 0);
      if (created > 0) reply.code(201);
      else if (files.every((f) => f.error?.code === 'too-large')) reply.code(413);
      else if (files.every((f) => f.error?.code === 'import-unavailable')) reply.code(501);
      else reply.code(422);
      return { files, created };
    },
  }),
];
