/** B: no annual goal, or a goal cell that holds no words (a number, a placeholder, the template's instructions). */
import type { RawFinding, Rule } from '../types.ts';
import { excerpt, isBlank, isTemplateText } from './support.ts';

export const goalMissing: Rule = {
  code: 'goal-missing',
  class: 'completeness',
  severity: 'warning',
  title: '年度目标未填写',
  basis: '自评表须列明年度绩效目标，绩效指标是对目标的细化和量化（财预〔2020〕10号）',
  run(ctx) {
    const goals = ctx.evaluation.goals;
    if (goals.length === 0) {
      return [{ path: 'goals', message: '未填写年度绩效目标，无法判断绩效指标是否支撑目标。' }];
    }
    const out: RawFinding[] = [];
    goals.forEach((g, i) => {
      const text = g.text.trim();
      let message: string | null = null;
      if (text === '') message = `年度目标${i + 1}内容为空。`;
      else if (isBlank(text)) message = `年度目标${i + 1}只填了“${excerpt(text)}”，没有写明要达成的目标。`;
      else if (isTemplateText(text)) message = `年度目标${i + 1}只保留了模板的填写说明“${excerpt(text)}”。`;
      if (message !== null) out.push({ path: `goals[${i}].text`, message });
    });
    return out;
  },
};
