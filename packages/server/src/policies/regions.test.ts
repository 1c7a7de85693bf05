import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../domain.ts';
import { decideRegionAction } from './regions.ts';

function actor(role: Role, unitId: string | null = null): Actor {
  return { id: `id-${role}`, username: role, displayName: role, role, unitId };
}

describe('region policy', () => {
  it('lets only the admin manage regions and profiles', () => {
    expect(decideRegionAction('manage', actor('admin')).allowed).toBe(true);
    for (const role of ['reviewer', 'approver', 'filler'] as const) {
      const d = decideRegionAction('manage', actor(role, 'A'));
      expect(d).toMatchObject({ allowed: false, kind: 'forbidden' });
      expect(d.allowed || d.message).toContain('系统管理员');
    }
  });
  it('lets everyone signed in read regions, and nobody else', () => {
    for (const role of ['admin', 'reviewer', 'approver', 'filler'] as const) {
      expect(decideRegionAction('read', actor(role, 'A')).allowed).toBe(true);
    }
    expect(decideRegionAction('read', null)).toMatchObject({ allowed: false, kind: 'unauthenticated' });
  });
});
