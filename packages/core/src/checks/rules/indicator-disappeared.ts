/** F: indicators of last year's form that this year's form no longer lists. */
import type { Rule } from '../types.ts';
import { keyIndex, keysOf, lastYearOf } from './support.ts';

const LISTED = 5;

export const indicatorDisappeared: Rule = {
  code: 'indicator-disappeared',
  class: 'history',
  severity: 'info',
  title: '上年指标本年未再列示',
  basis: '同一单位（项目）的绩效指标应保持年度间可比，指标调整或取消应说明理由（复核实务）',
  needs: ['history'],
  run(ctx) {
    const ly = lastYearOf(ctx);
    if (ly === null) return [];
    const now = keyIndex(ctx.evaluation);
    const gone: string[] = [];
    const seen = new Set<string>();
    keysOf(ly.last).forEach((key, k) => {
      if (key === '' || now.has(key) || seen.has(key)) return;
      seen.add(key);
      gone.push(ly.last.indicators[k]?.name.trim() ?? key);
    });
    if (gone.length === 0) return [];
    const names = gone
      .slice(0, LISTED)
      .map((n) => `“${n}”`)
      .join('、');
    const more = gone.length > LISTED ? `等${gone.length}个指标` : '';
    return [
      {
        path: 'indicators',
        message: `${ly.label}的指标${names}${more}本年未再列示；如指标调整或取消，应说明理由。`,
      },
    ];
  },
};
