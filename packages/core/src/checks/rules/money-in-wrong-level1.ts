/**
 * D: a money or economic figure (纳税, 营收, 投资 … in 元 or 亿) filed under 满意度指标, or under
 * 产出指标 outside its 成本指标. Such figures are effects on the economy the unit serves.
 */
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath, labelsText } from './support.ts';

/**
 * Investment words name the unit's own output on some forms (a construction project's 完成投资,
 * an investment-promotion office's 招商引资 quota), so under 产出指标 they are only a hint.
 */
const OUTPUT_AMBIGUOUS: ReadonlySet<string> = new Set([
  '投资',
  '固定资产投资',
  '融资',
  '到位资金',
  '实际到位',
  '招商引资',
]);

export const moneyInWrongLevel1: Rule = {
  code: 'money-in-wrong-level1',
  class: 'classification',
  severity: 'warning',
  title: '经济金额类指标归入满意度或产出指标',
  basis:
    '产出指标反映提供的公共产品和服务，经济效益指标反映产出对经济发展的影响，满意度指标反映服务对象的认可程度（财预〔2015〕88号、财预〔2020〕10号）',
  run(ctx) {
    const out: RawFinding[] = [];
    for (const f of factsOf(ctx.evaluation)) {
      const word = f.moneyWord;
      if (word === null) continue;
      const ind = f.indicator;
      const figure = `“${ind.name}”（目标${ind.target.raw.trim() || '未填'}）`;
      if (f.parent === '满意度指标') {
        out.push({
          path: indicatorPath(f.index, 'level1'),
          message: `${figure}是“${word}”类经济金额指标，却列在${labelsText(f)}下；满意度指标只反映服务对象的满意程度，该指标应归入效益指标/经济效益指标。`,
        });
      } else if (f.parent === '产出指标' && f.level2Standard !== '成本指标') {
        // Before 2021 成本指标 was a 二级 under 产出指标: money there is the project's cost, not an effect.
        const ambiguous = OUTPUT_AMBIGUOUS.has(word);
        out.push({
          path: indicatorPath(f.index, 'level1'),
          ...(ambiguous ? { severity: 'info' as const } : {}),
          message: ambiguous
            ? `${figure}是“${word}”类金额指标，列在${labelsText(f)}下；如衡量的是本项目自身完成的投资或资金量可保留，如衡量对区域经济的带动效果，应归入效益指标/经济效益指标。`
            : `${figure}是“${word}”类经济效果指标，却列在${labelsText(f)}下；产出指标反映本单位直接提供的产品和服务，该指标应归入效益指标/经济效益指标。`,
        });
      }
    }
    return out;
  },
};
