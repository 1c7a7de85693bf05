/** F: this year's target at or below what the same indicator actually reached last year. */
import type { RawFinding, Rule } from '../types.ts';
import {
  compareAmounts,
  factsOf,
  indicatorPath,
  isSatisfactionRate,
  lastYearOf,
  readsAsRate,
  shown,
} from './support.ts';

export const targetBelowLastActual: Rule = {
  code: 'target-below-last-actual',
  class: 'history',
  severity: 'warning',
  title: '目标值不高于上年实际完成值',
  basis:
    '指标值可参考历史标准（上年值、近三年平均值等）设定（财预〔2021〕101号）；不高于上年已达水平的目标，复核中视为设定偏低',
  needs: ['history'],
  run(ctx) {
    const ly = lastYearOf(ctx);
    if (ly === null) return [];
    const out: RawFinding[] = [];
    const facts = factsOf(ctx.evaluation);
    ctx.evaluation.indicators.forEach((ind, i) => {
      const m = ly.matches[i];
      const lastActual = m === null || m === undefined ? undefined : ly.last.indicators[m]?.actual;
      if (lastActual === undefined) return;
      // Satisfaction targets are a conventional floor (≥90%), not a plan figure; surveys drift.
      const f = facts[i];
      if (f === undefined || isSatisfactionRate(f)) return;
      const t = ind.target;
      // Only targets to be reached or beaten; a ceiling (≤ cost) rightly sits above last year's spending.
      if (t.kind !== 'quantitative' || (t.op !== null && t.op !== '>=' && t.op !== '>')) return;
      if (t.upper !== undefined && t.upper !== null) return;
      // A rate already at 100% cannot be set higher (forms drop the % on unitless 率 columns).
      if (readsAsRate(t, f.key) && t.value !== null && t.value >= 100) return;
      const cmp = compareAmounts(t, lastActual);
      if (cmp === null) return;
      if (cmp > 0 || (cmp === 0 && t.op === '>')) return;
      const relation = cmp < 0 ? '低于' : '等于';
      out.push({
        path: indicatorPath(i, 'target'),
        ...(cmp === 0 ? { severity: 'info' as const } : {}),
        message: `“${ind.name}”的目标值“${shown(t)}”${relation}${ly.label}实际完成值“${shown(lastActual)}”，目标设定偏低；绩效目标应参考以前年度实际水平，体现一定的进取性。`,
      });
    });
    return out;
  },
};
