/**
 * Published snapshots are public: anyone, signed in or not, may read them. Nothing else about
 * a form is: not its drafts, versions, comments, findings in progress or audit trail.
 */
import type { Actor } from '../domain.ts';

export const SNAPSHOT_POLICY = { read: 'everyone' } as const;

export function canReadSnapshot(_actor: Actor | null): boolean {
  return SNAPSHOT_POLICY.read === 'everyone';
}
