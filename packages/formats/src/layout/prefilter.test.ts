import { describe, expect, it } from 'vitest';
import { BUDGET_GROUP, BUDGET_HEADER_WORDS, BUDGET_TITLE, INDICATOR_HEADER_WORDS } from './headers.ts';
import { LAYOUTS } from './index.ts';
import { mayMatchAny, requiredUnits } from './prefilter.ts';

const PATTERNS = [
  ...INDICATOR_HEADER_WORDS.map(([re]) => re),
  ...BUDGET_HEADER_WORDS.map(([re]) => re),
  BUDGET_TITLE,
  BUDGET_GROUP,
  ...LAYOUTS.flatMap((l) => l.signatures.map((s) => s.pattern)),
];

const WORDS = [
  '一级指标',
  '年度指标值(A)',
  '实际完成值(B)',
  '得分(20分*执行率)',
  '510000_0013ZP',
  '报表编号',
];
const PARTS = [
  ...'年度绩效指标完成情况一二三级名称预期计划全值目标调整后实际分权重满得自评偏差原因未及备注性质量单位系数是否核心算数执行率资金部门整体支出总额报表编号项基本财政(%)AB/:：0123456789.-≥≤zZp_ ',
];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

describe('mayMatchAny', () => {
  it('reads every header word and signature pattern the layouts list', () => {
    for (const re of PATTERNS) expect(requiredUnits(re), String(re)).not.toBeNull();
  });

  it('never refuses a text one of the patterns matches', () => {
    const may = mayMatchAny(PATTERNS);
    const next = random(7);
    const texts: string[] = [...WORDS];
    for (let n = 0; n < 20_000; n++) {
      const len = 1 + Math.floor(next() * 12);
      let t = '';
      for (let k = 0; k < len; k++) t += PARTS[Math.floor(next() * PARTS.length)];
      texts.push(t);
      // known words with something before or after them
      const w = WORDS[Math.floor(next() * WORDS.length)]!;
      texts.push(next() < 0.5 ? t + w : w + t);
    }
    for (const t of texts) {
      const matched = PATTERNS.some((re) => re.test(t));
      if (matched) expect(may(t), t).toBe(true);
      // a text given in two parts is judged as the whole
      const cut = Math.floor(next() * (t.length + 1));
      expect(may(t.slice(0, cut), t.slice(cut)), t).toBe(may(t));
    }
    expect(texts.some((t) => !may(t))).toBe(true);
  });

  it('refuses texts no pattern can match', () => {
    const may = mayMatchAny([/^(年度)?指标值$/, /整体绩效/, /ab/i]);
    expect(may('年度指标值')).toBe(true);
    expect(may('指标值')).toBe(true);
    expect(may('某某整体绩效自评')).toBe(true);
    expect(may('xAB')).toBe(true);
    expect(may('≥90%')).toBe(false);
    expect(may('值')).toBe(false);
  });

  it('asks a text with a shared first character for a character its patterns require', () => {
    const may = mayMatchAny([/^(\d+[.、])?(年度总体目标|项目基本情况)$/, /^\d+分$/]);
    expect(may('1.年度总体目标')).toBe(true);
    expect(may('项目基本情况')).toBe(true);
    expect(may('20分')).toBe(true);
    expect(may('2024年')).toBe(true);
    expect(may('100')).toBe(false);
    expect(may('96.7%')).toBe(false);
    // a pattern that requires nothing beyond its first character lets every such text through
    expect(mayMatchAny([/^(\d+[.、])?(年度总体目标)$/, /^\d/])('100')).toBe(true);
  });

  it('lets everything through for a pattern it cannot read', () => {
    expect(requiredUnits(/^.a/)).toBeNull();
    expect(requiredUnits(/a|b/)).toBeNull();
    expect(requiredUnits(/^(a)?$/)).toBeNull();
    expect(requiredUnits(/^a/m)).toBeNull();
    const may = mayMatchAny([/^a/, /\w+/]);
    expect(may('≥90%')).toBe(true);
  });
});
