import { describe, expect, it } from 'vitest';
import { headerMissing } from './header-missing.ts';
import { form, places, run } from './testkit.ts';

describe('header-missing', () => {
  it('reports a missing unit, year and project name', () => {
    const ev = form([], { unit: ' ', year: null, project: null });
    expect(places(run(headerMissing, ev))).toEqual([
      'header-missing unit',
      'header-missing year',
      'header-missing project',
    ]);
  });

  it('does not ask a department form for a project name', () => {
    expect(run(headerMissing, form([], { kind: 'department', project: null }))).toEqual([]);
  });

  it('accepts a complete header', () => {
    expect(run(headerMissing, form([]))).toEqual([]);
  });
});
