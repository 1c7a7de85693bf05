import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../model/evaluation.ts';
import { validate } from '../../model/validate.ts';
import { CHECK_DEFAULTS } from '../../profiles/registry.ts';
import { parseValue } from '../../values/parseValue.ts';
import {
  compareAmounts,
  factsOf,
  indicatorKey,
  isBlank,
  isBoilerplate,
  isMoneyValue,
  isSubstantive,
  isTemplateText,
  keysOf,
  mentions,
  nameKey,
} from './support.ts';

describe('per-form memos', () => {
  const v = validate(
    JSON.parse(readFileSync(new URL('../fixtures/clean-project-2023.json', import.meta.url), 'utf8')),
  );
  if (!v.ok) throw new Error('fixture');
  const clean: Evaluation = v.evaluation;

  it('give each form its own facts while more forms are asked about than are remembered', () => {
    // the memos of the last few forms are kept (support.ts, memoOf): asked in turn about twenty
    // forms, twice over, each form's answers must stay its own
    const forms = Array.from({ length: 20 }, (_, f) => ({
      ...clean,
      indicators: clean.indicators.map((ind, k) => ({ ...ind, name: `第${f}批培训人数${k}` })),
    }));
    for (let pass = 0; pass < 2; pass++) {
      for (const [f, ev] of forms.entries()) {
        const expected = ev.indicators.map((ind) => indicatorKey(ind.name));
        expect(keysOf(ev)).toEqual(expected);
        expect(factsOf(ev).map((x) => x.key)).toEqual(expected);
        expect(factsOf(ev).map((x) => x.indicator)).toEqual(ev.indicators);
        expect(factsOf(ev)).toBe(factsOf(ev));
        expect(expected[0]).toContain(`第${f}批`);
      }
    }
  });
});

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
    const stock = CHECK_DEFAULTS.boilerplate;
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
    expect(isSubstantive('受汛期影响停工1个月。', CHECK_DEFAULTS.boilerplate)).toBe(true);
    expect(isSubstantive('无偏差', CHECK_DEFAULTS.boilerplate)).toBe(false);
    expect(isSubstantive('(200字以内)', CHECK_DEFAULTS.boilerplate)).toBe(false);
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

  it('quotes names as compact text spells them, where indicatorKey keeps what tells rows apart', () => {
    expect(mentions('PM2.5年均浓度未达标，因冬季污染加重。', 'PM2.5年均浓度')).toBe(true);
    expect(nameKey('PM2.5年均浓度')).toBe('PM25年均浓度');
    expect(indicatorKey('PM2.5年均浓度')).toBe('pm2.5年均浓度');
    expect(nameKey('带动农户增收(总收入)')).toBe('带动农户增收');
    expect(indicatorKey('带动农户增收(总收入)')).toBe('带动农户增收总收入');
  });
});

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

describe('isSubstantive, as the plausibility rules read narrative', () => {
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
      expect(isSubstantive(t, CHECK_DEFAULTS.boilerplate), String(t)).toBe(false);
  });
  it('accepts a text that says something, even if it contains a stock phrase', () => {
    expect(
      isSubstantive(
        '基本完成年度预算绩效目标，培训次数超出目标因上级临时增派任务。',
        CHECK_DEFAULTS.boilerplate,
      ),
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
