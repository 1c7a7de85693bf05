import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../domain.ts';
import { canReadSnapshot } from './snapshots.ts';

function actor(role: Role, unitId: string | null = null): Actor {
  return { id: `id-${role}`, username: role, displayName: role, role, unitId };
}

describe('snapshot policy', () => {
  it('lets everyone read published snapshots, signed in or not', () => {
    expect(canReadSnapshot(null)).toBe(true);
    expect(canReadSnapshot(actor('filler', 'B'))).toBe(true);
  });
});
