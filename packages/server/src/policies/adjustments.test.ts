import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../domain.ts';
import { decideAdjustment } from './adjustments.ts';

function actor(role: Role, unitId: string | null = null): Actor {
  return { id: `id-${role}`, username: role, displayName: role, role, unitId };
}

describe('adjustment policy', () => {
  it('lets the reviewer decide a pending request once', () => {
    expect(decideAdjustment(actor('reviewer'), 'pending', true).allowed).toBe(true);
    expect(decideAdjustment(actor('reviewer'), 'approved', true)).toMatchObject({ kind: 'state' });
    expect(decideAdjustment(actor('approver', 'A'), 'pending', true)).toMatchObject({ kind: 'forbidden' });
    expect(decideAdjustment(actor('filler', 'B'), 'pending', false)).toMatchObject({ kind: 'not-found' });
  });
});
