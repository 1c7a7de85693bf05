/** C: a quantitative target without ≥, ≤ or =, so whether more is better has to be guessed. */
import type { RawFinding, Rule } from '../types.ts';
import { indicatorPath, shown } from './support.ts';

export const targetNoOperator: Rule = {
  code: 'target-no-operator',
  class: 'target-quality',
  severity: 'info',
  title: '目标值未写比较方向',
  basis:
    '定量指标应注明指标性质（≥、≤、=），以确定正向或反向计分（四川510000_0013zp“指标性质”栏；财预〔2020〕10号计分方法）',
  run(ctx) {
    const out: RawFinding[] = [];
    ctx.evaluation.indicators.forEach((ind, i) => {
      const t = ind.target;
      if (ind.applicable === false || t.kind !== 'quantitative' || t.value === null || t.op !== null) return;
      // A range ("90%-95%") states its direction by its bounds.
      if (t.upper !== undefined && t.upper !== null) return;
      out.push({
        path: indicatorPath(i, 'target'),
        message: `“${ind.name}”的年度指标值“${shown(t)}”未写比较方向（≥、≤ 或 =），计分时按“≥”（越高越好）处理；请写明方向。`,
      });
    });
    return out;
  },
};
