import { describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE } from '../check.ts';
import { isBlank, isBoilerplate, isSubstantive, isTemplateText, mentions, nameKey } from './support-a-c.ts';

describe('narrative judgement', () => {
  it('treats cells without words as blank: placeholders, stray numbers', () => {
    for (const t of [null, undefined, '', '  ', '/', '—', '0', '43.2', '……']) expect(isBlank(t)).toBe(true);
    expect(isBlank('无')).toBe(false);
  });

  it('recognises a template’s instructions left in the cell', () => {
    expect(isTemplateText('结合自评情况,分析存在的问题及原因。(200字以内)')).toBe(true);
    expect(isTemplateText('对照年度目标，说明相关任务目标的完成情况（100 字以内）')).toBe(true);
    expect(isTemplateText('资金结余12万元，已结转下年使用。')).toBe(false);
  });

  it('calls a text boilerplate only when nothing but stock phrases and filler words remain', () => {
    const stock = DEFAULT_BOILERPLATE;
    expect(isBoilerplate('基本完成年度预算绩效目标', stock)).toBe(true);
    expect(isBoilerplate('已基本完成年度预算绩效目标。', stock)).toBe(true);
    expect(isBoilerplate('本项目基本完成年度绩效目标，无偏差。', stock)).toBe(true);
    expect(isBoilerplate('无', stock)).toBe(true);
    // One-character phrases only count as the whole text: "无法" is not "无".
    expect(isBoilerplate('无法按期完工', stock)).toBe(false);
    expect(isBoilerplate('预算执行率95%，基本完成年度目标', stock)).toBe(false);
    expect(isBoilerplate('', stock)).toBe(false);
  });

  it('counts as substantive only real text', () => {
    expect(isSubstantive('受汛期影响停工1个月。', DEFAULT_BOILERPLATE)).toBe(true);
    expect(isSubstantive('无偏差', DEFAULT_BOILERPLATE)).toBe(false);
    expect(isSubstantive('(200字以内)', DEFAULT_BOILERPLATE)).toBe(false);
  });
});

describe('mentions', () => {
  it('finds a name quoted whole or by five characters in a row, ignoring prefixes, units and spaces', () => {
    expect(nameKey('指标1:★补助鱼塘面积(亩)')).toBe('补助鱼塘面积');
    expect(mentions('安全生产培训超额完成，因上级部署专项整治。', '安全生产培训次数')).toBe(true);
    expect(mentions('补助 鱼塘面积 按计划完成', '★补助鱼塘面积')).toBe(true);
    expect(mentions('带动建档立卡户发展的能力有限', '带动贫困户(人)')).toBe(false);
    expect(mentions('满意度调查', '')).toBe(false);
  });
});
