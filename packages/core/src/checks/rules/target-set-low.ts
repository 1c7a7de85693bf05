/**
 * C: the actual is a multiple of the target (2× by default, threshold `targetSetLow`): the target
 * was probably set too low. Info: it concerns next year's target setting, not this year's score.
 */
import { dec, plain, round } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath, shown } from './support.ts';

export const targetSetLow: Rule = {
  code: 'target-set-low',
  class: 'target-quality',
  severity: 'info',
  thresholds: ['targetSetLow'],
  title: '目标值可能定得过低',
  basis:
    '绩效目标应积极可行、与预算规模匹配；实际完成远超目标的，编制下年目标时应参考实际完成水平（目标设定通行要求）',
  run(ctx) {
    const factor = ctx.threshold('targetSetLow');
    const out: RawFinding[] = [];
    for (const s of ctx.score.indicators) {
      if (s.formula !== 'positive' || s.ratio === null || s.ratio < factor) continue;
      const ind = ctx.evaluation.indicators[s.index];
      if (!ind) continue;
      out.push({
        path: indicatorPath(s.index, 'target'),
        message: `“${ind.name}”实际完成 ${shown(ind.actual)}，是年度指标值 ${shown(ind.target)} 的 ${plain(round(dec(s.ratio), 1))} 倍，目标可能定得过低；编制下年目标时应参考实际完成水平。`,
      });
    }
    return out;
  },
};
