import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../domain.ts';
import { decideCreateUnit, unitScope } from './units.ts';

function actor(role: Role, unitId: string | null = null): Actor {
  return { id: `id-${role}`, username: role, displayName: role, role, unitId };
}

describe('unit policy', () => {
  it('lets only the admin create units', () => {
    expect(decideCreateUnit(actor('admin')).allowed).toBe(true);
    for (const role of ['reviewer', 'approver', 'filler'] as const) {
      expect(decideCreateUnit(actor(role, 'A'))).toMatchObject({ allowed: false, kind: 'forbidden' });
    }
  });
  it('shows reviewers and admins every unit, others their own', () => {
    expect(unitScope(actor('reviewer'))).toEqual({});
    expect(unitScope(actor('filler', 'A'))).toEqual({ unitIds: ['A'] });
    expect(unitScope(null)).toEqual({ unitIds: [] });
  });
});
