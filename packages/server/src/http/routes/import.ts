/**
 * Importing published forms from files (xlsx, docx, pdf, html, csv, text). Reading and
 * extraction are @jixiao/formats' `importBytes`; each form found becomes a draft like one made
 * with `POST /api/evaluations`, with no approved targets behind it. The importer is loaded on
 * the first import, so starting a server does not pay for the readers (PDF, zip, XML).
 */
import type {} from '@fastify/multipart';
import type { Finding, ImportInfo } from '@jixiao/core';
import type { importBytes, ReadError } from '@jixiao/formats';
import { z } from 'zod';
import { formatSize } from '../../commands/addAttachment.ts';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { isRefusal, refuse } from '../../commands/problem.ts';
import { route } from '../route.ts';

interface Importer {
  importBytes: typeof importBytes;
  ReadError: typeof ReadError;
}

let importer: Promise<Importer> | null = null;

function loadImporter(): Promise<Importer> {
  importer ??= import('@jixiao/formats').then((m) => ({
    importBytes: m.importBytes,
    ReadError: m.ReadError,
  }));
  return importer;
}

interface ProblemView {
  code: string;
  message: string;
  /** the file (and place) the importer was reading */
  where?: string;
  /** the field of the form at fault */
  path?: string;
}

type FormOutcome =
  | {
      ok: true;
      id: string;
      status: 'draft';
      unit: { id: string; name: string };
      kind: 'department' | 'project';
      year: number | null;
      project: string | null;
      profile: string;
      total: number | null;
      grade: string | null;
      errorCount: number;
      warningCount: number;
      /** always false: an imported form was not made from approved targets */
      targetsApproved: false;
      /** the template recognised, and what the importer repaired or doubts, cell by cell */
      import: { layout: string; repairs: ImportInfo['repairs']; warnings: ImportInfo['warnings'] };
      findings: Finding[];
    }
  | { ok: false; error: ProblemView };

interface FileOutcome {
  file: string;
  size: number;
  forms: FormOutcome[];
  /** the file as a whole could not be read (too large, damaged, not a document …) */
  error?: ProblemView;
}

export const importRoutes = [
  route({
    method: 'POST',
    url: '/api/evaluations/import',
    tag: '自评表',
    summary: '从文件导入（一个或多个）',
    description:
      'multipart/form-data，一个或多个文件字段（xlsx、docx、pdf、html、csv、md、txt）。每个文件可含多张表，逐一报告结果：' +
      '导入的表成为调用者所在单位的草稿，标明没有经批复的绩效目标，并列出导入时的修复、疑点和复核发现。' +
      '所有文件都超过大小上限，或文件数超过上限，返回 413；没有任何一张表导入成功返回 422，并逐个说明原因。' +
      '?unit=<单位id> 指定单位；财政复核人未指定单位时按表中的单位名称匹配，未建立的单位自动新建。',
    auth: 'user',
    query: z.object({ unit: z.string().optional() }),
    bodyKind: 'multipart',
    success: {
      status: 201,
      description:
        '{created, files: [{file, size, forms: [{ok, id, unit, …, import: {layout, repairs, warnings}, findings} | {ok: false, error}], error?}]}',
    },
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
              where: part.filename,
            };
            continue;
          }
          const { importBytes, ReadError } = await loadImporter();
          let results: Awaited<ReturnType<typeof importBytes>>;
          try {
            results = await importBytes(bytes, part.filename, { limits: { maxBytes } });
          } catch (e) {
            if (e instanceof ReadError) {
              outcome.error = { code: e.code, message: e.message, where: part.filename };
            } else {
              // The importer's own defect: say so for this file and go on with the others,
              // whose forms may already be saved.
              request.log.error(e);
              outcome.error = {
                code: 'import-failed',
                message: `读取文件“${part.filename}”时导入程序出错，未导入。这是本系统的缺陷，请将该文件提供给管理员。`,
                where: part.filename,
              };
            }
            continue;
          }
          if (results.length === 0) {
            outcome.error = {
              code: 'no-forms',
              message: `文件“${part.filename}”中没有找到自评表。`,
              where: part.filename,
            };
          }
          for (const r of results) {
            if ('error' in r) {
              outcome.forms.push({ ok: false, error: r.error });
              continue;
            }
            try {
              const created = await createEvaluation(db, actor, {
                document: r.evaluation,
                ...(query.unit ? { unitId: query.unit } : {}),
                createMissingUnit: true,
              });
              const e = created.evaluation;
              const info = r.evaluation.import;
              outcome.forms.push({
                ok: true,
                id: e.id,
                status: 'draft',
                unit: { id: e.unitId, name: e.unitName },
                kind: e.kind,
                year: e.year,
                project: e.project,
                profile: e.profile,
                total: e.total === null ? null : Number(e.total),
                grade: e.grade,
                errorCount: e.errorCount,
                warningCount: e.warningCount,
                targetsApproved: false,
                import: {
                  layout: info?.layout ?? 'generic',
                  repairs: info?.repairs ?? [],
                  warnings: info?.warnings ?? [],
                },
                findings: created.written.findings,
              });
            } catch (e) {
              if (!isRefusal(e)) throw e;
              const { code, message, path } = e.problem;
              outcome.forms.push({ ok: false, error: { code, message, ...(path ? { path } : {}) } });
            }
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
      else reply.code(422);
      return { created, files };
    },
  }),
];
