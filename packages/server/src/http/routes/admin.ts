import { z } from 'zod';
import { createUnit } from '../../commands/createUnit.ts';
import { createUser } from '../../commands/createUser.ts';
import { enforce } from '../../commands/problem.ts';
import { ROLES, UNIT_KINDS } from '../../domain.ts';
import { decideReadAllAudit } from '../../policies/audit.ts';
import { unitScope } from '../../policies/units.ts';
import { decideUserAction } from '../../policies/users.ts';
import { listEvents } from '../../store/repos/audit.ts';
import { listUnits } from '../../store/repos/units.ts';
import { listUsers } from '../../store/repos/users.ts';
import { route } from '../route.ts';
import { auditView, unitView, userView } from '../views.ts';
import { pageOf, pageQuery } from './common.ts';

export const adminRoutes = [
  route({
    method: 'GET',
    url: '/api/units',
    tag: '单位与用户',
    summary: '单位列表',
    description: '管理员和财政复核人看到全部单位，单位用户只看到本单位。',
    auth: 'user',
    success: { status: 200, description: '单位' },
    handler: async ({ db, actor }) => {
      const scope = unitScope(actor);
      return { items: (await listUnits(db, scope.unitIds)).map(unitView) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/units',
    tag: '单位与用户',
    summary: '新建单位（管理员）',
    auth: 'user',
    bodyKind: 'json',
    body: z.object({
      name: z.string(),
      kind: z.enum(UNIT_KINDS).optional(),
      parentId: z.string().nullable().optional(),
      regionId: z.string().nullable().optional(),
    }),
    success: { status: 201, description: '新建的单位' },
    handler: async ({ db, actor, body, reply }) => {
      const unit = await createUnit(db, actor, body);
      reply.code(201);
      return unitView(unit);
    },
  }),
  route({
    method: 'GET',
    url: '/api/users',
    tag: '单位与用户',
    summary: '用户列表（管理员）',
    auth: 'user',
    query: z.object({ unit: z.string().optional() }),
    success: { status: 200, description: '用户（不含密码）' },
    handler: async ({ db, actor, query }) => {
      enforce(decideUserAction('list', actor));
      return { items: (await listUsers(db, query.unit ? { unitId: query.unit } : {})).map(userView) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/users',
    tag: '单位与用户',
    summary: '新建用户（管理员）',
    description:
      '单位负责人（approver）和单位填报人（filler）必须指定单位；密码至少 8 个字符，只保存其 scrypt 散列。',
    auth: 'user',
    bodyKind: 'json',
    body: z.object({
      username: z.string(),
      password: z.string(),
      displayName: z.string().optional(),
      role: z.enum(ROLES),
      unitId: z.string().nullable().optional(),
    }),
    success: { status: 201, description: '新建的用户' },
    handler: async ({ db, actor, body, reply }) => {
      const user = await createUser(db, actor, body);
      reply.code(201);
      return userView(user);
    },
  }),
  route({
    method: 'GET',
    url: '/api/audit',
    tag: '审计',
    summary: '全部审计记录（管理员）',
    description: '登录、账户、单位和各自评表的每一次修改，按发生顺序，含修改前后的内容。',
    auth: 'user',
    query: z.object({
      entityType: z.string().optional(),
      entityId: z.string().optional(),
      actor: z.string().optional(),
      action: z.string().max(100).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      ...pageQuery,
    }),
    success: { status: 200, description: '审计记录' },
    handler: async ({ db, actor, query }) => {
      enforce(decideReadAllAudit(actor));
      const events = await listEvents(
        db,
        {
          ...(query.entityType ? { entityType: query.entityType } : {}),
          ...(query.entityId ? { entityId: query.entityId } : {}),
          ...(query.actor ? { actorId: query.actor } : {}),
          ...(query.action ? { action: query.action } : {}),
          ...(query.order ? { order: query.order } : {}),
        },
        pageOf(query),
      );
      return { items: events.map(auditView), page: query.page, pageSize: query.pageSize };
    },
  }),
];
