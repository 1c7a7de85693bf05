import { describe, expect, it } from 'vitest';
import { anyOf } from './any-of.ts';
import { BUDGET_HEADER_WORDS, INDICATOR_HEADER_WORDS } from './headers.ts';
import { LAYOUTS } from './index.ts';

const KEYS = [
  '一级指标',
  '一级指标(50分)',
  '年度指标值',
  '年度指标值(A)',
  '实际完成值(B)',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
  '未完成原因及改进措施',
  '全年预算数(A)',
  '执行率(B/A)(%)',
  '得分(20分*执行率)',
  '项目名称：某项目',
  '整体绩效自评表',
  '510000_0013ZP',
  '产出指标',
  '数量指标',
  '≥90%',
  '100',
  '一级指标二级指标',
  '指标',
  '',
];

describe('anyOf', () => {
  it('matches a key exactly when one of the patterns does', () => {
    const lists = [
      INDICATOR_HEADER_WORDS.map(([re]) => re),
      BUDGET_HEADER_WORDS.map(([re]) => re),
      LAYOUTS.flatMap((l) => l.signatures.map((s) => s.pattern)).filter((re) => re.flags === ''),
    ];
    let matched = 0;
    for (const list of lists) {
      const any = anyOf(list);
      for (const key of KEYS) {
        const some = list.some((re) => re.test(key));
        expect(any.test(key), `${key} against ${any}`).toBe(some);
        if (some) matched++;
      }
    }
    // the keys hold both kinds, or the comparison proves nothing
    expect(matched).toBeGreaterThan(10);
    expect(matched).toBeLessThan(KEYS.length * lists.length);
  });

  it('refuses patterns whose meaning the union would change', () => {
    expect(() => anyOf([/^a$/i])).toThrow();
    expect(() => anyOf([/^(a)\1$/])).toThrow();
    expect(anyOf([/^a$/, /^b/]).test('bc')).toBe(true);
  });
});
