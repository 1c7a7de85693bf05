import { describe, expect, it } from 'vitest';
import {
  classifyCode,
  classifyFormat,
  formatNumber,
  numberText,
  percentText,
  serialToDate,
} from './xlsx-numfmt.ts';

describe('number formats', () => {
  it('classifies built-in ids, including the zh-CN date formats', () => {
    expect(classifyFormat(9, undefined)).toMatchObject({ kind: 'percent', decimals: 0 });
    expect(classifyFormat(10, undefined)).toMatchObject({ kind: 'percent', decimals: 2 });
    expect(classifyFormat(14, undefined).kind).toBe('date');
    expect(classifyFormat(31, undefined).kind).toBe('date'); // yyyy"年"m"月"d"日"
    expect(classifyFormat(32, undefined).kind).toBe('time'); // h"时"mm"分"
    expect(classifyFormat(0, undefined).kind).toBe('general');
    expect(classifyFormat(4, undefined).kind).toBe('number'); // #,##0.00
  });

  it('classifies custom codes by their first section, ignoring quoted text and [..] codes', () => {
    expect(classifyCode('0.0%')).toMatchObject({ kind: 'percent', decimals: 1 });
    expect(classifyCode('#,##0.000%;[Red]-#,##0.000%')).toMatchObject({ kind: 'percent', decimals: 3 });
    expect(classifyCode('yyyy"年"m"月"d"日"').kind).toBe('date');
    expect(classifyCode('[$-F800]dddd, mmmm dd, yyyy').kind).toBe('date');
    expect(classifyCode('yyyy/m/d h:mm').kind).toBe('date');
    expect(classifyCode('[h]:mm:ss')).toMatchObject({ kind: 'time', seconds: true });
    expect(classifyCode('0.00"万元"').kind).toBe('number');
    expect(classifyCode('"完成率"0%').kind).toBe('percent');
    expect(classifyCode('0.00E+00').kind).toBe('number');
    expect(classifyCode('[DBNum1][$-804]General').kind).toBe('general');
    expect(classifyCode('#,##0.00_);[Red]\\(#,##0.00\\)').kind).toBe('number');
    expect(classifyCode('@').kind).toBe('text');
  });

  it('shows percents as displayed, rounding half away from zero on the decimal value', () => {
    expect(percentText(0.835, 2)).toBe('83.50%');
    expect(percentText(0.83499999999999996, 2)).toBe('83.50%');
    expect(percentText(1, 0)).toBe('100%');
    expect(percentText(0.005, 0)).toBe('1%');
    expect(percentText(0.00499, 0)).toBe('0%');
    expect(percentText(0.12345, 2)).toBe('12.35%');
    expect(percentText(-0.125, 1)).toBe('-12.5%');
    expect(percentText(-0.0004, 0)).toBe('0%');
    expect(percentText(1.5, 0)).toBe('150%');
  });

  it('gives other numbers as their shortest decimal text, with Excel’s 15 digits and no exponent', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(390.76)).toBe('390.76');
    expect(numberText(20)).toBe('20');
    expect(numberText(-0)).toBe('0');
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(1.5e-7)).toBe('0.00000015');
    expect(numberText(-54.26)).toBe('-54.26');
    expect(formatNumber('173.72000000000003', { kind: 'number', decimals: 0, seconds: false }, false)).toBe(
      '173.72',
    );
  });

  it('turns date serials into YYYY-MM-DD in both date systems', () => {
    expect(serialToDate(45453, false)).toBe('2024-06-10');
    expect(serialToDate(45453.75, false)).toBe('2024-06-10');
    expect(serialToDate(1, false)).toBe('1900-01-01');
    expect(serialToDate(59, false)).toBe('1900-02-28');
    expect(serialToDate(60, false)).toBe('1900-02-29');
    expect(serialToDate(61, false)).toBe('1900-03-01');
    expect(serialToDate(43991, true)).toBe('2024-06-10');
    expect(serialToDate(0, false)).toBeNull();
    const date = { kind: 'date', decimals: 0, seconds: false } as const;
    expect(formatNumber('45453', date, false)).toBe('2024-06-10');
    expect(formatNumber('-3', date, false)).toBe('-3');
    expect(formatNumber('0.5', { kind: 'time', decimals: 0, seconds: false }, false)).toBe('12:00');
  });
});
