import { describe, expect, it } from 'vitest';
import { ECONOMIC_KEYWORDS, SATISFACTION_KEYWORDS, TAXONOMY } from './data.ts';
import { findEconomicKeyword, findKeyword, findSatisfactionKeyword } from './keywords.ts';

describe('economic keywords', () => {
  it.each([
    // the seed's money figures filed under 效益/质量 and 满意度
    ['纳税百万以上企业合计纳税', '纳税'],
    ['本年新增园区固定资产总投资', '投资'],
    ['其他营利性服务业企业累计完成营收', '营收'],
    ['外贸进出口总额', '进出口'],
    ['招商引资实际到位总额', '实际到位'],
    // other samples
    ['新型经营主体实现产值(%)', '产值'],
    ['新型经营主体助农增收 (元)', '增收'],
    ['特色产业带动增加受益农户收入(总收入)', '收入'],
    ['地区 ＧＤＰ 增速', 'GDP'],
    ['gdp增长率', 'GDP'],
    ['企业营业收入', '营业收入'],
  ])('%j contains %j', (name, word) => {
    expect(findEconomicKeyword(name)).toBe(word);
  });

  it.each([
    '资金执行在预算范围内',
    '年度资金支付完成率100%',
    '成本控制率',
    '预算执行率',
    '党建主题活动次数',
    '服务对象满意度',
  ])('%j is not economic', (name) => {
    expect(findEconomicKeyword(name)).toBeNull();
  });
});

describe('satisfaction keywords', () => {
  it.each([
    ['部门职工认可度≥90%', '认可度'],
    ['服务企业(员工)对党群工作满意度', '满意度'],
    ['满意度(%)', '满意度'],
    ['群众满意率', '满意率'],
    ['网上办事好评率', '好评率'],
    ['学生满 意度', '满意度'],
  ])('%j contains %j', (name, word) => {
    expect(findSatisfactionKeyword(name)).toBe(word);
  });

  it.each([
    '招商政策宣传知晓率',
    '社会公众投诉件办结率',
    '辖区内不发生社会群体性事件',
    '纳税百万以上企业合计纳税',
  ])('%j is not a satisfaction measure', (name) => {
    expect(findSatisfactionKeyword(name)).toBeNull();
  });
});

describe('keyword data', () => {
  it('keeps no word in a list that it also excludes', () => {
    for (const list of [TAXONOMY.keywords.economic, TAXONOMY.keywords.satisfaction]) {
      for (const excluded of Object.keys(list.excluded)) expect(list.words).not.toContain(excluded);
    }
    expect(SATISFACTION_KEYWORDS).not.toContain('知晓率');
    expect(SATISFACTION_KEYWORDS).not.toContain('投诉率');
    expect(ECONOMIC_KEYWORDS).not.toContain('资金');
  });

  it('never throws and finds nothing in blank text', () => {
    expect(findKeyword(null, ECONOMIC_KEYWORDS)).toBeNull();
    expect(findKeyword('', ECONOMIC_KEYWORDS)).toBeNull();
    expect(findKeyword('纳税', [])).toBeNull();
  });
});
