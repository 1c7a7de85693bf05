import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { acceptEvaluation } from '../../commands/acceptEvaluation.ts';
import { approveEvaluation } from '../../commands/approveEvaluation.ts';
import { approveTargets } from '../../commands/approveTargets.ts';
import { allowedEvaluation, evaluationFor } from '../../commands/common.ts';
import { createEvaluation } from '../../commands/createEvaluation.ts';
import { declareTargets } from '../../commands/declareTargets.ts';
import { deleteDraft } from '../../commands/deleteDraft.ts';
import { publishEvaluation } from '../../commands/publishEvaluation.ts';
import { returnEvaluation } from '../../commands/returnEvaluation.ts';
import { saveEvaluation } from '../../commands/saveEvaluation.ts';
import { submitEvaluation } from '../../commands/submitEvaluation.ts';
import { type Actor, STAGES, STATUSES } from '../../domain.ts';
import type { WrittenVersion } from '../../evaluations/persist.ts';
import { evaluationScope } from '../../policies/evaluations.ts';
import { jsonCache, keptUntilNextWrite } from '../../queries/cache.ts';
import {
  detailJsonOf,
  evaluationAudit,
  evaluationDetail,
  evaluationList,
  versionDetail,
  versionDiff,
  versionList,
} from '../../queries/evaluations.ts';
import type { EvaluationRecord } from '../../store/repos/evaluations.ts';
import { storedFinding } from '../../store/repos/findings.ts';
import { listSnapshots } from '../../store/repos/snapshots.ts';
import type { Db } from '../../store/schema.ts';
import { attachmentDisposition } from '../content-disposition.ts';
import { type AnyRoute, rawJson, route } from '../route.ts';
import { auditView, etagOf, evaluationDetailJson, evaluationSummaryView } from '../views.ts';
import { booleanQuery, idParams, pageOf, pageQuery, versionFromIfMatch } from './common.ts';

const KINDS = ['department', 'project'] as const;

// Forms being worked on are read again and again (the editor, the review page, after every
// save); a form's answer is about 25 KB of JSON.
const details = jsonCache(64 * 1024 * 1024);

// A list page is what everyone opens first, and a province's unfiltered list counts and sorts all
// its forms (17 ms at 100,000 on SQLite): kept like the dashboard, until the next write anywhere
// (the change counter, store/repos/changes.ts). A page of 20 is about 10 KB.
const lists = jsonCache(16 * 1024 * 1024);

/**
 * The form's answer. `target` is its id, or the record already read: the one a command has just
 * committed (what its transaction read last, the version this request wrote) or the one read
 * with the session (null: there is no such form). Either is decided on like a fresh reading.
 */
async function sendDetail(
  db: Db,
  actor: Actor | null,
  target: string | EvaluationRecord | null,
  reply: FastifyReply,
  /** the version a command has just written: the answer is made from it, not read back */
  written?: WrittenVersion,
) {
  const record =
    typeof target === 'string'
      ? await evaluationFor(db, actor, target, 'read')
      : allowedEvaluation(actor, target, 'read');
  const id = record.id;
  reply.header('ETag', etagOf(record.version));
  // the row is the stamp: every change to the form (a version, a transition, publishing) moves
  // it on, and the rest of the answer (versions, findings, snapshots) only grows with it
  const stamp = JSON.stringify(record);
  return rawJson(
    await details.get(db, id, stamp, async () =>
      evaluationDetailJson(
        written && written.version === record.version
          ? {
              record,
              documentJson: written.documentJson,
              scoreJson: written.scoreJson,
              findings: written.findings.map(storedFinding),
              snapshots: await listSnapshots(db, id),
            }
          : await detailJsonOf(db, record),
      ),
    ),
  );
}

type Step = (db: Db, actor: Actor | null, input: { id: string }) => Promise<EvaluationRecord>;

const STEPS: { path: string; summary: string; description: string; run: Step }[] = [
  {
    path: 'submit',
    summary: '提交（单位填报人）',
    description: '草稿 → 已提交，交单位负责人审核。',
    run: submitEvaluation,
  },
  {
    path: 'approve',
    summary: '单位审核通过（单位负责人）',
    description: '已提交 → 已审核，交财政复核。',
    run: approveEvaluation,
  },
  {
    path: 'accept',
    summary: '复核通过（财政复核人）',
    description: '已审核 → 已复核通过。',
    run: acceptEvaluation,
  },
  {
    path: 'publish',
    summary: '公开（财政复核人）',
    description: '已复核通过 → 已公开：冻结当前版本、得分和核验结果为公开快照，之后的修改不影响它。',
    run: publishEvaluation,
  },
  {
    path: 'declare',
    summary: '申报绩效目标（单位）',
    description: '绩效目标申报表：草稿 → 已申报，交财政复核人批复。',
    run: declareTargets,
  },
  {
    path: 'approve-targets',
    summary: '批复绩效目标（财政复核人）',
    description: '绩效目标申报表：已申报 → 目标已批复；之后可据此新建自评表，目标值和分值锁定。',
    run: approveTargets,
  },
];

const stepRoutes: AnyRoute[] = STEPS.map((s) =>
  route({
    method: 'POST',
    url: `/api/evaluations/:id/${s.path}`,
    tag: '审核流程',
    summary: s.summary,
    description: s.description,
    auth: 'user',
    params: idParams,
    bodyKind: 'none',
    success: { status: 200, description: '变更后的自评表' },
    handler: async ({ db, actor, params, reply }) => {
      return sendDetail(db, actor, await s.run(db, actor, { id: params.id }), reply);
    },
  }),
);

const EXPORT_CONTENT = {
  json: { ext: '.json', type: 'application/json; charset=utf-8' },
  xlsx: { ext: '.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  docx: { ext: '.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  pdf: { ext: '.pdf', type: 'application/pdf' },
  md: { ext: '.md', type: 'text/markdown; charset=utf-8' },
  csv: { ext: '.csv', type: 'text/csv; charset=utf-8' },
  html: { ext: '.html', type: 'text/html; charset=utf-8' },
} as const;

export const evaluationRoutes = [
  route({
    method: 'GET',
    url: '/api/evaluations',
    tag: '自评表',
    summary: '自评表列表',
    description:
      '单位用户只看到本单位的表；财政复核人和管理员看到全部。可按年度、单位、类型、状态、等级、是否有错误筛选，分页。',
    auth: 'user',
    query: z.object({
      year: z.coerce.number().int().optional(),
      unit: z.string().optional(),
      kind: z.enum(KINDS).optional(),
      stage: z.enum(STAGES).optional(),
      status: z.enum(STATUSES).optional(),
      grade: z.string().optional(),
      hasErrors: booleanQuery.optional(),
      q: z.string().max(100).optional(),
      returned: booleanQuery.optional(),
      pendingAdjustment: booleanQuery.optional(),
      ...pageQuery,
    }),
    success: { status: 200, description: '{items, total, page, pageSize}' },
    handler: async ({ db, actor, query }) => {
      const filter = {
        ...(query.year !== undefined ? { year: query.year } : {}),
        ...(query.unit ? { unitId: query.unit } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.stage ? { stage: query.stage } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.grade ? { grade: query.grade } : {}),
        ...(query.hasErrors !== undefined ? { hasErrors: query.hasErrors } : {}),
        ...(query.q ? { text: query.q } : {}),
        ...(query.returned ? { returned: true } : {}),
        ...(query.pendingAdjustment ? { pendingAdjustment: true } : {}),
      };
      const page = pageOf(query);
      const key = JSON.stringify({ scope: evaluationScope(actor).unitIds ?? null, filter, page });
      return rawJson(
        await keptUntilNextWrite(lists, db, key, async () => {
          const r = await evaluationList(db, actor, filter, page);
          return JSON.stringify({
            items: r.items.map(evaluationSummaryView),
            total: r.total,
            page: query.page,
            pageSize: query.pageSize,
          });
        }),
      );
    },
  }),
  route({
    method: 'POST',
    url: '/api/evaluations',
    tag: '自评表',
    summary: '新建自评表或绩效目标申报表',
    description:
      '请求体为标准 JSON 自评表（见 components.schemas.Evaluation）。?stage=targets 新建绩效目标申报表；' +
      '?fromTargets=<id>（无请求体）依据已批复的绩效目标新建自评表，目标值和分值随之锁定。' +
      '?unit=<单位id> 指定单位（默认为本人所在单位；财政复核人可按自评表中的单位名称匹配）。',
    auth: 'user',
    query: z.object({
      unit: z.string().optional(),
      stage: z.enum(STAGES).optional(),
      fromTargets: z.string().optional(),
    }),
    bodyKind: 'document',
    success: { status: 201, description: '新建的自评表（含得分与核验结果），ETag 为其版本' },
    handler: async ({ db, actor, query, body, reply }) => {
      const created = query.fromTargets
        ? await createEvaluation(db, actor, { fromTargets: query.fromTargets })
        : await createEvaluation(db, actor, {
            document: body,
            ...(query.stage ? { stage: query.stage } : {}),
            ...(query.unit ? { unitId: query.unit } : {}),
          });
      reply.code(201).header('Location', `/api/evaluations/${created.evaluation.id}`);
      return sendDetail(db, actor, created.evaluation, reply, created.written);
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluations/:id',
    tag: '自评表',
    summary: '读取自评表',
    description:
      '标准 JSON、版本、状态、得分（含每项的计算说明）和核验结果；ETag 为当前版本，保存时放入 If-Match。',
    auth: 'user',
    params: idParams,
    success: { status: 200, description: '自评表' },
    prefetch: 'evaluation',
    handler: async ({ db, actor, params, reply, prefetched }) =>
      sendDetail(db, actor, prefetched ? prefetched.evaluation : params.id, reply),
  }),
  route({
    method: 'PUT',
    url: '/api/evaluations/:id',
    tag: '自评表',
    summary: '保存自评表（新版本）',
    description:
      '必须带 If-Match: 读取时的 ETag。若他人已保存了更新的版本，返回 409（error.currentVersion 为当前版本），' +
      '您的修改不会写入，也不会覆盖他人的修改。依据批复目标建立的自评表不能修改目标值和分值（422 targets-locked）。',
    auth: 'user',
    params: idParams,
    bodyKind: 'document',
    success: { status: 200, description: '保存后的自评表，ETag 为新版本' },
    handler: async ({ db, actor, params, body, request, reply }) => {
      const expectedVersion = versionFromIfMatch(request.headers['if-match']);
      const saved = await saveEvaluation(db, actor, { id: params.id, expectedVersion, document: body });
      return sendDetail(db, actor, saved.evaluation, reply, saved.written);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/evaluations/:id',
    tag: '自评表',
    summary: '删除草稿',
    description:
      '本单位的填报人或单位负责人删除本单位的草稿（自评表或绩效目标申报表），连同其版本、核验结果、批注和附件；' +
      '审计记录保留（evaluation.delete）。不是草稿的、曾经公开过的、有目标调整或已被自评表引用的不能删除（409）。',
    auth: 'user',
    params: idParams,
    bodyKind: 'none',
    success: { status: 204, description: '已删除' },
    handler: async ({ db, actor, params }) => {
      await deleteDraft(db, actor, { id: params.id });
      return undefined;
    },
  }),
  ...stepRoutes,
  route({
    method: 'POST',
    url: '/api/evaluations/:id/return',
    tag: '审核流程',
    summary: '退回（附意见）',
    description:
      '单位负责人可退回已提交的表；财政复核人可退回已审核、已复核通过或已公开的表，以及已申报的绩效目标。退回后为草稿，意见保存为批注。' +
      '请求体 {comments: [{path, body}]}（path 如 indicators[3].actual，空为全表），或简写 {reason}。',
    auth: 'user',
    params: idParams,
    bodyKind: 'json',
    body: z.object({
      comments: z.array(z.object({ path: z.string().max(200).optional(), body: z.string() })).optional(),
      reason: z.string().optional(),
    }),
    success: { status: 200, description: '退回后的自评表' },
    handler: async ({ db, actor, params, body, reply }) => {
      const comments = [...(body.comments ?? []), ...(body.reason ? [{ path: '', body: body.reason }] : [])];
      return sendDetail(db, actor, await returnEvaluation(db, actor, { id: params.id, comments }), reply);
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluations/:id/versions',
    tag: '版本与审计',
    summary: '历次保存的版本',
    auth: 'user',
    params: idParams,
    success: { status: 200, description: '版本（新的在前）' },
    handler: async ({ db, actor, params }) => ({
      items: (await versionList(db, actor, params.id)).map((v) => ({
        ...v,
        total: v.total === null ? null : Number(v.total),
      })),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/evaluations/:id/versions/:version',
    tag: '版本与审计',
    summary: '某一版本的内容',
    auth: 'user',
    params: z.object({ id: z.string().min(1).max(100), version: z.coerce.number().int().min(1) }),
    success: { status: 200, description: '该版本的标准 JSON、得分和核验结果' },
    handler: async ({ db, actor, params }) => {
      const v = await versionDetail(db, actor, params.id, params.version);
      return {
        version: v.version,
        createdAt: v.createdAt,
        createdBy: { id: v.createdBy, name: v.createdByName },
        total: v.total === null ? null : Number(v.total),
        grade: v.grade,
        evaluation: v.document,
        score: v.score,
        findings: v.findings,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluations/:id/diff',
    tag: '版本与审计',
    summary: '两个版本的差异',
    description: '逐字段列出 from 版到 to 版的变化：{path, before, after}。',
    auth: 'user',
    params: idParams,
    query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
    success: { status: 200, description: '{from, to, changes}' },
    handler: async ({ db, actor, params, query }) => versionDiff(db, actor, params.id, query.from, query.to),
  }),
  route({
    method: 'GET',
    url: '/api/evaluations/:id/audit',
    tag: '版本与审计',
    summary: '自评表的审计记录',
    description: '谁、何时、做了什么，修改前后各是什么：保存、状态变更、批注、附件、目标调整。',
    auth: 'user',
    params: idParams,
    success: { status: 200, description: '审计记录（按发生顺序）' },
    handler: async ({ db, actor, params }) => ({
      items: (await evaluationAudit(db, actor, params.id)).map(auditView),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/evaluations/:id/export',
    tag: '自评表',
    summary: '导出',
    description:
      '按评分规则对应的官方版式导出：xlsx、pdf（由 Chromium 打印）、docx、md、csv、html，或标准 JSON（format=json）。',
    auth: 'user',
    params: idParams,
    query: z.object({ format: z.enum(['json', 'xlsx', 'docx', 'pdf', 'md', 'csv', 'html']).default('json') }),
    success: { status: 200, description: '文件', contentType: 'application/octet-stream' },
    handler: async ({ db, actor, params, query, reply, settings }) => {
      const d = await evaluationDetail(db, actor, params.id);
      const name = [d.record.year, d.record.unitName, d.record.project].filter((x) => x !== null).join('-');
      const ext = EXPORT_CONTENT[query.format].ext;
      reply
        .header('Content-Type', EXPORT_CONTENT[query.format].type)
        .header('Content-Disposition', attachmentDisposition(`evaluation${ext}`, `${name}${ext}`));
      if (query.format === 'json') return JSON.stringify(d.document, null, 2);
      // The writers load exceljs and Chromium's driver; only requests that export pay for them.
      const { exportEvaluation } = await import('@jixiao/formats');
      return Buffer.from(
        await exportEvaluation(d.document, query.format, settings.pdf ? { pdf: settings.pdf } : {}),
      );
    },
  }),
];
