import { foldText } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { alignCells, type Slot } from './align.ts';
import {
  isEmptyMark,
  isPlaceholderName,
  isValueLike,
  joinLines,
  parseDate,
  parseMoney,
  parseRate,
  parseScore,
  plainNumber,
  pointsMarker,
  stripTemplatePrefix,
} from './cells.ts';
import type { Tok } from './tokens.ts';

describe('cell readings', () => {
  it('read rates as printed, as fractions', () => {
    expect(parseRate('100%').value).toBe(1);
    expect(parseRate('83.5%').value).toBe(0.835);
    expect(parseRate('100.00%').value).toBe(1);
    expect(parseRate('0.1')).toEqual({ value: 0.1, ok: true, assumedPercent: false });
    expect(parseRate('86')).toEqual({ value: 0.86, ok: true, assumedPercent: true });
    expect(parseRate('-')).toEqual({ value: null, ok: true, assumedPercent: false });
    expect(parseRate('大约')).toMatchObject({ value: null, ok: false });
  });

  it('read money with its written unit, placeholders as null', () => {
    expect(parseMoney('150万')).toEqual({ value: 150, unit: '万', ok: true });
    expect(parseMoney('1,234.50')).toEqual({ value: 1234.5, unit: null, ok: true });
    expect(parseMoney('—').value).toBeNull();
    expect(parseMoney('见附件').ok).toBe(false);
  });

  it('read scores and dates', () => {
    expect(parseScore('8.0').value).toBe(8);
    expect(parseScore('5分').value).toBe(5);
    expect(parseScore('/')).toEqual({ value: null, ok: true });
    expect(parseScore('达成').ok).toBe(false);
    expect(parseDate('2024.6.10')).toBe('2024-06-10');
    expect(parseDate('填报日期：2022年7月5日')).toBe('2022-07-05');
    expect(parseDate('2024-13-01')).toBeNull();
  });

  it('tell values from names', () => {
    for (const v of ['≥90%', '15', '150万', '0.1', '＞95%', '29.5亩']) expect(isValueLike(v), v).toBe(true);
    for (const n of ['2019年新型农业经营主体扶持项目', '1.预算执行率=…', '回应率100%', '指标1:x'])
      expect(isValueLike(n), n).toBe(false);
  });

  it('strip template prefixes and recognise placeholder rows', () => {
    expect(stripTemplatePrefix('指标1:完成项目')).toBe('完成项目');
    expect(stripTemplatePrefix('指标2工程验收合格率')).toBe('工程验收合格率');
    expect(stripTemplatePrefix('指标完成率')).toBe('指标完成率');
    for (const p of ['指标2:', '……', '/', '指标1:/', '指标2', '—'])
      expect(isPlaceholderName(p), p).toBe(true);
    expect(isPlaceholderName('服务对象满意度')).toBe(false);
    expect(pointsMarker('（30分）')).toBe(30);
    expect(pointsMarker('产出指标(50分)')).toBeNull();
  });

  it('join lines that only wrapped Chinese text', () => {
    expect(joinLines('项目资金\n(万元)')).toBe('项目资金(万元)');
    expect(joinLines('abc\ndef')).toBe('abc def');
  });
});

function tok(text: string, col = 0): Tok {
  return {
    text,
    key: text,
    empty: text === '',
    row: 0,
    col,
    grid: 0,
    stream: false,
    positional: true,
    cuttable: false,
    centred: false,
    rowSpan: 1,
    lastRow: 0,
    rowCells: 8,
    preamble: false,
    where: `第${col + 1}格`,
    source: {},
  };
}

const num = (t: Tok) => (/^\d+(\.\d+)?$/.test(t.text) ? 1 : -Infinity);
const any = () => 1;

describe('alignCells', () => {
  const slots: Slot<'target' | 'actual' | 'weight' | 'score'>[] = [
    { role: 'target', col: 4, fit: any },
    { role: 'actual', col: 5, fit: any },
    { role: 'weight', col: 6, fit: num, preference: 0.05 },
    { role: 'score', col: 7, fit: num, preference: 0.1 },
  ];

  it('places cells by index when every column has its cell', () => {
    const a = alignCells([tok('1'), tok(''), tok('10'), tok('9')], slots);
    expect(a.method).toBe('index');
    expect(a.cells.actual?.empty).toBe(true);
  });

  it('places filled cells in order when empty ones moved', () => {
    const a = alignCells([tok(''), tok('95%'), tok('100%'), tok('10'), tok('10')], slots);
    expect(a.method).toBe('order');
    expect(a.cells.target?.text).toBe('95%');
  });

  it('gives two numbers to 分值 and 得分 when a row lost its empty cells', () => {
    const a = alignCells([tok('10'), tok('10', 1)], slots);
    expect(a.method).toBe('align');
    expect([a.cells.target, a.cells.weight?.text, a.cells.score?.text]).toEqual([undefined, '10', '10']);
  });

  it('uses the header columns to place a row with blanks, and reports a cell that fits nowhere', () => {
    const a = alignCells([tok('=100%', 4), tok('60', 6)], slots, { positional: true, shift: 0 });
    expect([a.cells.target?.text, a.cells.actual, a.cells.weight?.text]).toEqual(['=100%', undefined, '60']);
    const b = alignCells([tok('95%'), tok('98%'), tok('达成'), tok('很好'), tok('10')], slots.slice(0, 2));
    expect(b.unused.map((t) => t.text)).toEqual(['达成', '很好', '10']);
  });
});

describe('the shortcuts of plainNumber, isValueLike and isEmptyMark', () => {
  // the three as defined: on the folded text, its commas removed
  const reference = {
    plainNumber(text: string): number | null {
      const t = foldText(text).replace(/,/g, '');
      if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return null;
      const n = Number(t);
      return Number.isFinite(n) ? n : null;
    },
    isValueLike(text: string): boolean {
      const t = foldText(text).replace(/,/g, '');
      if (t.length === 0) return false;
      if (/^[≥≤><=＞＜≧≦]/.test(t)) return true;
      return /^[-+]?\d+(\.\d+)?[^\d]{0,4}$/.test(t);
    },
    isEmptyMark(text: string): boolean {
      const t = foldText(text);
      if (t.length === 0) return true;
      return /^([-/\\~_·.。、…]+|无|空|暂无|N\/A)$/i.test(t);
    },
  };
  const alphabet = [
    ...'0123456789.,-+ %≥≤≧＞＜＝＋－，．０５９NnA/\\~_·。、…无空暂有万元个次分a中\u3000\u00a0',
  ];

  it('agree with the definitions on texts made of the characters that matter', () => {
    let seed = 3;
    const next = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    for (let n = 0; n < 30_000; n++) {
      let text = '';
      for (let k = Math.floor(next() * 7); k >= 0; k--)
        text += alphabet[Math.floor(next() * alphabet.length)];
      expect(plainNumber(text), text).toBe(reference.plainNumber(text));
      expect(isValueLike(text), text).toBe(reference.isValueLike(text));
      expect(isEmptyMark(text), text).toBe(reference.isEmptyMark(text));
    }
  });
});
