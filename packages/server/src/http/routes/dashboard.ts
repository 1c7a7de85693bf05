import { z } from 'zod';
import { dashboardJson, UNITS_PAGE_SIZE, UNITS_PAGE_SIZE_MAX } from '../../queries/dashboard.ts';
import { pointsJson } from '../../queries/points.ts';
import { rawJson, route } from '../route.ts';

export const dashboardRoutes = [
  route({
    method: 'GET',
    url: '/api/dashboard',
    tag: '统计',
    summary: '年度概况',
    description: `按状态和等级的数量、总分和预算执行率的分布、各核验规则的触发次数、错误与警告总数，以及按单位名称分页的各单位情况（unitsPage、unitsPageSize，每页默认 ${UNITS_PAGE_SIZE}、至多 ${UNITS_PAGE_SIZE_MAX} 个单位；unitIds 以逗号分隔，只列这些单位）。范围与列表相同：单位用户只统计本单位。`,
    auth: 'user',
    query: z.object({
      year: z.coerce.number().int().optional(),
      unitsPage: z.coerce.number().int().min(1).optional(),
      unitsPageSize: z.coerce.number().int().min(1).max(UNITS_PAGE_SIZE_MAX).optional(),
      unitIds: z
        .string()
        .max(20_000)
        .transform((s) => s.split(',').filter((id) => id !== ''))
        .pipe(z.array(z.string()).max(UNITS_PAGE_SIZE_MAX))
        .optional(),
    }),
    success: { status: 200, description: '概况' },
    handler: async ({ db, actor, query }) =>
      rawJson(
        await dashboardJson(db, actor, {
          year: query.year ?? null,
          ...(query.unitsPage ? { unitsPage: query.unitsPage } : {}),
          ...(query.unitsPageSize ? { unitsPageSize: query.unitsPageSize } : {}),
          ...(query.unitIds ? { unitIds: query.unitIds } : {}),
        }),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/dashboard/points',
    tag: '统计',
    summary: '总分与执行率散点',
    description:
      '年度每份有总分和预算执行率的自评表一行：[编号, 单位名称, 项目名称（部门整体支出为 null）, 总分, 预算执行率, 等级]，按单位名称、项目名称排序；unplaced 为缺总分或执行率、未列出的表数，count 为全部表数。数值与列表相同（执行率为小数，1 即 100%）。范围与列表相同：单位用户只看本单位。',
    auth: 'user',
    query: z.object({ year: z.coerce.number().int().optional() }),
    success: { status: 200, description: '散点' },
    handler: async ({ db, actor, query }) => rawJson(await pointsJson(db, actor, query.year ?? null)),
  }),
];
