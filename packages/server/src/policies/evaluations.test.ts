import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../domain.ts';
import { canSeeEvaluation, decideCreate, decideEvaluation, evaluationScope } from './evaluations.ts';

function actor(role: Role, unitId: string | null = null): Actor {
  return { id: `u-${role}-${unitId}`, username: role, displayName: role, role, unitId };
}

const filler = actor('filler', 'A');
const approver = actor('approver', 'A');
const otherFiller = actor('filler', 'B');
const otherApprover = actor('approver', 'B');
const reviewer = actor('reviewer');
const admin = actor('admin');

const draft = { unitId: 'A', stage: 'self-evaluation', status: 'draft' } as const;

describe('evaluation policy', () => {
  it("hides another unit's form (not-found, never forbidden), even for its approver", () => {
    for (const who of [otherFiller, otherApprover]) {
      expect(canSeeEvaluation(who, draft)).toBe(false);
      for (const action of ['read', 'save', 'submit', 'comment'] as const) {
        const d = decideEvaluation(action, who, draft);
        expect(d).toMatchObject({ allowed: false, kind: 'not-found' });
      }
    }
  });

  it('lets reviewers and admins see every form, and the public none', () => {
    expect(canSeeEvaluation(reviewer, draft)).toBe(true);
    expect(canSeeEvaluation(admin, draft)).toBe(true);
    expect(canSeeEvaluation(null, draft)).toBe(false);
    expect(decideEvaluation('read', null, draft)).toMatchObject({ allowed: false, kind: 'unauthenticated' });
  });

  it('lists only the own unit for unit people, everything for reviewers and admins', () => {
    expect(evaluationScope(filler)).toEqual({ unitIds: ['A'] });
    expect(evaluationScope(reviewer)).toEqual({});
    expect(evaluationScope(admin)).toEqual({});
    expect(evaluationScope(null)).toEqual({ unitIds: [] });
    expect(evaluationScope(actor('filler', null))).toEqual({ unitIds: [] });
  });

  it('follows the workflow: filler submits, approver approves, reviewer accepts and publishes', () => {
    expect(decideEvaluation('save', filler, draft).allowed).toBe(true);
    expect(decideEvaluation('submit', filler, draft).allowed).toBe(true);
    expect(decideEvaluation('approve', approver, { ...draft, status: 'submitted' }).allowed).toBe(true);
    expect(decideEvaluation('accept', reviewer, { ...draft, status: 'approved' }).allowed).toBe(true);
    expect(decideEvaluation('publish', reviewer, { ...draft, status: 'accepted' }).allowed).toBe(true);
    expect(decideEvaluation('return', reviewer, { ...draft, status: 'approved' }).allowed).toBe(true);
    expect(decideEvaluation('return', approver, { ...draft, status: 'submitted' }).allowed).toBe(true);
  });

  it('refuses the wrong role with forbidden and a reason naming who may', () => {
    const d = decideEvaluation('submit', approver, draft);
    expect(d).toMatchObject({ allowed: false, kind: 'forbidden' });
    if (!d.allowed) expect(d.message).toContain('单位填报人');
    expect(decideEvaluation('approve', filler, { ...draft, status: 'submitted' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(decideEvaluation('publish', admin, { ...draft, status: 'accepted' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(decideEvaluation('save', reviewer, draft)).toMatchObject({ kind: 'forbidden' });
  });

  it('refuses the wrong state with the current and the required status', () => {
    const d = decideEvaluation('submit', filler, { ...draft, status: 'submitted' });
    expect(d).toMatchObject({ allowed: false, kind: 'state' });
    if (!d.allowed) {
      expect(d.message).toContain('已提交');
      expect(d.message).toContain('草稿');
    }
    expect(decideEvaluation('save', filler, { ...draft, status: 'published' })).toMatchObject({
      kind: 'state',
    });
    expect(decideEvaluation('publish', reviewer, draft)).toMatchObject({ kind: 'state' });
    expect(decideEvaluation('return', reviewer, draft)).toMatchObject({ kind: 'state' });
  });

  it('keeps the two stages apart', () => {
    const targets = { unitId: 'A', stage: 'targets', status: 'draft' } as const;
    expect(decideEvaluation('declareTargets', filler, targets).allowed).toBe(true);
    expect(decideEvaluation('submit', filler, targets)).toMatchObject({ kind: 'state' });
    expect(decideEvaluation('approveTargets', reviewer, { ...targets, status: 'declared' }).allowed).toBe(
      true,
    );
    expect(decideEvaluation('approveTargets', approver, { ...targets, status: 'declared' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(decideEvaluation('createFromTargets', filler, { ...targets, status: 'approved' }).allowed).toBe(
      true,
    );
    expect(decideEvaluation('createFromTargets', filler, targets)).toMatchObject({ kind: 'state' });
    expect(decideEvaluation('requestAdjustment', filler, { ...targets, status: 'approved' }).allowed).toBe(
      true,
    );
    expect(decideEvaluation('declareTargets', filler, draft)).toMatchObject({ kind: 'state' });
  });

  it('lets unit people create only for their unit, reviewers for any, admins not at all', () => {
    expect(decideCreate(filler, 'A').allowed).toBe(true);
    expect(decideCreate(filler, 'B')).toMatchObject({ allowed: false, kind: 'forbidden' });
    expect(decideCreate(reviewer, 'B').allowed).toBe(true);
    expect(decideCreate(admin, 'A')).toMatchObject({ allowed: false, kind: 'forbidden' });
    expect(decideCreate(null, 'A')).toMatchObject({ allowed: false, kind: 'unauthenticated' });
  });
});
