/**
 * C: name and target run together in one cell. Either the target carries an indicator name
 * ("部门职工认可度≥90%" on the row named 保障部门工作正常开展，提高办公环境质量), or the name ends
 * with its target ("年度资金支付完成率100%", with the target cell left blank).
 */
import { parseValue } from '../../values/parseValue.ts';
import { foldText, isDigitAt, isHanAt, longestAt } from '../../values/text.ts';
import { PREFIX_OP_INDEX } from '../../values/vocabulary.ts';
import type { RawFinding, Rule } from '../types.ts';
import { compact, indicatorPath, shown } from './support.ts';

// Words that join a name to its value without being part of the name ("覆盖率达到100%").
const JOINERS = ['控制在', '保持在', '达到', '实现', '保持', '完成', '为', '在', '达', '约'];

// What a measured quantity's name ends with: a rate, a degree, a count, an amount …
const METRIC_ENDINGS = [
  '率',
  '度',
  '数',
  '量',
  '额',
  '值',
  '比例',
  '比重',
  '占比',
  '指数',
  '面积',
  '收入',
  '营收',
  '产值',
];
// … but not a period ("每季度≥1次").
const PERIOD_ENDINGS = ['季度', '年度', '月度'];

function hanCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isHanAt(s, i)) n++;
  return n;
}

// A target that starts with its operator or number has no name before it (most do).
const STARTS_WITH_VALUE = /^\s*[0-9≥≤><=＞＜≧≦＝]/;
const HAS_DIGIT = /[0-9０-９]/;

/** The words before the first operator or number of a target, without joining words. */
function leadingName(raw: string): { name: string; value: string } | null {
  if (STARTS_WITH_VALUE.test(raw)) return null;
  const text = foldText(raw);
  let i = 0;
  while (i < text.length && !isDigitAt(text, i) && longestAt(text, i, PREFIX_OP_INDEX) === null) i++;
  if (i === 0 || i === text.length) return null;
  let name = text.slice(0, i);
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const j of JOINERS) {
      if (name.length > j.length && name.endsWith(j)) {
        name = name.slice(0, -j.length);
        stripped = true;
        break;
      }
    }
  }
  return { name, value: text.slice(i) };
}

function looksLikeName(name: string, rowName: string): boolean {
  if (hanCount(name) < 3) return false;
  const key = compact(name);
  const row = compact(rowName);
  if (row !== '' && (row.includes(key) || key.includes(row))) return true;
  if (PERIOD_ENDINGS.some((e) => key.endsWith(e))) return false;
  return METRIC_ENDINGS.some((e) => key.endsWith(e));
}

// A name ending in a percentage, or in an operator, a number and a short unit.
const TRAILING_TARGET =
  /(?:(?:[≥≤><=]|不低于|不少于|不高于|不超过|达到)?\d+(?:\.\d+)?[%‰]|[≥≤><=]\d+(?:\.\d+)?[^\d]{0,3})$/;

/** The target a name ends with, and what is left of the name before it. */
function trailingTarget(name: string): { name: string; target: string } | null {
  if (!HAS_DIGIT.test(name)) return null;
  const text = foldText(name);
  const m = TRAILING_TARGET.exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index);
  if (hanCount(before) < 2) return null;
  const parsed = parseValue(m[0]);
  if (parsed.kind !== 'quantitative') return null;
  return { name: before, target: m[0] };
}

export const targetInName: Rule = {
  code: 'target-in-name',
  class: 'target-quality',
  severity: 'warning',
  title: '指标名称与目标值混写',
  basis:
    '三级指标名称与指标值应分栏填写：名称写“测什么”，指标值写“达到多少”（自评表三级指标、年度指标值分栏）',
  run(ctx) {
    const out: RawFinding[] = [];
    ctx.evaluation.indicators.forEach((ind, i) => {
      if (ind.target.kind === 'quantitative') {
        const lead = leadingName(ind.target.raw);
        if (lead !== null && looksLikeName(lead.name, ind.name)) {
          out.push({
            path: indicatorPath(i, 'target'),
            message: `“${ind.name}”的年度指标值“${shown(ind.target)}”含有指标名称“${lead.name}”；应分栏填写（三级指标“${lead.name}”，年度指标值“${lead.value}”）。`,
          });
          return;
        }
      }
      const tail = trailingTarget(ind.name);
      if (tail === null) return;
      const cell =
        ind.target.kind === 'empty' ? '年度指标值栏却为空' : `年度指标值栏为“${shown(ind.target)}”`;
      out.push({
        path: indicatorPath(i, 'name'),
        message: `指标名称“${ind.name}”中含有目标值“${tail.target}”，${cell}；应分栏填写（三级指标“${tail.name}”，年度指标值“${tail.target}”）。`,
      });
    });
    return out;
  },
};
