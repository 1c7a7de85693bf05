import { readJson, writeJson } from '../dialect.ts';
import type { Db } from '../schema.ts';

/** A profile a region stored as data; validated by core's parseProfile before it is used. */
export interface StoredProfile {
  id: string;
  name: string;
  data: unknown;
  createdAt: string;
}

export async function insertProfile(db: Db, p: StoredProfile): Promise<void> {
  await db
    .insertInto('profiles')
    .values({ id: p.id, name: p.name, data: writeJson(p.data), created_at: p.createdAt })
    .execute();
}

export async function findStoredProfile(db: Db, id: string): Promise<StoredProfile | undefined> {
  const row = await db.selectFrom('profiles').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, data: readJson(row.data), createdAt: row.created_at };
}

export async function listStoredProfiles(db: Db): Promise<StoredProfile[]> {
  const rows = await db.selectFrom('profiles').selectAll().orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    data: readJson(row.data),
    createdAt: row.created_at,
  }));
}
