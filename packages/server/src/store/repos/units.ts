import type { UnitKind } from '../../domain.ts';
import type { Db, UnitsTable } from '../schema.ts';

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  regionId: string | null;
  createdAt: string;
}

function toUnit(row: UnitsTable): Unit {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    regionId: row.region_id,
    createdAt: row.created_at,
  };
}

export async function insertUnit(db: Db, u: Unit): Promise<void> {
  await db
    .insertInto('units')
    .values({
      id: u.id,
      name: u.name,
      kind: u.kind,
      parent_id: u.parentId,
      region_id: u.regionId,
      created_at: u.createdAt,
    })
    .execute();
}

export async function findUnit(db: Db, id: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUnit(row);
}

export async function findUnitByName(db: Db, name: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
  return row && toUnit(row);
}

/** All units, or only those with the given ids. */
export async function listUnits(db: Db, ids?: readonly string[]): Promise<Unit[]> {
  if (ids && ids.length === 0) return [];
  let q = db.selectFrom('units').selectAll().orderBy('name');
  if (ids) q = q.where('id', 'in', ids);
  return (await q.execute()).map(toUnit);
}

export async function setUnitRegion(db: Db, id: string, regionId: string | null): Promise<void> {
  await db.updateTable('units').set({ region_id: regionId }).where('id', '=', id).execute();
}
