import { describe, expect, it } from 'vitest';
import { actualNotAValue } from './actual-not-a-value.ts';
import { form, row, run } from './testkit.ts';

describe('actual-not-a-value', () => {
  it('reports a measurable target answered with words', () => {
    expect(run(actualNotAValue, form([row('验收合格率', '≥90%', '达标')]))).toEqual([
      expect.objectContaining({
        path: 'indicators[0].actual',
        severity: 'warning',
        message:
          '“验收合格率”的年度指标值“≥90%”是数值，实际完成值却写成“达标”，无法按公式计分；应填写实际达到的数值。',
      }),
    ]);
  });

  it('accepts numbers against numbers, words against words, and blanks (value-missing reports those)', () => {
    const ev = form([
      row('验收合格率', '≥90%', '95%'),
      row('维护园区稳定', '辖区内不发生社会群体性事件', '未发生'),
      row('覆盖率', '=100%', ''),
    ]);
    expect(run(actualNotAValue, ev)).toEqual([]);
  });
});
