import { readFileSync } from 'node:fs';
import { type Evaluation, parseValue, validate } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { elementIdFor } from './cellIds.ts';
import { diffDocuments, keepMine } from './diff.ts';
import { editorReducer } from './editorState.ts';

const seedJson = JSON.parse(
  readFileSync(
    new URL('../../../../server/src/demo/data/seed-hubei-dept-2023.json', import.meta.url),
    'utf8',
  ),
);

function seed(): Evaluation {
  const v = validate(seedJson);
  if (!v.ok) throw new Error('seed invalid');
  return v.evaluation;
}

describe('the conflict merge', () => {
  it('keeps the other person’s change and puts mine on top', () => {
    const base = seed();
    const theirs = editorReducer(base, { type: 'set', path: ['improvementPlan'], value: '他们的改进措施' });
    const mine = editorReducer(base, { type: 'set', path: ['indicators', 1, 'score'], value: 2.5 });
    const diff = diffDocuments(base, mine, theirs);
    expect(diff.map((d) => [d.path, d.changedBy])).toEqual([
      ['indicators[1].score', 'mine'],
      ['improvementPlan', 'theirs'],
    ]);
    expect(diff[0]?.label).toBe('第2个绩效指标的得分');
    const merged = keepMine(base, mine, theirs);
    expect(merged.improvementPlan).toBe('他们的改进措施');
    expect(merged.indicators[1]?.score).toBe(2.5);
    // untouched rows keep their identity (the grid does not re-render them)
    expect(merged.indicators[0]).toBe(theirs.indicators[0]);
  });

  it('lets mine win where both changed the same field, and compares values by their text', () => {
    const base = seed();
    const theirs = editorReducer(base, { type: 'setValue', index: 0, field: 'actual', raw: '20次' });
    const mine = editorReducer(base, { type: 'setValue', index: 0, field: 'actual', raw: '21次' });
    const diff = diffDocuments(base, mine, theirs);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatchObject({ path: 'indicators[0].actual', changedBy: 'both' });
    expect(keepMine(base, mine, theirs).indicators[0]?.actual).toEqual(parseValue('21次'));
    // the same text parsed again is no difference
    const same = editorReducer(base, {
      type: 'setValue',
      index: 0,
      field: 'actual',
      raw: base.indicators[0]?.actual.raw ?? '',
    });
    expect(diffDocuments(base, same, base)).toEqual([]);
  });

  it('treats a list whose length changed as one field', () => {
    const base = seed();
    const theirs = editorReducer(base, { type: 'removeIndicator', index: 20 });
    const mine = editorReducer(base, { type: 'set', path: ['indicators', 0, 'score'], value: 1 });
    const diff = diffDocuments(base, mine, theirs);
    expect(diff.map((d) => [d.path, d.changedBy])).toEqual([['indicators', 'both']]);
    // mine changed the list, so my list is kept whole: nothing of what I typed is lost
    const merged = keepMine(base, mine, theirs);
    expect(merged.indicators).toHaveLength(21);
    expect(merged.indicators[0]?.score).toBe(1);
  });
});

describe('the editor reducer', () => {
  it('moves a row within its goal only and adds rows at the end of their goal', () => {
    const base = seed();
    const firstOfG2 = base.indicators.findIndex((i) => i.goal === 'G2');
    expect(editorReducer(base, { type: 'moveIndicator', index: firstOfG2, direction: -1 })).toBe(base);
    const moved = editorReducer(base, { type: 'moveIndicator', index: 0, direction: 1 });
    expect(moved.indicators[1]?.name).toBe(base.indicators[0]?.name);
    const added = editorReducer(base, { type: 'addIndicator', goal: 'G1' });
    expect(added.indicators).toHaveLength(22);
    expect(added.indicators[firstOfG2]).toMatchObject({ goal: 'G1', name: '' });
  });

  it('gives new goals unused ids and frees the rows of a deleted goal', () => {
    const base = seed();
    const withGoal = editorReducer(base, { type: 'addGoal' });
    expect(withGoal.goals.at(-1)?.id).toBe('G4');
    const removed = editorReducer(base, { type: 'removeGoal', index: 0 });
    expect(removed.goals.map((g) => g.id)).toEqual(['G2', 'G3']);
    expect(removed.indicators.filter((i) => i.goal === null)).toHaveLength(
      base.indicators.filter((i) => i.goal === 'G1').length,
    );
    expect(validate(removed).ok).toBe(true);
  });
});

describe('finding paths to cells', () => {
  it('names the cell of each kind of path', () => {
    expect(elementIdFor('indicators[3].actual')).toBe('cell-3-actual');
    expect(elementIdFor('indicators[3].actual.raw')).toBe('cell-3-actual');
    expect(elementIdFor('indicators[7]')).toBe('cell-7-name');
    expect(elementIdFor('indicators[7].grade')).toBe('cell-7-name');
    expect(elementIdFor('indicators')).toBe('indicator-grid');
    expect(elementIdFor('goals[0].text')).toBe('goal-0-text');
    expect(elementIdFor('goals[1]')).toBe('goal-1-text');
    expect(elementIdFor('budget.executed')).toBe('budget-executed');
    expect(elementIdFor('budget.lines[2].planned')).toBe('budget-line-2-planned');
    expect(elementIdFor('totalReported')).toBe('field-totalReported');
    expect(elementIdFor('improvementPlan')).toBe('field-improvementPlan');
    expect(elementIdFor('')).toBeNull();
  });
});
