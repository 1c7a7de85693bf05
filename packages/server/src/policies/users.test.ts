import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../domain.ts';
import { canSeeUser, decideUserAction } from './users.ts';

function actor(role: Role, unitId: string | null = null): Actor {
  return { id: `id-${role}`, username: role, displayName: role, role, unitId };
}

describe('user policy', () => {
  it('lets only the admin create and list accounts; everyone sees their own', () => {
    expect(decideUserAction('create', actor('admin')).allowed).toBe(true);
    expect(decideUserAction('list', actor('reviewer'))).toMatchObject({ kind: 'forbidden' });
    expect(decideUserAction('create', null)).toMatchObject({ kind: 'unauthenticated' });
    expect(canSeeUser(actor('filler', 'A'), 'id-filler')).toBe(true);
    expect(canSeeUser(actor('filler', 'A'), 'id-admin')).toBe(false);
    expect(canSeeUser(actor('admin'), 'anyone')).toBe(true);
  });
});
