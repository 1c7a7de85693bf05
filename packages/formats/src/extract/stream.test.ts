import { describe, expect, it } from 'vitest';
import { BUDGET_GROUP, BUDGET_HEADER_WORDS, INDICATOR_HEADER_WORDS } from '../layout/headers.ts';
import { requiredUnits } from '../layout/prefilter.ts';
import { MARKER_PATTERNS } from './markers.ts';
import { isMarkerKey, isMarkerKeyUncached } from './stream.ts';

const KEYS = [
  '项目名称',
  '单位名称:某某中心',
  '年度总体目标',
  '年度目标1:',
  '1.年度总体目标完成情况',
  '目标2(20分):做好服务',
  '预算执行情况(万元)(20分)',
  '全年预算数(A)',
  '一级指标',
  '产出指标(50分)',
  '数量指标',
  '总分',
  '自评等级',
  '2023年度项目支出绩效自评表',
  '整体绩效自评表(修改)',
  '注:本表',
  '附件1',
  '填表人:张三',
  '≥95%',
  '100',
  '新建道路长度',
  '完成年度目标任务，资金使用规范。',
  '',
];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

describe('isMarkerKey', () => {
  it('reads every pattern of its prefilter', () => {
    const patterns = [
      ...MARKER_PATTERNS,
      ...BUDGET_HEADER_WORDS.map(([re]) => re),
      ...INDICATOR_HEADER_WORDS.map(([re]) => re),
      BUDGET_GROUP,
    ];
    for (const re of patterns) expect(requiredUnits(re), String(re)).not.toBeNull();
  });

  it('agrees with the list of what a marker is', () => {
    const chars = [...new Set(KEYS.join(''))];
    const next = random(11);
    const keys = [...KEYS];
    for (let n = 0; n < 20_000; n++) {
      const a = KEYS[Math.floor(next() * KEYS.length)]!;
      const cut = Math.floor(next() * (a.length + 1));
      let extra = '';
      for (let k = Math.floor(next() * 4); k > 0; k--) extra += chars[Math.floor(next() * chars.length)];
      keys.push(next() < 0.5 ? a.slice(0, cut) + extra : extra + a.slice(cut));
    }
    for (const k of keys) expect(isMarkerKey(k), k).toBe(isMarkerKeyUncached(k));
    expect(KEYS.filter((k) => isMarkerKey(k)).length).toBeGreaterThan(10);
  });
});
