import { describe, expect, it } from 'vitest';
import { parseValue } from './parseValue.ts';
import { comparable, normalize } from './units.ts';

function compare(a: string, b: string): [string, string] | null {
  const r = comparable(parseValue(a), parseValue(b));
  return r === null ? null : [r.a.toString(), r.b.toString()];
}

describe('normalize', () => {
  it.each([
    ['5亿', '500000000', ''],
    ['150万', '1500000', ''],
    ['3千', '3000', ''],
    ['2百万', '2000000', ''],
    ['50亿元', '5000000000', '元'],
    ['125.25万元', '1252500', '元'],
    ['500元', '500', '元'],
    ['90%', '90', '%'],
    ['5‰', '0.5', '%'],
    ['≥12次', '12', '次'],
    ['20万人次', '200000', '人次'],
    ['43.2', '43.2', ''],
    ['1,234.5万元', '12345000', '元'],
  ])('%s → %s %s', (raw, amount, base) => {
    const n = normalize(parseValue(raw));
    expect(n?.amount.toString()).toBe(amount);
    expect(n?.base).toBe(base);
  });

  it('keeps decimals exact: 109.79亿 is 10979000000, not a float neighbour', () => {
    expect(normalize(parseValue('109.79亿'))?.amount.toFixed()).toBe('10979000000');
    expect(normalize(parseValue('0.07万元'))?.amount.toFixed()).toBe('700');
  });

  it('has no amount for values without a number', () => {
    expect(normalize(parseValue('达成预期指标'))).toBeNull();
    expect(normalize(parseValue('12月底前完成'))).toBeNull();
    expect(normalize(parseValue('/'))).toBeNull();
  });
});

describe('comparable', () => {
  it.each([
    ['5亿', '5.9亿', '500000000', '590000000'],
    ['160亿', '173.72亿', '16000000000', '17372000000'],
    ['15亿元', '19.57亿元', '1500000000', '1957000000'],
    ['100亿元', '109.79亿', '10000000000', '10979000000'],
    ['109.79亿', '100亿元', '10979000000', '10000000000'],
    ['150万', '125.25万元', '1500000', '1252500'],
    ['≥11.376万元', '12万元', '113760', '120000'],
    ['≥90%', '93%', '90', '93'],
    ['≥12次', '19次', '12', '19'],
    ['150万', '150万人次', '1500000', '1500000'],
    ['3‰', '0.2%', '0.3', '0.2'],
  ])('%s vs %s', (a, b, amountA, amountB) => {
    expect(compare(a, b)).toEqual([amountA, amountB]);
  });

  it('finds 1.5亿元 and 15000万元 equal, and 500元 and 0.05万元 equal', () => {
    const money = comparable(parseValue('1.5亿元'), parseValue('15000万元'));
    expect(money?.a.equals(money.b)).toBe(true);
    const small = comparable(parseValue('500元'), parseValue('0.05万元'));
    expect(small?.a.equals(small.b)).toBe(true);
  });

  it('compares raw numbers when one side has no unit at all', () => {
    expect(compare('90%', '93')).toEqual(['90', '93']);
    expect(compare('100亿元', '109.79')).toEqual(['100', '109.79']);
    expect(compare('5', '5.9亿')).toEqual(['5', '5.9']);
    expect(compare('1', '1')).toEqual(['1', '1']);
  });

  it.each([
    ['3次', '3个'],
    ['5人', '5人次'],
    ['2场', '2项'],
    ['3家', '3个'],
    ['90%', '90次'],
    ['90%', '90万元'],
    ['5亿', '90%'],
    ['5万', '3个'],
    ['100元', '100亩'],
    ['10km', '10公里'],
  ])('refuses %s vs %s: the units count different things', (a, b) => {
    expect(compare(a, b)).toBeNull();
  });

  it('refuses values that are not quantities', () => {
    expect(compare('达成预期指标', '达成')).toBeNull();
    expect(compare('≥90%', '')).toBeNull();
    expect(compare('12月底前完成', '2023年12月31日')).toBeNull();
  });
});
