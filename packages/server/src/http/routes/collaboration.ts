import type {} from '@fastify/multipart';
import { z } from 'zod';
import { addAttachment, formatSize } from '../../commands/addAttachment.ts';
import { addComment } from '../../commands/addComment.ts';
import { approveAdjustment } from '../../commands/approveAdjustment.ts';
import { refuse } from '../../commands/problem.ts';
import { rejectAdjustment } from '../../commands/rejectAdjustment.ts';
import { requestAdjustment } from '../../commands/requestAdjustment.ts';
import {
  attachmentContent,
  evaluationAdjustments,
  evaluationAttachments,
  evaluationComments,
} from '../../queries/evaluations.ts';
import { attachmentDisposition } from '../content-disposition.ts';
import { route } from '../route.ts';
import { adjustmentView, attachmentView, commentView } from '../views.ts';
import { idParams } from './common.ts';

export const collaborationRoutes = [
  route({
    method: 'GET',
    url: '/api/evaluations/:id/comments',
    tag: '批注与附件',
    summary: '批注',
    auth: 'user',
    params: idParams,
    success: { status: 200, description: '批注（按时间顺序）' },
    handler: async ({ db, actor, params }) => ({
      items: (await evaluationComments(db, actor, params.id)).map(commentView),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/evaluations/:id/comments',
    tag: '批注与附件',
    summary: '添加批注',
    description:
      'path 指向自评表中的位置（如 indicators[3].target、totalReported），空为全表；该位置必须存在。',
    auth: 'user',
    params: idParams,
    bodyKind: 'json',
    body: z.object({ path: z.string().max(200).optional(), body: z.string() }),
    success: { status: 201, description: '新批注' },
    handler: async ({ db, actor, params, body, reply }) => {
      const c = await addComment(db, actor, {
        evaluationId: params.id,
        body: body.body,
        ...(body.path ? { path: body.path } : {}),
      });
      reply.code(201);
      return commentView(c);
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluations/:id/attachments',
    tag: '批注与附件',
    summary: '附件列表',
    auth: 'user',
    params: idParams,
    success: { status: 200, description: '附件（不含内容）' },
    handler: async ({ db, actor, params }) => ({
      items: (await evaluationAttachments(db, actor, params.id)).map(attachmentView),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/evaluations/:id/attachments',
    tag: '批注与附件',
    summary: '上传附件（证明材料）',
    description: 'multipart/form-data，一个文件字段 file；超过大小上限返回 413。',
    auth: 'user',
    params: idParams,
    bodyKind: 'multipart',
    success: { status: 201, description: '附件信息' },
    handler: async ({ db, actor, params, request, reply, settings }) => {
      const limit = settings.attachmentLimit;
      const file = await request.file({ limits: { fileSize: limit, files: 1 } });
      if (!file)
        refuse('bad-request', 'file-required', '请选择要上传的文件（表单字段 file）。', { path: 'file' });
      const tooLarge = () =>
        refuse(
          'too-large',
          'attachment-too-large',
          `附件“${file.filename}”超过了 ${formatSize(limit)} 的上限。请压缩或拆分后再上传。`,
          { path: 'file', details: { limit } },
        );
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') tooLarge();
        throw e;
      }
      // Depending on the options the stream is cut at the limit instead of failing; same answer.
      if (file.file.truncated) tooLarge();
      const meta = await addAttachment(
        db,
        actor,
        { evaluationId: params.id, filename: file.filename, mediaType: file.mimetype, content },
        { maxBytes: limit },
      );
      reply.code(201);
      return attachmentView(meta);
    },
  }),
  route({
    method: 'GET',
    url: '/api/attachments/:id',
    tag: '批注与附件',
    summary: '下载附件',
    description: '总是作为下载（Content-Disposition: attachment）返回，不在本站页面中打开。',
    auth: 'user',
    params: idParams,
    success: { status: 200, description: '文件内容', contentType: 'application/octet-stream' },
    handler: async ({ db, actor, params, reply }) => {
      const a = await attachmentContent(db, actor, params.id);
      // Served as a download, never rendered: an uploaded HTML file cannot run in our origin.
      reply
        .header('Content-Type', 'application/octet-stream')
        .header('Content-Disposition', attachmentDisposition('attachment', a.filename));
      return a.content;
    },
  }),
  route({
    method: 'GET',
    url: '/api/evaluations/:id/adjustments',
    tag: '绩效目标',
    summary: '目标调整申请',
    description: '绩效目标申报表或依据它建立的自评表上的目标调整申请，含理由和审核结果。',
    auth: 'user',
    params: idParams,
    success: { status: 200, description: '目标调整申请' },
    handler: async ({ db, actor, params }) => ({
      items: (await evaluationAdjustments(db, actor, params.id)).map(adjustmentView),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/evaluations/:id/adjustments',
    tag: '绩效目标',
    summary: '申请目标调整（单位）',
    description:
      '对已批复的绩效目标（或依据它建立的自评表）提出调整：{reason, document}，document 为调整后的标准 JSON（使用其中的年度目标和绩效指标）。经财政复核人批准后生效。',
    auth: 'user',
    params: idParams,
    bodyKind: 'json',
    body: z.object({ reason: z.string(), document: z.unknown() }),
    success: { status: 201, description: '目标调整申请' },
    handler: async ({ db, actor, params, body, reply }) => {
      const a = await requestAdjustment(db, actor, {
        evaluationId: params.id,
        reason: body.reason,
        document: body.document,
      });
      reply.code(201);
      return adjustmentView(a);
    },
  }),
  route({
    method: 'POST',
    url: '/api/adjustments/:id/approve',
    tag: '绩效目标',
    summary: '批准目标调整（财政复核人）',
    description:
      '绩效目标生成新的批复版本；依据它建立的自评表（须为草稿）随之更新目标，已填写的实际完成值保留。',
    auth: 'user',
    params: idParams,
    bodyKind: 'json',
    body: z.object({ note: z.string().optional() }),
    success: { status: 200, description: '审核后的申请' },
    handler: async ({ db, actor, params, body }) =>
      adjustmentView(await approveAdjustment(db, actor, { id: params.id, note: body.note ?? null })),
  }),
  route({
    method: 'POST',
    url: '/api/adjustments/:id/reject',
    tag: '绩效目标',
    summary: '驳回目标调整（财政复核人）',
    auth: 'user',
    params: idParams,
    bodyKind: 'json',
    body: z.object({ note: z.string() }),
    success: { status: 200, description: '审核后的申请' },
    handler: async ({ db, actor, params, body }) =>
      adjustmentView(await rejectAdjustment(db, actor, { id: params.id, note: body.note })),
  }),
];
