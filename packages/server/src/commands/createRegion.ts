/** The admin adds a region and names the scoring profile its units' forms are scored by. */
import type { Actor } from '../domain.ts';
import { findProfile } from '../evaluations/assess.ts';
import { newId } from '../ids.ts';
import { decideRegionAction } from '../policies/regions.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { findRegionByName, insertRegion, type Region } from '../store/repos/regions.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction, requiredText } from './common.ts';
import { enforce, refuse } from './problem.ts';

export interface CreateRegionInput {
  name: string;
  profileId: string;
}

export async function createRegion(db: Db, actor: Actor | null, input: CreateRegionInput): Promise<Region> {
  enforce(decideRegionAction('manage', actor));
  const name = requiredText(input.name, 'name', '地区名称', 100);
  const profileId = requiredText(input.profileId, 'profileId', '评分规则', 100);
  return inTransaction(db, async (trx) => {
    if (await findRegionByName(trx, name)) {
      refuse('conflict', 'region-exists', `地区“${name}”已存在。`, { path: 'name' });
    }
    if (!(await findProfile(trx, profileId))) {
      refuse('invalid', 'unknown-profile', `未知的评分规则“${profileId}”，请先上传该评分规则或选择已有的。`, {
        path: 'profileId',
      });
    }
    const region: Region = { id: newId(), name, profileId, createdAt: nowIso() };
    await insertRegion(trx, region);
    await recordEvent(trx, {
      actor,
      action: 'region.create',
      entityType: 'region',
      entityId: region.id,
      before: null,
      after: { name, profileId },
      at: region.createdAt,
    });
    return region;
  });
}
