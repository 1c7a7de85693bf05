/**
 * A: the indicator weights do not add up to the profile's indicator total; where the profile
 * sets default 一级 weights (national: 产出 50, 效益 30, 满意度 10), each 一级 that departs from its
 * default is noted as info, since the defaults may be adjusted for a project.
 */
import { compare, dec, plain, sumNumbers } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { factsOf } from './support.ts';

export const weightsSumMismatch: Rule = {
  code: 'weights-sum-mismatch',
  class: 'arithmetic',
  severity: 'error',
  title: '指标分值合计与规定不符',
  basis: '绩效指标分值合计为评分规则规定的指标总分（全国90分：产出50、效益30、满意度10，可调整；湖北80分）',
  needs: ['weights'],
  run(ctx) {
    const p = ctx.profile;
    const inds = ctx.evaluation.indicators;
    if (inds.length === 0 || inds.some((i) => i.weight === null && i.applicable !== false)) return [];
    // A row that does not apply keeps its weight on paper (the engine shares it out); when such a
    // row gives no weight, its share is unknown and the sum cannot be judged.
    const unknownShare = inds.some((i) => i.weight === null);
    const sum = sumNumbers(inds.map((i) => i.weight ?? 0));
    const out: RawFinding[] = [];
    // `compare` with the shared decimal of the total: `equals` would make a decimal of it per call
    if (compare(sum, dec(p.indicatorTotal)) !== 0 && !unknownShare) {
      out.push({
        path: 'indicators',
        message: `各指标分值合计 ${plain(sum)} 分，评分规则“${p.name}”规定绩效指标共 ${plain(p.indicatorTotal)} 分，相差 ${plain(sum.minus(p.indicatorTotal).abs())} 分。`,
      });
    }
    const defaults = p.level1Weights;
    if (defaults === null || unknownShare) return out;

    const weights = new Map<string, number[]>();
    for (const { indicator: ind, parent } of factsOf(ctx.evaluation)) {
      let level1: string | null = parent;
      if (level1 === null) return out; // a row of unknown 一级: per-一级 sums would mislead
      // 成本指标 became its own 一级 in 2021, taking its weight out of 产出指标's default share.
      if (!(level1 in defaults) && level1 === '成本指标') level1 = '产出指标';
      const list = weights.get(level1);
      if (list === undefined) weights.set(level1, [ind.weight ?? 0]);
      else list.push(ind.weight ?? 0);
    }
    for (const [level1, expected] of Object.entries(defaults)) {
      const list = weights.get(level1);
      if (list === undefined) continue;
      const got = sumNumbers(list);
      if (compare(got, dec(expected)) === 0) continue;
      out.push({
        path: 'indicators',
        severity: 'info',
        message: `${level1}分值合计 ${plain(got)} 分，评分规则默认 ${plain(expected)} 分（可按项目实际调整，调整应有说明）。`,
      });
    }
    return out;
  },
};
