import { describe, expect, it } from 'vitest';
import { implausibleSatisfaction as rule } from './implausible-satisfaction.ts';
import { CLEAN, type Edit, edited, found, rowAt } from './testkit.ts';

const run = (edit: Edit) => found(rule, edited(CLEAN, edit));

describe('implausible-satisfaction', () => {
  it('finds nothing on the clean fixture', () => {
    expect(run(() => {})).toEqual([]);
  });

  it('flags an actual above 100%', () => {
    expect(run((j) => (rowAt(j, 6).actual = { raw: '103.5%' }))).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'indicators[6].actual',
        message: '“受益群众满意度”的实际完成值“103.5%”为103.5%，满意度不可能超过100%，请核实。',
      }),
    ]);
  });

  it('flags a target above 100%, also without a unit when the name says it is a rate', () => {
    const found = run((j) => {
      Object.assign(rowAt(j, 6), { name: '满意度(%)', target: { raw: '120' }, actual: { raw: '100' } });
    });
    expect(found.map((f) => f.path)).toEqual(['indicators[6].target']);
  });

  it('flags a recognition rate wherever it is filed', () => {
    const found = run((j) => {
      Object.assign(rowAt(j, 1), { target: { raw: '部门职工认可度≥90%' }, actual: { raw: '110%' } });
    });
    expect(found.map((f) => f.path)).toEqual(['indicators[1].actual']);
  });

  it('leaves other units and other rates alone', () => {
    expect(
      run((j) => {
        Object.assign(rowAt(j, 6), { target: { raw: '≥90分' }, actual: { raw: '120分' } });
        Object.assign(rowAt(j, 1), { name: '工程完成率', actual: { raw: '120%' } });
        Object.assign(rowAt(j, 5), {
          level1: '满意度指标',
          level2: '服务对象满意度指标',
          name: '回访人数',
          actual: { raw: '150' },
        });
      }),
    ).toEqual([]);
  });
});
