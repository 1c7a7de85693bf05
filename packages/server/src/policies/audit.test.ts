import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../domain.ts';
import { decideReadAllAudit } from './audit.ts';

function actor(role: Role, unitId: string | null = null): Actor {
  return { id: `id-${role}`, username: role, displayName: role, role, unitId };
}

describe('audit policy', () => {
  it('lets only the admin read the whole trail', () => {
    expect(decideReadAllAudit(actor('admin')).allowed).toBe(true);
    expect(decideReadAllAudit(actor('reviewer'))).toMatchObject({ kind: 'forbidden' });
    expect(decideReadAllAudit(null)).toMatchObject({ kind: 'unauthenticated' });
  });
});
