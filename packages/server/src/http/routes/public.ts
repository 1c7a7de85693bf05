import { z } from 'zod';
import { publishedEvaluation, publishedList } from '../../queries/public.ts';
import { route } from '../route.ts';
import { snapshotSummaryView, snapshotView } from '../views.ts';
import { idParams, pageOf, pageQuery } from './common.ts';

export const publicRoutes = [
  route({
    method: 'GET',
    url: '/api/public/evaluations',
    tag: '公开',
    summary: '已公开的自评表（无需登录）',
    description: '每张表只列出最近一次公开的快照。',
    auth: 'public',
    query: z.object({
      year: z.coerce.number().int().optional(),
      unit: z.string().max(100).optional(),
      kind: z.enum(['department', 'project']).optional(),
      ...pageQuery,
    }),
    success: { status: 200, description: '{items, total, page, pageSize}' },
    handler: async ({ db, query }) => {
      const r = await publishedList(
        db,
        {
          ...(query.year !== undefined ? { year: query.year } : {}),
          ...(query.unit ? { unitName: query.unit } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
        },
        pageOf(query),
      );
      return {
        items: r.items.map(snapshotSummaryView),
        total: r.total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/public/evaluations/:id',
    tag: '公开',
    summary: '一张已公开的自评表（无需登录）',
    description: '公开时冻结的内容、得分和核验结果；公开后再修改草稿不会改变它，直到再次公开。',
    auth: 'public',
    params: idParams,
    success: { status: 200, description: '公开快照' },
    handler: async ({ db, params }) => snapshotView(await publishedEvaluation(db, params.id)),
  }),
];
