/** A: a score below zero, on a row, the budget block or the total. */
import { plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath } from './support.ts';

export const scoreNegative: Rule = {
  code: 'score-negative',
  class: 'arithmetic',
  severity: 'error',
  title: '得分为负数',
  basis: '各项得分在0分与其分值之间（财预〔2020〕10号：未达成的指标最低得0分）',
  run(ctx) {
    const ev = ctx.evaluation;
    const out: RawFinding[] = [];
    if (ev.budget.score !== null && ev.budget.score < 0) {
      out.push({
        path: 'budget.score',
        message: `预算执行得分为 ${plain(ev.budget.score)} 分，得分不能为负数。`,
      });
    }
    ev.indicators.forEach((ind, i) => {
      if (ind.score !== null && ind.score < 0) {
        out.push({
          path: indicatorPath(i, 'score'),
          message: `“${ind.name}”得分为 ${plain(ind.score)} 分，得分不能为负数，最低为0分。`,
        });
      }
    });
    if (ev.totalReported !== null && ev.totalReported < 0) {
      out.push({ path: 'totalReported', message: `总分为 ${plain(ev.totalReported)} 分，总分不能为负数。` });
    }
    return out;
  },
};
