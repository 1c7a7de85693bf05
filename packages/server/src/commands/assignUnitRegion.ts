/**
 * The admin says which region a unit belongs to (or none). New forms of the unit that name no
 * profile are then scored by the region's profile; forms already saved keep theirs.
 */
import type { Actor } from '../domain.ts';
import { decideRegionAction } from '../policies/regions.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { findRegion } from '../store/repos/regions.ts';
import { findUnit, setUnitRegion, type Unit } from '../store/repos/units.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction } from './common.ts';
import { enforce, refuse } from './problem.ts';

export async function assignUnitRegion(
  db: Db,
  actor: Actor | null,
  input: { unitId: string; regionId: string | null },
): Promise<Unit> {
  enforce(decideRegionAction('manage', actor));
  return inTransaction(db, async (trx) => {
    const unit = await findUnit(trx, input.unitId);
    if (!unit) refuse('not-found', 'unknown-unit', '单位不存在。');
    if (input.regionId !== null && !(await findRegion(trx, input.regionId))) {
      refuse('invalid', 'unknown-region', '指定的地区不存在，请先新建该地区。', { path: 'regionId' });
    }
    await setUnitRegion(trx, unit.id, input.regionId);
    await recordEvent(trx, {
      actor,
      action: 'unit.region',
      entityType: 'unit',
      entityId: unit.id,
      before: { regionId: unit.regionId },
      after: { regionId: input.regionId },
      at: nowIso(),
    });
    return { ...unit, regionId: input.regionId };
  });
}
