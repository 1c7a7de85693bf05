/** The admin adds a unit: a 主管部门 (department) or a 单位 under one. */
import { type Actor, UNIT_KINDS, type UnitKind } from '../domain.ts';
import { newId } from '../ids.ts';
import { decideCreateUnit } from '../policies/units.ts';
import { nowIso } from '../store/dialect.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { findRegion } from '../store/repos/regions.ts';
import { findUnit, findUnitByName, insertUnit, type Unit } from '../store/repos/units.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction, requiredText } from './common.ts';
import { enforce, refuse } from './problem.ts';

export interface CreateUnitInput {
  name: string;
  kind?: UnitKind;
  /** the 主管部门 a 单位 belongs to */
  parentId?: string | null;
  regionId?: string | null;
}

export async function createUnit(db: Db, actor: Actor | null, input: CreateUnitInput): Promise<Unit> {
  enforce(decideCreateUnit(actor));
  const name = requiredText(input.name, 'name', '单位名称', 100);
  const kind = input.kind ?? 'unit';
  if (!UNIT_KINDS.includes(kind)) {
    refuse('invalid', 'not-allowed', '单位类型只能是 department（主管部门）或 unit（单位）。', {
      path: 'kind',
    });
  }
  return inTransaction(db, async (trx) => {
    if (await findUnitByName(trx, name)) {
      refuse('conflict', 'unit-exists', `单位“${name}”已存在。`, { path: 'name' });
    }
    const parentId = input.parentId ?? null;
    if (parentId !== null) {
      const parent = await findUnit(trx, parentId);
      if (!parent) refuse('invalid', 'unknown-unit', '指定的主管部门不存在。', { path: 'parentId' });
      if (parent.kind !== 'department') {
        refuse('invalid', 'parent-not-department', `“${parent.name}”不是主管部门，不能作为上级。`, {
          path: 'parentId',
        });
      }
    }
    const regionId = input.regionId ?? null;
    if (regionId !== null && !(await findRegion(trx, regionId))) {
      refuse('invalid', 'unknown-region', '指定的地区不存在。', { path: 'regionId' });
    }
    const unit: Unit = { id: newId(), name, kind, parentId, regionId, createdAt: nowIso() };
    await insertUnit(trx, unit);
    await recordEvent(trx, {
      actor,
      action: 'unit.create',
      entityType: 'unit',
      entityId: unit.id,
      before: null,
      after: { name, kind, parentId, regionId },
      at: unit.createdAt,
    });
    return unit;
  });
}
