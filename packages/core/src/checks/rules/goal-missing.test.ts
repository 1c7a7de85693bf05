import { describe, expect, it } from 'vitest';
import { goalMissing } from './goal-missing.ts';
import { form, run } from './testkit.ts';

describe('goal-missing', () => {
  it('reports a form without goals', () => {
    expect(run(goalMissing, form([], { goals: [] }))).toEqual([
      expect.objectContaining({ path: 'goals', severity: 'warning' }),
    ]);
  });

  it('reports a goal cell that holds only a number (Hebei: 预期目标 43.2)', () => {
    expect(run(goalMissing, form([], { goals: [{ text: '43.2' }] }))).toEqual([
      expect.objectContaining({
        path: 'goals[0].text',
        message: '年度目标1只填了“43.2”，没有写明要达成的目标。',
      }),
    ]);
  });

  it('reports a goal that is still the template’s instruction', () => {
    const [finding] = run(
      goalMissing,
      form([], { goals: [{ text: '对照年度目标,说明相关任务目标的完成情况(100字以内)' }] }),
    );
    expect(finding?.message).toContain('只保留了模板的填写说明');
  });

  it('accepts goals written out', () => {
    expect(run(goalMissing, form([]))).toEqual([]);
  });
});
