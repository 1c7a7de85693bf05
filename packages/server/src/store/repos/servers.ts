import type { Db } from '../schema.ts';

export interface ServerPresence {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  seenAt: string;
  aliveUntil: string;
}

/** Says that a server is alive until `aliveUntil`; the first call registers it. */
export async function heartbeat(db: Db, s: ServerPresence): Promise<void> {
  await db
    .insertInto('servers')
    .values({
      id: s.id,
      host: s.host,
      pid: s.pid,
      started_at: s.startedAt,
      seen_at: s.seenAt,
      alive_until: s.aliveUntil,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seen_at: s.seenAt, alive_until: s.aliveUntil }))
    .execute();
}

export async function removeServer(db: Db, id: string): Promise<void> {
  await db.deleteFrom('servers').where('id', '=', id).execute();
}

/** Servers that said they are alive and whose word has not run out. */
export async function liveServers(db: Db, now: string): Promise<ServerPresence[]> {
  const rows = await db
    .selectFrom('servers')
    .selectAll()
    .where('alive_until', '>', now)
    .orderBy('started_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    host: r.host,
    pid: Number(r.pid),
    startedAt: r.started_at,
    seenAt: r.seen_at,
    aliveUntil: r.alive_until,
  }));
}

/** Rows of servers that stopped without removing theirs (killed, crashed). */
export async function deleteDeadServers(db: Db, deadBefore: string): Promise<number> {
  const r = await db.deleteFrom('servers').where('alive_until', '<=', deadBefore).executeTakeFirst();
  return Number(r.numDeletedRows);
}
