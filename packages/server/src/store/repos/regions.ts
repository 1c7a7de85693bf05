import type { Db, RegionsTable } from '../schema.ts';

export interface Region {
  id: string;
  name: string;
  profileId: string;
  createdAt: string;
}

function toRegion(row: RegionsTable): Region {
  return { id: row.id, name: row.name, profileId: row.profile_id, createdAt: row.created_at };
}

export async function insertRegion(db: Db, r: Region): Promise<void> {
  await db
    .insertInto('regions')
    .values({ id: r.id, name: r.name, profile_id: r.profileId, created_at: r.createdAt })
    .execute();
}

export async function findRegion(db: Db, id: string): Promise<Region | undefined> {
  const row = await db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRegion(row);
}

export async function findRegionByName(db: Db, name: string): Promise<Region | undefined> {
  const row = await db.selectFrom('regions').selectAll().where('name', '=', name).executeTakeFirst();
  return row && toRegion(row);
}

export async function listRegions(db: Db): Promise<Region[]> {
  const rows = await db.selectFrom('regions').selectAll().orderBy('name').execute();
  return rows.map(toRegion);
}
