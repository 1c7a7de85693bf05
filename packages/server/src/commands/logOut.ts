/** Signing out ends the session in the database, so the cookie is worthless on every server. */
import type { Actor } from '../domain.ts';
import { recordEvent } from '../store/repos/audit.ts';
import { deleteSession } from '../store/repos/sessions.ts';
import type { Db } from '../store/schema.ts';
import { inTransaction } from './common.ts';

export async function logOut(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (await deleteSession(trx, sessionId)) {
      await recordEvent(trx, { actor, action: 'auth.logout', entityType: 'user', entityId: actor.id });
    }
  });
}
