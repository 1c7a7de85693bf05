import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../../../../test-support/samples.ts';
import type { ValueKind, ValueOp } from '../model/evaluation.ts';
import { parseDeadline, parseValue } from './parseValue.ts';

type Row = [raw: string, op: ValueOp | null, value: number | null, unit: string | null, kind: ValueKind];

const Q = 'quantitative';

/** domain.md §2 Values, every row. */
const DOMAIN_TABLE: Row[] = [
  ['≥12次', '>=', 12, '次', Q],
  ['＞95%', '>', 95, '%', Q],
  ['>95%', '>', 95, '%', Q],
  ['≤5%', '<=', 5, '%', Q],
  ['=100%', '=', 100, '%', Q],
  ['1个', null, 1, '个', Q],
  ['5亿', null, 5, '亿', Q],
  ['160亿', null, 160, '亿', Q],
  ['50亿元', null, 50, '亿元', Q],
  ['109.79亿', null, 109.79, '亿', Q],
  ['100亿元', null, 100, '亿元', Q],
  ['未发生', null, null, null, 'qualitative'],
  ['达成预期指标', null, null, null, 'qualitative'],
  ['是', null, null, null, 'qualitative'],
  ['效果明显', null, null, null, 'qualitative'],
  ['好', null, null, null, 'qualitative'],
  ['12月底前完成', null, null, null, 'deadline'],
];

const OPERATORS: Row[] = [
  ['>=90%', '>=', 90, '%', Q],
  ['=>90%', '>=', 90, '%', Q],
  ['<=5%', '<=', 5, '%', Q],
  ['=<5%', '<=', 5, '%', Q],
  ['≧90％', '>=', 90, '%', Q],
  ['≦5％', '<=', 5, '%', Q],
  ['＜5%', '<', 5, '%', Q],
  ['＝100％', '=', 100, '%', Q],
  ['＞＝95%', '>=', 95, '%', Q],
  ['≥ 90 %', '>=', 90, '%', Q],
  [' ≥\u300090\t%\n', '>=', 90, '%', Q],
  ['大于等于90%', '>=', 90, '%', Q],
  ['大于或等于90%', '>=', 90, '%', Q],
  ['小于等于3天', '<=', 3, '天', Q],
  ['大于10', '>', 10, null, Q],
  ['小于2%', '<', 2, '%', Q],
  ['不低于90%', '>=', 90, '%', Q],
  ['不少于3场', '>=', 3, '场', Q],
  ['至少2次', '>=', 2, '次', Q],
  ['不超过5%', '<=', 5, '%', Q],
  ['不高于3%', '<=', 3, '%', Q],
  ['低于5%', '<', 5, '%', Q],
  ['超过100人', '>', 100, '人', Q],
  ['90%以上', '>=', 90, '%', Q],
  ['90%及以上', '>=', 90, '%', Q],
  ['90%（含）以上', '>=', 90, '%', Q],
  ['5%以下', '<=', 5, '%', Q],
  ['3%以内', '<=', 3, '%', Q],
  ['2天以内', '<=', 2, '天', Q],
  ['2天内', '<=', 2, '天', Q],
  ['30个工作日内', '<=', 30, '个工作日', Q],
  ['3个月内', '<=', 3, '个月', Q],
  ['满意度不低于90%', '>=', 90, '%', Q],
  ['≥90%以上', '>=', 90, '%', Q],
  ['≥-5%', '>=', -5, '%', Q],
  ['最高100分', '<=', 100, '分', Q],
];

const NUMBERS_AND_UNITS: Row[] = [
  ['１２０', null, 120, null, Q],
  ['１２０．５万元', null, 120.5, '万元', Q],
  ['1,234.5万元', null, 1234.5, '万元', Q],
  ['12,345,678元', null, 12345678, '元', Q],
  ['100.00%', null, 100, '%', Q],
  ['83.5%', null, 83.5, '%', Q],
  ['-5%', null, -5, '%', Q],
  ['−3.2%', null, -3.2, '%', Q],
  ['0', null, 0, null, Q],
  ['-0', null, 0, null, Q],
  ['.5', null, 0.5, null, Q],
  ['+3', null, 3, null, Q],
  ['-.5', null, -0.5, null, Q],
  ['007个', null, 7, '个', Q],
  ['1,234,567.25元', null, 1234567.25, '元', Q],
  ['150万', null, 150, '万', Q],
  ['125.25万元', null, 125.25, '万元', Q],
  ['15000万元', null, 15000, '万元', Q],
  ['5千', null, 5, '千', Q],
  ['3百万', null, 3, '百万', Q],
  ['20万人次', null, 20, '万人次', Q],
  ['≥735人次', '>=', 735, '人次', Q],
  ['29.5亩', null, 29.5, '亩', Q],
  ['192只', null, 192, '只', Q],
  ['≥11.376万元', '>=', 11.376, '万元', Q],
  ['90人', null, 90, '人', Q],
  ['3宗', null, 3, '宗', Q],
  ['3个百分点', null, 3, '个百分点', Q],
  ['≥1次/年', '>=', 1, '次/年', Q],
  ['500元/人', null, 500, '元/人', Q],
  ['10km', null, 10, 'km', Q],
  ['100余人', null, 100, '人', Q],
  ['约100人', null, 100, '人', Q],
  ['100人左右', null, 100, '人', Q],
  ['18月', null, 18, '月', Q],
  ['3年', null, 3, '年', Q],
  ['15日', null, 15, '日', Q],
  ['43.2', null, 43.2, null, Q],
  ['12.31', null, 12.31, null, Q],
  ['12个月', null, 12, '个月', Q],
  ['12767.36', null, 12767.36, null, Q],
  ['回应率100%', null, 100, '%', Q],
  ['部门职工认可度≥90%', '>=', 90, '%', Q],
  ['2023年度完成率100%', null, 100, '%', Q],
  ['PM2.5浓度≤35微克/立方米', '<=', 35, '微克/立方米', Q],
  ['新建10kV线路3公里', null, 3, '公里', Q],
  ['第3批次完成5个', null, 5, '个', Q],
];

const RANGES: Array<[raw: string, value: number, upper: number, unit: string | null]> = [
  ['90%-95%', 90, 95, '%'],
  ['90%~95%', 90, 95, '%'],
  ['90%～95%', 90, 95, '%'],
  ['90-95%', 90, 95, '%'],
  ['90—95%', 90, 95, '%'],
  ['90%至95%', 90, 95, '%'],
  ['3到5天', 3, 5, '天'],
  ['95%-90%', 90, 95, '%'],
  ['-5%~5%', -5, 5, '%'],
  ['0.5万-1万元', 0.5, 1, '万元'],
  ['1-2', 1, 2, null],
  ['在90%至95%之间', 90, 95, '%'],
];

const QUALITATIVE: string[] = [
  '达成',
  '否',
  '较好',
  '良好',
  '优',
  '显著',
  '有所提升',
  '逐步改善',
  '按时完成',
  '合格',
  '辖区内不发生社会群体性事件',
  '园区民营企业提出困难需求',
  '5G基站建设',
  '满意度≥90%且投诉率≤5%',
  '完成3个，培训200人次',
  '三个',
  '%',
  '不适用',
  // "≠" fits no operator of VALUE_OPS: a number read without it would be scored wrongly
  '≠0',
  '不等于5%',
];

const DEADLINES: Array<
  [raw: string, date: { year: number | null; month: number | null; day: number | null } | null]
> = [
  ['12月底前完成', { year: null, month: 12, day: null }],
  ['2023年12月31日前', { year: 2023, month: 12, day: 31 }],
  ['２０２３年１２月３１日前', { year: 2023, month: 12, day: 31 }],
  ['2023年底前', { year: 2023, month: 12, day: null }],
  ['年底前', { year: null, month: 12, day: null }],
  ['年底前完成', { year: null, month: 12, day: null }],
  ['上半年完成', { year: null, month: 6, day: null }],
  ['2023年6月', { year: 2023, month: 6, day: null }],
  ['2023年11月20日', { year: 2023, month: 11, day: 20 }],
  ['2023-12-31', { year: 2023, month: 12, day: 31 }],
  ['2023.12.31前', { year: 2023, month: 12, day: 31 }],
  ['2023年1-12月', { year: 2023, month: 12, day: null }],
  ['2023年1月至12月', { year: 2023, month: 12, day: null }],
  ['每月15日前报送', { year: null, month: null, day: 15 }],
  ['第3季度完成', { year: null, month: 9, day: null }],
  ['2023年第3季度前', { year: 2023, month: 9, day: null }],
  ['12.31前完成', { year: null, month: 12, day: 31 }],
  ['截止12月31日', { year: null, month: 12, day: 31 }],
  ['按期完成', null],
  ['及时', null],
  ['及时上报', null],
  ['如期完成', null],
  ['开工前完成', null],
];

const EMPTY: string[] = [
  '',
  ' ',
  '\u3000',
  '\n\t',
  '/',
  '／',
  '—',
  '-',
  '--',
  '无',
  '——',
  '…',
  '……',
  '－',
  '暂无',
  'N/A',
];

describe('parseValue: the Values table of domain.md', () => {
  it.each(DOMAIN_TABLE)('%s', (raw, op, value, unit, kind) => {
    expect(parseValue(raw)).toEqual({ raw, op, value, unit, kind });
  });
});

describe('parseValue: operators written as symbols, full-width forms and words', () => {
  it.each(OPERATORS)('%s', (raw, op, value, unit, kind) => {
    expect(parseValue(raw)).toEqual({ raw, op, value, unit, kind });
  });
});

describe('parseValue: numbers, magnitudes and units as written', () => {
  it.each(NUMBERS_AND_UNITS)('%s', (raw, op, value, unit, kind) => {
    expect(parseValue(raw)).toEqual({ raw, op, value, unit, kind });
  });

  it('reads 109.79 as exactly the decimal written, not a float neighbour', () => {
    expect(parseValue('109.79亿').value).toBe(109.79);
    expect(parseValue('0.1万元').value).toBe(0.1);
  });

  it('leaves upper out of a value that is not a range', () => {
    expect('upper' in parseValue('≥90%')).toBe(false);
  });

  it('keeps the name in front of a value out of the value', () => {
    // a number in the name and the operator before the value: the value is the last quantity
    expect(parseValue('引进100亿元以上项目数≥3个')).toMatchObject({
      op: '>=',
      value: 3,
      unit: '个',
      kind: Q,
    });
    // one number in a sentence: the sentence counts that thing
    expect(parseValue('完成3个项目的验收工作并及时上报')).toMatchObject({
      op: null,
      value: 3,
      unit: '个',
      kind: Q,
    });
  });
});

describe('parseValue: ranges give the lower bound in value and the upper in upper', () => {
  it.each(RANGES)('%s', (raw, value, upper, unit) => {
    expect(parseValue(raw)).toEqual({ raw, op: '>=', value, upper, unit, kind: Q });
  });
});

describe('parseValue: words without a number are qualitative', () => {
  it.each(QUALITATIVE)('%s', (raw) => {
    expect(parseValue(raw)).toEqual({ raw, op: null, value: null, unit: null, kind: 'qualitative' });
  });
});

describe('parseValue and parseDeadline: time limits', () => {
  it.each(DEADLINES)('%s', (raw, date) => {
    expect(parseValue(raw)).toEqual({ raw, op: null, value: null, unit: null, kind: 'deadline' });
    expect(parseDeadline(raw)).toEqual(date);
  });

  it('gives no date for values that are not deadlines', () => {
    expect(parseDeadline('≥90%')).toBeNull();
    expect(parseDeadline('达成预期指标')).toBeNull();
    expect(parseDeadline('')).toBeNull();
  });

  it('lets a count win over the time words around it', () => {
    expect(parseValue('及时率≥95%')).toMatchObject({ op: '>=', value: 95, unit: '%', kind: Q });
    expect(parseValue('2023年12月底前完成3个项目')).toMatchObject({ value: 3, unit: '个', kind: Q });
  });
});

describe('parseValue: placeholders are empty', () => {
  it.each(EMPTY)('%j', (raw) => {
    expect(parseValue(raw)).toEqual({ raw, op: null, value: null, unit: null, kind: 'empty' });
  });
});

describe('parseValue: hostile input', () => {
  it('never throws on lone surrogates and control characters, and returns raw unchanged', () => {
    for (const raw of [
      '\ud800',
      '\udc00≥90%',
      '9\ud83d0%',
      '\u0000\u0001\u007f',
      '\u202e≥90%',
      '≥\u200b90%',
    ]) {
      expect(parseValue(raw).raw).toBe(raw);
    }
    expect(parseValue('≥\u200b90%')).toMatchObject({ op: '>=', value: 90, unit: '%' });
  });

  it('handles a number too large for a JS number without inventing one', () => {
    const raw = '9'.repeat(400);
    expect(parseValue(raw)).toEqual({ raw, op: null, value: null, unit: null, kind: 'qualitative' });
  });

  it('parses 100 000-character strings in linear time', () => {
    const inputs = [
      '1'.repeat(100_000),
      '≥'.repeat(100_000),
      '1-'.repeat(50_000),
      '1,'.repeat(50_000),
      '2023年'.repeat(20_000),
      `0.${'5'.repeat(100_000)}`,
      '大于'.repeat(50_000) + '90%',
      '完成'.repeat(50_000),
      '（含）'.repeat(30_000),
    ];
    const started = performance.now();
    for (const raw of inputs) expect(parseValue(raw).raw).toBe(raw);
    // generous bound: a quadratic scan of these would take minutes
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

interface ExpectedValue {
  raw: string;
  op?: ValueOp | null;
  value?: number | null;
  unit?: string | null;
  kind?: ValueKind;
}

describe('parseValue: target and actual cells of the sample forms', () => {
  const dir = samplesDir();
  const files = readdirSync(dir).filter((f) => f.endsWith('.expected.json'));

  it('finds the sample files', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files)('%s: every judged target/actual parses as expected', (file) => {
    const expected = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      indicators?: Array<{ target?: ExpectedValue; actual?: ExpectedValue }>;
    };
    const mismatches: string[] = [];
    for (const [n, indicator] of (expected.indicators ?? []).entries()) {
      for (const side of ['target', 'actual'] as const) {
        const cell = indicator[side];
        if (cell === undefined) continue;
        const parsed = parseValue(cell.raw);
        expect(parsed.raw).toBe(cell.raw);
        if (cell.kind === undefined) continue;
        const want = {
          op: cell.op ?? null,
          value: cell.value ?? null,
          unit: cell.unit ?? null,
          kind: cell.kind,
        };
        const got = { op: parsed.op, value: parsed.value, unit: parsed.unit, kind: parsed.kind };
        if (JSON.stringify(want) !== JSON.stringify(got)) {
          mismatches.push(`indicators[${n}].${side} ${JSON.stringify(cell.raw)}: ${JSON.stringify(got)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('judges all 42 typed cells of the seed form', () => {
    const seed = JSON.parse(readFileSync(join(dir, 'seed-hubei-dept-2023.expected.json'), 'utf8')) as {
      indicators: Array<{ target: ExpectedValue; actual: ExpectedValue }>;
    };
    const typed = seed.indicators.flatMap((i) => [i.target, i.actual]).filter((v) => v.kind !== undefined);
    expect(typed.length).toBe(42);
  });
});
