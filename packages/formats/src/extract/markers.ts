/**
 * The words that open the parts of a form: header fields, the budget block, goals, the
 * indicator table and the footer. All patterns are matched against a cell's compact text
 * (NFKC, no whitespace), so '偏差大或 目标未完成 原因分析' and '总 分' read as written.
 */
import { BUDGET_TITLE } from '../layout/headers.ts';
import { mayMatchAny } from '../layout/prefilter.ts';
import { memo } from './memo.ts';

export type HeadField =
  | 'unit'
  | 'implementer'
  | 'department'
  | 'project'
  | 'filledOn'
  | 'publisher'
  | 'basicTotal'
  | 'projectTotal'
  | 'ignore';

const HEAD_FIELDS: readonly (readonly [RegExp, HeadField])[] = [
  [/^(预算)?单位名称$/, 'unit'],
  [/^部门(\(单位\))?名称$/, 'unit'],
  [/^(项目)?实施单位(\(盖章\))?$/, 'implementer'],
  [/^主管部门(\(单位\))?(名称)?$/, 'department'],
  [/^项目名称$/, 'project'],
  [/^(填报|填表|填写)日期$/, 'filledOn'],
  [/^(发文单位|发布机构|发布单位|来源)$/, 'publisher'],
  [/^基本支出(总额)?(\(万元\))?$/, 'basicTotal'],
  [/^项目支出(总额)?(\(万元\))?$/, 'projectTotal'],
  [
    /^(项目负责人及电话|项目负责人|联系电话|联系人|项目类别|项目属性|索引号|发文字号|发文日期|发布日期|公开目录|主题分类|效力状态|文号|浏览量|项目编码|项目类型)$/,
    'ignore',
  ],
];

export interface HeadFieldMatch {
  field: HeadField;
  inline: string | null;
}

/** A header field's label, either alone ('项目名称') or with its value ('单位名称：某中心'). */
function headFieldUncached(key: string): HeadFieldMatch | null {
  const m = /^([^:：]{2,16})[:：](.*)$/.exec(key);
  const label = (m ? m[1]! : key).replace(/[:：]+$/, '');
  for (const [re, field] of HEAD_FIELDS) {
    if (re.test(label)) {
      const inline = m?.[2] ? m[2] : null;
      return { field, inline: inline === '' ? null : inline };
    }
  }
  return null;
}
const headFieldCached = memo(headFieldUncached);
// The label is the start of the key and every field pattern is anchored there: a key whose first
// character starts none is refused without a lookup in the cache.
const MAY_BE_HEAD_FIELD = mayMatchAny(HEAD_FIELDS.map(([re]) => re));
export function headField(key: string): HeadFieldMatch | null {
  return MAY_BE_HEAD_FIELD(key) ? headFieldCached(key) : null;
}

/** The value part of a 'label：value' cell, from its text (spaces inside the value kept). */
export function inlineValue(text: string): string | null {
  const m = /^[^:：]{2,20}[:：]\s*(.*)$/s.exec(text.trim());
  const v = m?.[1]?.trim();
  return v ? v : null;
}

/** A form's title: '2023年度…整体绩效自评表', '项目支出绩效自评表', '绩效目标自评表'. */
export function isTitle(key: string): boolean {
  // every title word holds 评: a key without it is refused before the two regexes
  return key.length <= 80 && key.includes('评') && TITLE.test(key.replace(/\(修改\)$/, ''));
}
const TITLE = /(自评表|评价表|自评报告|自评情况表)(\(.*\))?$/;

/** The year of an evaluation from a title-like cell: '(2022年度)', '2019年度)', '…表(2023年度)'. */
export function yearIn(key: string): number | null {
  if (!key.includes('年度')) return null;
  const m = /((?:19|20)\d{2})年度/.exec(key);
  if (!m?.[1]) return null;
  const titleLike = isTitle(key) || /自评|绩效|评价/.test(key) || key.length <= 12;
  return titleLike ? Number(m[1]) : null;
}

export function isDepartmentWord(key: string): boolean {
  // each word holds 整体: a key without it is refused without the regex
  return key.includes('整体') && /整体绩效|部门\(单位\)整体|部门整体|单位整体/.test(key);
}

export function isBudgetTitle(key: string): boolean {
  return BUDGET_TITLE.test(key);
}

/**
 * '年度目标 1:', '年度绩效目标1 (80分)', '目标2：' → the goal's number and points; '年度目标1：做好服务'
 * also carries its text.
 */
export function numberedGoal(key: string): { n: number; points: number | null; inline: boolean } | null {
  // the substring tests before the patterns here: each word of the goal block holds 目标, 项目 or
  // 完成情况, and most cells hold none
  if (!key.includes('目标')) return null;
  const m = NUMBERED_GOAL.exec(key);
  if (!m?.[1]) return null;
  const rest = m[3] ?? '';
  const inline = rest !== '' && /[:：]/.test(key.slice(0, key.length - rest.length));
  if (rest !== '' && !inline) return null;
  // hundreds of digits (a damaged cell) are no score: Infinity is not a number the model takes
  const points = m[2] === undefined || !Number.isFinite(Number(m[2])) ? null : Number(m[2]);
  return { n: Number(m[1]), points, inline };
}

const NUMBERED_GOAL = /^(?:年度)?(?:绩效)?(?:工作)?目标(\d+)[:：]?(?:\((\d+(?:\.\d+)?)分\))?[:：]?(.*)$/;

/** The header of a project's overall goal block. */
export function isOverallGoalHeader(key: string): boolean {
  return key.includes('目标') && (OVERALL_GOAL_HEADER.test(key) || overallGoalInline(key) !== null);
}
const OVERALL_GOAL_HEADER =
  /^(\d+[.、])?(年度总体目标|项目年度目标|总体目标|年度绩效目标|项目绩效目标)(完成情况)?[:：]?$/;

/** '年度总体目标：完成…' with the goal in the same cell. */
export function overallGoalInline(key: string): string | null {
  if (!key.includes('目标')) return null;
  const m = OVERALL_GOAL_INLINE.exec(key);
  return m?.[2] ?? null;
}
const OVERALL_GOAL_INLINE = /^(年度总体目标|项目年度目标|总体目标|年度绩效目标|项目绩效目标)[:：](.+)$/;

/** Sub-headers inside the goal block: which column holds the goal, which its outcome. */
export function goalSubHeader(key: string): 'text' | 'outcome' | null {
  if (key.includes('目标') && GOAL_TEXT_HEADER.test(key)) return 'text';
  if (key.includes('完成情况') && GOAL_OUTCOME_HEADER.test(key)) return 'outcome';
  return null;
}
const GOAL_TEXT_HEADER = /^(预期目标|年初设定目标|项目年度目标|年度目标|绩效目标|年度总体目标|目标内容)$/;
const GOAL_OUTCOME_HEADER =
  /^(实际完成情况|年度总体目标完成情况综述|年度目标完成情况|完成情况|实际完成情况综述|目标完成情况)$/;

/** Section titles inside the goal block that hold nothing themselves. */
export function isGoalSectionTitle(key: string): boolean {
  return key.includes('项目') && GOAL_SECTION_TITLE.test(key);
}
const GOAL_SECTION_TITLE = /^(\d+[.、])?(项目基本情况|项目年度目标完成情况|项目实施内容及过程概述)$/;

export type FooterField =
  | 'total'
  | 'grade'
  | 'deviationAnalysis'
  | 'improvementPlan'
  | 'conclusion'
  | 'problems';

const FOOTER_FIELDS: readonly (readonly [RegExp, FooterField])[] = [
  [/^(总分|合计|总计|总得分|自评总分|综合得分|自评得分合计|得分合计)[:：]?$/, 'total'],
  [/^(自评等级|评价等级|等级|自评结果|评价结果|绩效等级)[:：]?$/, 'grade'],
  [/^(偏差大或|偏差较大或)?(目标)?未完成(的)?原因(分析)?[:：]?$/, 'deviationAnalysis'],
  [/^偏差大.*原因(分析)?[:：]?$/, 'deviationAnalysis'],
  [/^(主要)?偏差(及)?原因分析[:：]?$/, 'deviationAnalysis'],
  [/^改进措施(及结果应用方案|及应用方案|和结果应用方案)?[:：]?$/, 'improvementPlan'],
  [/^(评价结论|自评结论|总体评价|综合评价结论)[:：]?$/, 'conclusion'],
  [/^(存在(的)?问题|存在问题及原因)[:：]?$/, 'problems'],
];

function footerFieldUncached(key: string): FooterField | null {
  for (const [re, field] of FOOTER_FIELDS) if (re.test(key)) return field;
  return null;
}
const footerFieldCached = memo(footerFieldUncached);
const MAY_BE_FOOTER_FIELD = mayMatchAny(FOOTER_FIELDS.map(([re]) => re));
export function footerField(key: string): FooterField | null {
  return MAY_BE_FOOTER_FIELD(key) ? footerFieldCached(key) : null;
}

/** Lines after the form proper: signatures, notes and remarks. */
export function isEndMatter(key: string): boolean {
  return END_MATTER.test(key);
}
const END_MATTER =
  /^(项目负责人|财务负责人|单位负责人|填表人|填报人|审核人|联系电话|注[:：0-9]|备注|说明[:：]|填表说明|附件\d)/;

/**
 * Every pattern the marker words of this module are matched by (head and footer fields, the
 * budget title, goal headers, titles, end matter), for a prefilter that must refuse only keys
 * none of them matches. A function added here with its own pattern adds the pattern here too.
 */
export const MARKER_PATTERNS: readonly RegExp[] = [
  ...HEAD_FIELDS.map(([re]) => re),
  ...FOOTER_FIELDS.map(([re]) => re),
  BUDGET_TITLE,
  TITLE,
  NUMBERED_GOAL,
  OVERALL_GOAL_HEADER,
  OVERALL_GOAL_INLINE,
  GOAL_TEXT_HEADER,
  GOAL_OUTCOME_HEADER,
  GOAL_SECTION_TITLE,
  END_MATTER,
];
