import { describe, expect, it } from 'vitest';
import { form, row, run } from './testkit.ts';
import { unitMissing } from './unit-missing.ts';

describe('unit-missing', () => {
  it('notes a number with no unit anywhere on its row', () => {
    expect(run(unitMissing, form([row('完成中型灌区节水改造项目数量', '1', '1')]))).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'indicators[0].target',
        message:
          '“完成中型灌区节水改造项目数量”的年度指标值“1”和实际完成值“1”都没有计量单位，无法判断是数量、金额还是比例。',
      }),
    ]);
  });

  it('accepts a unit on either side or in the name’s brackets (Yunnan: 带动贫困户(人))', () => {
    const ev = form([
      row('满意度', '90', '93%'),
      row('带动贫困户(人)', '11442', '4164'),
      row('a', '≥2次', '8次'),
    ]);
    expect(run(unitMissing, ev)).toEqual([]);
  });
});
