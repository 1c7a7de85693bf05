/** E: the same indicator listed twice: same name under one goal, or same name and target under two. */
import type { Goal } from '../../model/evaluation.ts';
import { foldText } from '../../values/text.ts';
import type { RawFinding, Rule } from '../types.ts';
import { factsOf, indicatorPath } from './support.ts';

// At module level rather than made on every run: most forms never need it.
function goalText(goals: readonly Goal[], id: string | null): string {
  const k = id === null ? -1 : goals.findIndex((g) => g.id === id);
  return k >= 0 ? `目标${k + 1}` : '另一目标';
}

export const duplicateIndicator: Rule = {
  code: 'duplicate-indicator',
  class: 'plausibility',
  severity: 'warning',
  title: '指标重复列示',
  basis: '同一指标重复列示会重复计分；各目标的指标应各自反映该目标的产出和效果',
  run(ctx) {
    const out: RawFinding[] = [];
    const seen = new Map<string, number[]>();
    for (const f of factsOf(ctx.evaluation)) {
      if (f.key === '') continue;
      const earlier = seen.get(f.key);
      if (earlier === undefined) {
        seen.set(f.key, [f.index]);
        continue;
      }
      earlier.push(f.index);
      const ind = f.indicator;
      const all = ctx.evaluation.indicators;
      const sameGoal = earlier.find((k) => k !== f.index && all[k]?.goal === ind.goal);
      if (sameGoal !== undefined) {
        out.push({
          path: indicatorPath(f.index, 'name'),
          message: `“${ind.name}”与第${sameGoal + 1}个指标重复（同一目标下名称相同），同一指标不应重复列示和计分。`,
        });
        continue;
      }
      const target = foldText(ind.target.raw);
      const sameTarget = earlier.find((k) => k !== f.index && foldText(all[k]?.target.raw ?? '') === target);
      if (sameTarget !== undefined && target !== '') {
        out.push({
          path: indicatorPath(f.index, 'name'),
          severity: 'info',
          message: `“${ind.name}”（目标${ind.target.raw.trim()}）与${goalText(ctx.evaluation.goals, all[sameTarget]?.goal ?? null)}的第${sameTarget + 1}个指标名称和目标值相同，请核实是否重复列示。`,
        });
      }
    }
    return out;
  },
};
