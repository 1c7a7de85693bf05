/**
 * Suggested wording for the gaps a reviewer finds: a draft of the 偏差分析 / 改进措施 text the
 * unit should write, with the figures filled in and the parts only the unit knows left as
 * "……" for it to complete. Suggestions never state a cause as fact.
 */
import { percentText, plain } from '../decimal/decimal.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { ScoreResult } from '../scoring/types.ts';
import type { Finding } from './types.ts';

export interface Suggestion {
  /** which text to write: the row's deviation note or the form's narrative fields */
  field: 'deviation' | 'deviationAnalysis' | 'improvementPlan';
  /** the path of that field */
  path: string;
  text: string;
}

function indicatorIndex(path: string): number | null {
  const m = /^indicators\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
}

function pct(ratio: number | null): string {
  return ratio === null ? '—' : percentText(ratio, 1);
}

/** Overshoot and miss descriptions for every indicator the score flags, used by the narrative drafts. */
function deviationLines(ev: Evaluation, score: ScoreResult): string[] {
  const lines: string[] = [];
  for (const s of score.indicators) {
    const ind = ev.indicators[s.index];
    if (!ind) continue;
    if (s.overshoot) {
      lines.push(
        `“${ind.name}”实际完成${ind.actual.raw}，为目标${ind.target.raw}的${pct(s.ratio)}，超额完成的原因是……`,
      );
    } else if (s.met === false) {
      lines.push(
        `“${ind.name}”目标${ind.target.raw}，实际完成${ind.actual.raw}（${pct(s.ratio)}），未完成的原因是……`,
      );
    }
  }
  const rate = score.budget.rate.computed;
  if (rate !== null && rate < 1) {
    const unspent =
      ev.budget.planned !== null && ev.budget.executed !== null
        ? `，未执行${plain(Math.round((ev.budget.planned - ev.budget.executed) * 100) / 100)}${ev.budget.moneyUnit}`
        : '';
    lines.push(`预算执行率${pct(rate)}${unspent}，原因是……`);
  }
  return lines;
}

const IMPROVEMENT_DRAFT =
  '一是针对上述偏差……（具体措施、责任部门和完成时限）；二是根据本年实际完成情况合理设定下年度绩效目标值，' +
  '对超额完成较多的指标适当提高目标；三是将自评结果应用于下年度预算安排和项目管理……';

export function suggestWording(finding: Finding, ev: Evaluation, score: ScoreResult): Suggestion | null {
  const k = indicatorIndex(finding.path);
  const ind = k === null ? undefined : ev.indicators[k];
  const s = k === null ? undefined : score.indicators[k];
  switch (finding.code) {
    case 'overshoot-unexplained':
      if (!ind || !s) return null;
      return {
        field: 'deviation',
        path: `indicators[${k}].deviation`,
        text:
          `实际完成${ind.actual.raw}，为目标${ind.target.raw}的${pct(s.ratio)}，超出目标较多。原因是……` +
          '（如服务需求增加、工作力度加大、年初目标设定偏低）。下年度将参考本年实际完成情况合理提高目标值。',
      };
    case 'deviation-missing':
      if (!ind || !s) return null;
      return {
        field: 'deviation',
        path: `indicators[${k}].deviation`,
        text: `目标${ind.target.raw}，实际完成${ind.actual.raw}（${pct(s.ratio)}），未达到目标。原因是……；拟采取的改进措施：……，预计于……前完成。`,
      };
    case 'low-execution-unexplained': {
      const lines = deviationLines(ev, score).filter((l) => l.startsWith('预算执行率'));
      return {
        field: 'deviationAnalysis',
        path: 'deviationAnalysis',
        text: `${lines.join('；')}（如项目进度滞后、资金结余、政策调整）。`,
      };
    }
    case 'narrative-missing':
    case 'narrative-boilerplate': {
      if (finding.path === 'improvementPlan') {
        return { field: 'improvementPlan', path: 'improvementPlan', text: IMPROVEMENT_DRAFT };
      }
      const lines = deviationLines(ev, score);
      const text =
        lines.length > 0
          ? `${lines.map((l, i) => `${i + 1}. ${l}`).join('；')}。`
          : '本年度各项绩效目标均已完成，未出现较大偏差；主要做法是……';
      return { field: 'deviationAnalysis', path: 'deviationAnalysis', text };
    }
    default:
      return null;
  }
}
