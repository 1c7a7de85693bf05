/**
 * B: the form's 偏差分析 or 改进措施 is blank, or holds only the template's instructions. A blank
 * analysis on a form where nothing deviated is info; 改进措施及结果应用方案 is always required
 * where the layout prints it.
 */
import { NARRATIVE_FIELDS } from '../../profiles/schema.ts';
import type { RawFinding, Rule } from '../types.ts';
import {
  excerpt,
  gapsOf,
  gapsText,
  hasNarrativeCell,
  isBlank,
  isTemplateText,
  NARRATIVE_NAMES,
} from './support.ts';

export const narrativeMissing: Rule = {
  code: 'narrative-missing',
  class: 'completeness',
  severity: 'warning',
  title: '偏差分析或改进措施未填写',
  basis:
    '自评须分析偏差原因、提出改进措施并说明结果应用（财预〔2020〕10号；湖北自评表“偏差大或目标未完成原因分析”“改进措施及结果应用方案”栏）',
  run(ctx) {
    const out: RawFinding[] = [];
    for (const field of NARRATIVE_FIELDS) {
      const text = ctx.evaluation[field];
      const template = isTemplateText(text);
      if (!isBlank(text) && !template) continue;
      if (!hasNarrativeCell(ctx, field)) continue;
      const name = NARRATIVE_NAMES[field];
      const state = template ? `只保留了模板的填写说明“${excerpt(text ?? '')}”` : '未填写';
      const finding: RawFinding = { path: field, message: `“${name}”${state}` };
      if (field === 'deviationAnalysis') {
        const toExplain = gapsText(ctx, gapsOf(ctx));
        if (toExplain === '') {
          finding.severity = 'info';
          finding.message += '；本表各指标均达成目标，可简要说明无偏差。';
        } else {
          finding.message += `，而${toExplain}，应逐项分析原因。`;
        }
      } else {
        finding.message += '；应针对存在的问题提出改进措施，并说明自评结果如何应用（如用于下年预算安排）。';
      }
      out.push(finding);
    }
    return out;
  },
};
