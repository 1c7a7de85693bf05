import { z } from 'zod';
import { dashboard } from '../../queries/dashboard.ts';
import { route } from '../route.ts';

export const dashboardRoutes = [
  route({
    method: 'GET',
    url: '/api/dashboard',
    tag: '统计',
    summary: '年度概况',
    description:
      '按状态和等级的数量、总分和预算执行率的分布、各核验规则的触发次数、各单位的情况。范围与列表相同：单位用户只统计本单位。',
    auth: 'user',
    query: z.object({ year: z.coerce.number().int().optional() }),
    success: { status: 200, description: '概况' },
    handler: async ({ db, actor, query }) => dashboard(db, actor, query.year ?? null),
  }),
];
