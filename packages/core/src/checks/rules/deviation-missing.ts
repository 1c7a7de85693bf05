/**
 * B: an indicator that missed its target or scored below its weight, with no reason given: no
 * note on its row and no mention in the form's analysis. When the form does have an analysis that
 * just does not name the row, the finding is info: shortfalls are often explained together
 * (一是…二是…), and the reviewer judges whether this one is covered.
 */
import { plain } from '../../decimal/decimal.ts';
import type { RawFinding, Rule } from '../types.ts';
import { explanationOf, fellShort, indicatorPath, shown } from './support.ts';

export const deviationMissing: Rule = {
  code: 'deviation-missing',
  class: 'completeness',
  severity: 'warning',
  title: '未达成目标或未得满分未说明原因',
  basis:
    '未完成绩效目标或偏差较大的，应分析说明原因并提出改进措施（财预〔2020〕10号；自评表“偏差原因分析及改进措施”）',
  run(ctx) {
    const out: RawFinding[] = [];
    for (const s of ctx.score.indicators) {
      const ind = ctx.evaluation.indicators[s.index];
      if (!ind || !fellShort(ind, s)) continue;
      const explained = explanationOf(ind, ctx);
      if (explained === 'row' || explained === 'named') continue;
      const what: string[] = [];
      if (s.met === false) what.push(`未达成目标（目标 ${shown(ind.target)}，实际 ${shown(ind.actual)}）`);
      if (ind.score !== null && s.effectiveWeight !== null && ind.score < s.effectiveWeight) {
        what.push(`得分 ${plain(ind.score)} 分低于分值 ${plain(s.effectiveWeight)} 分`);
      }
      const finding: RawFinding = {
        path: indicatorPath(s.index, 'deviation'),
        message: `“${ind.name}”${what.join('，')}，但该行未填写偏差原因，${explained === 'unnamed' ? '表末偏差分析也未提及该指标，请核实是否已作说明' : '表内也没有偏差分析'}。`,
      };
      if (explained === 'unnamed') finding.severity = 'info';
      out.push(finding);
    }
    return out;
  },
};
