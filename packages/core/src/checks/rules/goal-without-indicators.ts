/** B: an annual goal with no indicator to measure it. */
import type { RawFinding, Rule } from '../types.ts';
import { excerpt } from './support.ts';

export const goalWithoutIndicators: Rule = {
  code: 'goal-without-indicators',
  class: 'completeness',
  severity: 'warning',
  title: '年度目标没有对应的绩效指标',
  basis: '每个年度目标都应细化为可衡量的绩效指标（财预〔2020〕10号：绩效目标应细化量化为绩效指标）',
  run(ctx) {
    const { goals, indicators } = ctx.evaluation;
    if (goals.length === 0) return [];
    const counts = new Map<string, number>(goals.map((g) => [g.id, 0]));
    let unassigned = 0;
    for (const ind of indicators) {
      if (ind.goal === null) unassigned++;
      else counts.set(ind.goal, (counts.get(ind.goal) ?? 0) + 1);
    }
    // With several goals and rows that name none, which goal a row serves is unknown.
    if (goals.length > 1 && unassigned > 0) return [];
    const out: RawFinding[] = [];
    goals.forEach((g, i) => {
      const n = (counts.get(g.id) ?? 0) + (goals.length === 1 ? unassigned : 0);
      if (n > 0) return;
      const text = g.text.trim() === '' ? '' : `“${excerpt(g.text)}”`;
      out.push({
        path: `goals[${i}]`,
        message: `年度目标${i + 1}${text}下没有任何绩效指标，目标的完成情况无法衡量。`,
      });
    });
    return out;
  },
};
