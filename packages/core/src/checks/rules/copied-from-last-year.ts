/**
 * F: values copied from last year's form: an actual figure identical to last year's, and, when
 * most indicators repeat last year's target and actual word for word, one warning for the form.
 */
import type { Value } from '../../model/evaluation.ts';
import { foldText } from '../../values/text.ts';
import type { RawFinding, Rule } from '../types.ts';
import { compareAmounts, indicatorPath, keysOf, lastYearOf, readsAsRate, shown } from './support.ts';

/** A figure worth comparing: quantitative, not zero, not a rate at 100% (the 率 may have lost its %). */
function telling(v: Value, key: string): boolean {
  if (v.kind !== 'quantitative' || v.value === null || v.value === 0) return false;
  return !(readsAsRate(v, key) && v.value >= 100);
}

/** The same text as written, but for spaces and full-width forms (most cells are equal as they are). */
function sameText(a: string, b: string): boolean {
  return a === b || foldText(a) === foldText(b);
}

export const copiedFromLastYear: Rule = {
  code: 'copied-from-last-year',
  class: 'history',
  severity: 'info',
  title: '指标值与上年完全相同',
  basis: '自评应如实反映本年度实际完成情况；连续年度数值完全相同的，复核时应核实是否照抄上年',
  needs: ['history'],
  thresholds: ['copiedShare'],
  run(ctx) {
    const ly = lastYearOf(ctx);
    if (ly === null) return [];
    const inds = ctx.evaluation.indicators;
    const out: RawFinding[] = [];
    let identical = 0;
    const keys = keysOf(ctx.evaluation);
    inds.forEach((ind, i) => {
      const m = ly.matches[i];
      const prev = m === null || m === undefined ? undefined : ly.last.indicators[m];
      if (prev === undefined) return;
      const sameTarget = sameText(ind.target.raw, prev.target.raw);
      const sameActual = sameText(ind.actual.raw, prev.actual.raw);
      if (sameTarget && sameActual) identical++;
      // 100%, 1个 against a target of 1个 … repeat every year in honest forms; a figure such as
      // 19次 against ≥12次 repeating exactly is what copying leaves behind.
      if (!telling(ind.actual, keys[i] ?? '')) return;
      if (compareAmounts(ind.actual, prev.actual) !== 0) return;
      if (compareAmounts(ind.target, ind.actual) === 0) return;
      out.push({
        path: indicatorPath(i, 'actual'),
        message: `“${ind.name}”的实际完成值“${shown(ind.actual)}”与${ly.label}完全相同${sameTarget ? '，目标值也未变' : ''}；请核实是否为本年度实际数据。`,
      });
    });
    const share = ctx.threshold('copiedShare');
    if (inds.length >= 3 && identical >= 3 && identical >= share * inds.length) {
      out.unshift({
        path: 'indicators',
        severity: 'warning',
        message: `本年${inds.length}个指标中有${identical}个的目标值和实际完成值与${ly.label}逐字相同；请核实自评表是否照抄上年，并按本年度实际完成情况填报。`,
      });
    }
    return out;
  },
};
