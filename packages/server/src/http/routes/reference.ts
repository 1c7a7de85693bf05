/** Regions and scoring profiles: the built-in profiles, the ones an admin uploads, and units' regions. */
import { getProfile, listProfiles, type Profile, parseProfile } from '@jixiao/core';
import { z } from 'zod';
import { assignUnitRegion } from '../../commands/assignUnitRegion.ts';
import { createProfile } from '../../commands/createProfile.ts';
import { createRegion } from '../../commands/createRegion.ts';
import { enforce, refuse } from '../../commands/problem.ts';
import { findProfile } from '../../evaluations/assess.ts';
import { decideRegionAction } from '../../policies/regions.ts';
import { listStoredProfiles } from '../../store/repos/profiles.ts';
import { listRegions, type Region } from '../../store/repos/regions.ts';
import { route } from '../route.ts';
import { unitView } from '../views.ts';
import { idParams } from './common.ts';

function profileSummary(p: Profile, builtIn: boolean) {
  return {
    id: p.id,
    name: p.name,
    region: p.region,
    budgetWeight: p.budgetWeight,
    indicatorTotal: p.indicatorTotal,
    layout: p.layout,
    builtIn,
  };
}

function regionView(r: Region) {
  return { id: r.id, name: r.name, profileId: r.profileId, createdAt: r.createdAt };
}

export const referenceRoutes = [
  route({
    method: 'GET',
    url: '/api/profiles',
    tag: '地区与评分规则',
    summary: '评分规则',
    description: '内置的评分规则（湖北、全国、四川等）和管理员上传的地区评分规则，供新建自评表和地区时选择。',
    auth: 'public',
    success: {
      status: 200,
      description: '{items: [{id, name, region, budgetWeight, indicatorTotal, layout, builtIn}]}',
    },
    handler: async ({ db }) => {
      const stored = (await listStoredProfiles(db)).flatMap((s) => {
        const parsed = parseProfile(s.data);
        return parsed.ok ? [profileSummary(parsed.profile, false)] : [];
      });
      return { items: [...listProfiles().map((p) => profileSummary(p, true)), ...stored] };
    },
  }),
  route({
    method: 'GET',
    url: '/api/profiles/:id',
    tag: '地区与评分规则',
    summary: '一个评分规则的全部内容',
    description: '权重、计分公式、定性档次、等级线、核验设置（已并入共用的默认设置）。',
    auth: 'public',
    params: idParams,
    success: { status: 200, description: '评分规则，另有 builtIn' },
    handler: async ({ db, params }) => {
      const profile = await findProfile(db, params.id);
      if (!profile) refuse('not-found', 'unknown-profile', `没有 id 为“${params.id}”的评分规则。`);
      return { ...profile, builtIn: getProfile(params.id) !== undefined };
    },
  }),
  route({
    method: 'POST',
    url: '/api/profiles',
    tag: '地区与评分规则',
    summary: '上传地区评分规则（管理员）',
    description:
      '请求体是一个评分规则 JSON（与内置规则同一结构，由 core 的 profileSchema 校验）；id 只能含小写字母、数字和连字符，不能与已有规则重复。上传后不可替换。',
    auth: 'user',
    bodyKind: 'json',
    body: z.record(z.string(), z.unknown()),
    success: { status: 201, description: '上传的评分规则' },
    handler: async ({ db, actor, body, reply }) => {
      const { profile } = await createProfile(db, actor, body);
      reply.code(201);
      return { ...profile, builtIn: false };
    },
  }),
  route({
    method: 'GET',
    url: '/api/regions',
    tag: '地区与评分规则',
    summary: '地区列表',
    description:
      '每个地区及其评分规则；单位属于某地区时，其新建的自评表若未指定评分规则，按该地区的规则计分。',
    auth: 'user',
    success: { status: 200, description: '{items: [{id, name, profileId, createdAt}]}' },
    handler: async ({ db, actor }) => {
      enforce(decideRegionAction('read', actor));
      return { items: (await listRegions(db)).map(regionView) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/regions',
    tag: '地区与评分规则',
    summary: '新建地区（管理员）',
    auth: 'user',
    bodyKind: 'json',
    body: z.object({ name: z.string(), profileId: z.string() }),
    success: { status: 201, description: '新建的地区' },
    handler: async ({ db, actor, body, reply }) => {
      const region = await createRegion(db, actor, body);
      reply.code(201);
      return regionView(region);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/units/:id/region',
    tag: '地区与评分规则',
    summary: '设置单位所属地区（管理员）',
    description:
      '此后该单位新建的、未指定评分规则的自评表按地区的规则计分；已保存的自评表不变。regionId 为 null 表示不属于任何地区。',
    auth: 'user',
    params: idParams,
    bodyKind: 'json',
    body: z.object({ regionId: z.string().nullable() }),
    success: { status: 200, description: '单位' },
    handler: async ({ db, actor, params, body }) =>
      unitView(await assignUnitRegion(db, actor, { unitId: params.id, regionId: body.regionId })),
  }),
];
