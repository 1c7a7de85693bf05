/**
 * The admin uploads a region's own scoring profile as JSON. It must pass core's profile schema
 * and may not take the id of a built-in or an existing profile: forms already scored by a
 * profile keep meaning what they meant, so a profile is never replaced.
 */
import { getProfile, type Profile, parseProfile } from '@jixiao/core';
import type { Actor } from '../domain.ts';
import { decideRegionAction } from '../policies/regions.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { findStoredProfile, insertProfile } from '../store/repos/profiles.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction } from './common.ts';
import { enforce, refuse } from './problem.ts';

export async function createProfile(
  db: Db,
  actor: Actor | null,
  data: unknown,
): Promise<{ profile: Profile; createdAt: string }> {
  enforce(decideRegionAction('manage', actor));
  const parsed = parseProfile(data);
  if (!parsed.ok) refuse('invalid', 'invalid-profile', parsed.message);
  const { id, name } = parsed.profile;
  return inTransaction(db, async (trx) => {
    if (getProfile(id) || (await findStoredProfile(trx, id))) {
      refuse(
        'conflict',
        'profile-exists',
        `评分规则“${id}”已存在；评分规则一经使用不能替换，请换一个 id 上传。`,
        {
          path: 'id',
        },
      );
    }
    const createdAt = nowIso();
    // The file as given, not the loaded profile: the shared defaults merge in when it is used,
    // so later improvements to the defaults reach it like they reach the built-ins.
    await insertProfile(trx, { id, name, data, createdAt });
    await recordEvent(trx, {
      actor,
      action: 'profile.create',
      entityType: 'profile',
      entityId: id,
      before: null,
      after: { id, name, region: parsed.profile.region },
      at: createdAt,
    });
    return { profile: parsed.profile, createdAt };
  });
}
