import { describe, expect, it } from 'vitest';
import { parseValue } from '../../values/parseValue.ts';
import { DEFAULT_BOILERPLATE } from '../check.ts';
import { compareAmounts, indicatorKey, isMoneyValue, isNarrative } from './support-d-f.ts';

describe('indicatorKey: how rows are matched within a form and across years', () => {
  it.each([
    ['党建主题活动次数', '党建主题活动次数'],
    [' 党建主题 活动次数\n', '党建主题活动次数'],
    ['★补助鱼塘面积', '补助鱼塘面积'],
    ['指标1:工程质量合格', '工程质量合格'],
    ['指标2工程验收合格率', '工程验收合格率'],
    ['指标1：工程质量合格', '工程质量合格'],
    ['1、党建主题活动次数', '党建主题活动次数'],
    ['（2）党建主题活动次数', '党建主题活动次数'],
    ['满意度(%)', '满意度'],
    ['扶持发展新型农业经营主体 (个)', '扶持发展新型农业经营主体'],
    ['保障部门工作正常开展，提高办公环境质量', '保障部门工作正常开展提高办公环境质量'],
    ['保障部门工作正常开展,提高办公环境质量', '保障部门工作正常开展提高办公环境质量'],
    ['ＧＤＰ增速', 'gdp增速'],
  ])('%j → %j', (name, key) => {
    expect(indicatorKey(name)).toBe(key);
  });

  it('keeps what tells indicators apart', () => {
    expect(indicatorKey('服务企业(员工)对党群工作满意度')).toBe('服务企业员工对党群工作满意度');
    expect(indicatorKey('1.5万人受益')).toBe('1.5万人受益');
    expect(indicatorKey('15万人受益')).not.toBe(indicatorKey('1.5万人受益'));
    expect(indicatorKey('引进100亿元以上项目数')).toBe('引进100亿元以上项目数');
    expect(indicatorKey('特色产业带动增加受益农户收入(总收入)')).not.toBe(
      indicatorKey('特色产业带动增加受益农户收入'),
    );
  });

  it('is empty for no name at all', () => {
    expect(indicatorKey('')).toBe('');
    expect(indicatorKey('★ ')).toBe('');
    expect(indicatorKey(null)).toBe('');
  });
});

describe('isMoneyValue', () => {
  it.each(['15亿元', '109.79亿', '5000万元', '150万', '2074元', '3万美元'])('%s is money', (raw) => {
    expect(isMoneyValue(parseValue(raw))).toBe(true);
  });
  it.each(['3个', '1.26万人', '95%', '12次', '2074', '未发生'])('%s is not', (raw) => {
    expect(isMoneyValue(parseValue(raw))).toBe(false);
  });
});

describe('isNarrative', () => {
  it('rejects blanks, placeholders and stock phrases, however punctuated', () => {
    for (const t of [
      null,
      '',
      ' ',
      '/',
      '——',
      '无',
      '基本完成年度预算绩效目标。',
      ' 基本完成年度预算绩效目标 ',
    ])
      expect(isNarrative(t, DEFAULT_BOILERPLATE), String(t)).toBe(false);
  });
  it('accepts a text that says something, even if it contains a stock phrase', () => {
    expect(
      isNarrative('基本完成年度预算绩效目标，培训次数超出目标因上级临时增派任务。', DEFAULT_BOILERPLATE),
    ).toBe(true);
  });
});

describe('compareAmounts', () => {
  it.each([
    ['≥12次', '18次', -1],
    ['≥12次', '12次', 0],
    ['100亿元', '109.79亿', -1],
    ['1.5亿元', '15000万元', 0],
    ['19.57亿元', '19.57亿', 0],
    ['≥1.2万人', '13000人', -1],
    ['90', '93%', -1],
  ] as const)('%s against %s → %i', (a, b, expected) => {
    expect(compareAmounts(parseValue(a), parseValue(b))).toBe(expected);
  });
  it('is null for different things or no number', () => {
    expect(compareAmounts(parseValue('3次'), parseValue('3个'))).toBeNull();
    expect(compareAmounts(parseValue('未发生'), parseValue('0次'))).toBeNull();
  });
});
