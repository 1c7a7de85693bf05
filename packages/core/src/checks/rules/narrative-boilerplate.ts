/**
 * B: the 偏差分析 or 改进措施 is only a stock phrase ("基本完成年度预算绩效目标"). Info in itself;
 * a warning when the form has something to explain: targets far exceeded or missed, or money
 * left unspent.
 */
import { NARRATIVE_FIELDS } from '../../profiles/schema.ts';
import type { RawFinding, Rule } from '../types.ts';
import { gapsOf, gapsText, isBoilerplate, NARRATIVE_NAMES } from './support.ts';

export const narrativeBoilerplate: Rule = {
  code: 'narrative-boilerplate',
  class: 'completeness',
  severity: 'info',
  title: '偏差分析或改进措施只有套话',
  basis:
    '偏差分析应针对具体指标说明原因，改进措施应具体可行；“基本完成年度目标”之类套话不构成分析（复核通行要求）',
  run(ctx) {
    const out: RawFinding[] = [];
    let toExplain: string | null = null;
    for (const field of NARRATIVE_FIELDS) {
      const text = ctx.evaluation[field];
      if (!isBoilerplate(text, ctx.boilerplate)) continue;
      toExplain ??= gapsText(ctx, gapsOf(ctx));
      const finding: RawFinding = {
        path: field,
        message: `“${NARRATIVE_NAMES[field]}”只写了套话“${(text ?? '').trim()}”`,
      };
      if (toExplain === '') {
        finding.message += '，没有具体内容。';
      } else {
        finding.severity = 'warning';
        finding.message +=
          field === 'deviationAnalysis'
            ? `，而${toExplain}，未作任何分析。`
            : `，而${toExplain}，未提出针对性的改进措施。`;
      }
      out.push(finding);
    }
    return out;
  },
};
