/** D: a satisfaction or recognition rate filed outside 满意度指标 (部门职工认可度≥90% under 产出指标). */
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath, labelsText } from './support.ts';

export const satisfactionOutsideSatisfaction: Rule = {
  code: 'satisfaction-outside-satisfaction',
  class: 'classification',
  severity: 'warning',
  title: '满意度（认可度）指标未归入满意度指标',
  basis:
    '满意度指标反映服务对象或受益人对产出及其影响的认可程度（财预〔2015〕88号、财预〔2020〕10号），满意度、认可度归入此类',
  run(ctx) {
    const out: RawFinding[] = [];
    for (const f of factsOf(ctx.evaluation)) {
      if (f.satisfactionWord === null || f.moneyWord !== null) continue;
      // Unknown 一级: nothing to compare. A satisfaction 二级 under another 一级 is level2-wrong-parent's.
      if (f.parent === null || f.parent === '满意度指标') continue;
      if (f.level2Standard === '服务对象满意度指标') continue;
      const ind = f.indicator;
      const what =
        f.satisfactionIn === 'name' ? `“${ind.name}”` : `“${ind.name}”的目标值“${ind.target.raw.trim()}”`;
      out.push({
        path: indicatorPath(f.index, 'level1'),
        message: `${what}是一项${f.satisfactionWord}（满意度类）指标，却列在${labelsText(f)}下；满意度、认可度类指标应归入满意度指标/服务对象满意度指标。`,
      });
    }
    return out;
  },
};
