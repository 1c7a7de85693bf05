/** What a policy says about an action: allowed, or refused with the kind of refusal and why. */
import { ROLE_NAMES, type Role } from '../domain.ts';

export type Decision =
  | { allowed: true }
  | {
      allowed: false;
      /**
       * not-found: the actor may not even know the thing exists (never "forbidden", which would
       * tell them it does); unauthenticated: sign in first; forbidden: their role may not do
       * this; state: nobody may do it in the thing's present state.
       */
      kind: 'not-found' | 'unauthenticated' | 'forbidden' | 'state';
      message: string;
    };

export const ALLOW: Decision = { allowed: true };

export function roleList(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_NAMES[r]).join('或');
}
