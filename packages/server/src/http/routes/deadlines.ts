/** Deadlines per year and stage: everyone signed in reads them; the reviewer or admin sets them. */
import { z } from 'zod';
import { enforce } from '../../commands/problem.ts';
import { setDeadline } from '../../commands/setDeadline.ts';
import { decideDeadlineAction } from '../../policies/deadlines.ts';
import { type Deadline, listDeadlines } from '../../store/repos/deadlines.ts';
import { route } from '../route.ts';

function deadlineView(d: Deadline) {
  return {
    year: d.year,
    stage: d.stage,
    due: d.due,
    note: d.note,
    updatedBy: d.updatedBy,
    updatedAt: d.updatedAt,
  };
}

export const deadlineRoutes = [
  route({
    method: 'GET',
    url: '/api/deadlines',
    tag: '截止日期',
    summary: '截止日期',
    description:
      '财政部门设置的各年度、各填报阶段（targets 绩效目标申报、self-evaluation 绩效自评）的截止日期，按日期先后；不给 year 时列出所有年度。',
    auth: 'user',
    query: z.object({ year: z.coerce.number().int().optional() }),
    success: { status: 200, description: '{items: [{year, stage, due, note, updatedBy, updatedAt}]}' },
    handler: async ({ db, actor, query }) => {
      enforce(decideDeadlineAction('read', actor));
      return { items: (await listDeadlines(db, query.year ?? null)).map(deadlineView) };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/deadlines/:year/:stage',
    tag: '截止日期',
    summary: '设置截止日期（复核人、管理员）',
    description:
      'due 为 YYYY-MM-DD 的日期（当天仍可提交）；note 为可选说明。已有则替换。记入审计日志（deadline.set）。',
    auth: 'user',
    params: z.object({ year: z.coerce.number().int(), stage: z.string().min(1).max(40) }),
    bodyKind: 'json',
    body: z.object({ due: z.string().max(40), note: z.string().max(2000).nullable().optional() }),
    success: { status: 200, description: '设置后的截止日期' },
    handler: async ({ db, actor, params, body }) =>
      deadlineView(await setDeadline(db, actor, { year: params.year, stage: params.stage, ...body })),
  }),
];
