import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../test-support/samples.ts';
import { describePath, formatPath, validate } from './validate.ts';

const seed = JSON.parse(
  readFileSync(new URL('../../../../examples/seed-hubei-dept-2023.expected.json', import.meta.url), 'utf8'),
);

function errorsOf(json: unknown) {
  const r = validate(json);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

const minimal = {
  kind: 'project',
  budget: {},
  indicators: [{ name: '工程验收合格率', target: { raw: '=100%' }, actual: { raw: '100%' } }],
};

describe('validate', () => {
  it('accepts the seed and keeps what it says', () => {
    const r = validate(seed);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.evaluation.indicators).toHaveLength(21);
    expect(r.evaluation.totalReported).toBe(95);
    expect(r.evaluation.goals.map((g) => g.id)).toEqual(['G1', 'G2', 'G3']);
    expect(r.evaluation.indicators[0]?.target).toEqual({
      raw: '≥12次',
      op: '>=',
      value: 12,
      unit: '次',
      kind: 'quantitative',
    });
  });

  it('accepts every sample expectation (values given by raw text alone are completed)', () => {
    for (const s of loadSamples()) {
      const r = validate(s.expected);
      expect(r.ok, `${s.name}: ${r.ok ? '' : JSON.stringify(r.errors)}`).toBe(true);
    }
  });

  it('fills defaults: nulls for unknowns, never zeros; goal ids; parsed values', () => {
    const r = validate(minimal);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const ev = r.evaluation;
    expect(ev.year).toBeNull();
    expect(ev.unit).toBeNull();
    expect(ev.totalReported).toBeNull();
    expect(ev.budget).toMatchObject({
      moneyUnit: '万元',
      planned: null,
      executed: null,
      rate: null,
      score: null,
      lines: [],
    });
    expect(ev.indicators[0]).toMatchObject({ goal: null, weight: null, score: null, deviation: null });
    expect(ev.indicators[0]?.target).toEqual({
      raw: '=100%',
      op: '=',
      value: 100,
      unit: '%',
      kind: 'quantitative',
    });
  });

  it('keeps value fields the input gives, even where the parser would read otherwise', () => {
    const r = validate({
      ...minimal,
      indicators: [
        {
          name: 'x',
          target: { raw: '≥5', op: '>', value: 6, unit: '个', kind: 'quantitative' },
          actual: { raw: '' },
        },
      ],
    });
    if (!r.ok) throw new Error('invalid');
    expect(r.evaluation.indicators[0]?.target).toEqual({
      raw: '≥5',
      op: '>',
      value: 6,
      unit: '个',
      kind: 'quantitative',
    });
    expect(r.evaluation.indicators[0]?.actual.kind).toBe('empty');
  });

  it('ignores keys the model does not know (notes, alternatives, source)', () => {
    const r = validate({
      ...minimal,
      notes: 'x',
      source: 'y',
      indicators: [{ ...minimal.indicators[0], alternatives: [] }],
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect('notes' in r.evaluation).toBe(false);
  });

  it('names the path, the code and the problem in Chinese', () => {
    const errs = errorsOf({ ...minimal, year: '2023年', budget: { planned: '390.76' } });
    expect(errs).toContainEqual({
      code: 'wrong-type',
      path: 'year',
      message: '年度（year）应为数字，实际为文本“2023年”。',
    });
    expect(errs.find((e) => e.path === 'budget.planned')?.message).toBe(
      '预算执行情况的全年预算数（budget.planned）应为数字，实际为文本“390.76”。',
    );
  });

  it('reports a missing required field as required', () => {
    const errs = errorsOf({ kind: 'project', indicators: [{ name: 'x', target: { raw: '1' } }] });
    expect(errs).toContainEqual(expect.objectContaining({ code: 'required', path: 'budget' }));
    expect(errs).toContainEqual(expect.objectContaining({ code: 'required', path: 'indicators[0].actual' }));
    expect(errs.find((e) => e.path === 'indicators[0].actual')?.message).toContain(
      '缺少第1个绩效指标的实际完成值',
    );
  });

  it('refuses a kind outside department/project, listing the allowed ones', () => {
    const errs = errorsOf({ ...minimal, kind: 'unit' });
    expect(errs[0]).toMatchObject({ code: 'not-allowed', path: 'kind' });
    expect(errs[0]?.message).toContain('"department"、"project"');
  });

  it('refuses a badly written date and an implausible year', () => {
    expect(errorsOf({ ...minimal, filledOn: '2024.6.10' })[0]).toMatchObject({
      code: 'bad-date',
      path: 'filledOn',
    });
    expect(errorsOf({ ...minimal, year: 23 })[0]).toMatchObject({ code: 'out-of-range', path: 'year' });
  });

  it('refuses an indicator pointing at a goal that does not exist, and duplicate goal ids', () => {
    const errs = errorsOf({
      ...minimal,
      goals: [
        { id: 'G1', text: 'a' },
        { id: 'G1', text: 'b' },
      ],
      indicators: [{ ...minimal.indicators[0], goal: 'G9' }],
    });
    expect(errs.map((e) => e.code).sort()).toEqual(['duplicate-goal', 'unknown-goal']);
    expect(errs.find((e) => e.code === 'unknown-goal')?.path).toBe('indicators[0].goal');
  });

  it('refuses non-JSON-ish input without throwing', () => {
    for (const bad of [null, 42, 'text', [], { kind: 'project', budget: [] }]) {
      const r = validate(bad);
      expect(r.ok).toBe(false);
    }
  });

  it('formats and describes paths', () => {
    expect(formatPath(['indicators', 3, 'target', 'raw'])).toBe('indicators[3].target.raw');
    expect(describePath(['indicators', 3, 'target'])).toBe('第4个绩效指标的目标值');
    expect(describePath([])).toBe('文档');
  });
});
