/**
 * Header words → column roles, as data. Matched against a cell's compact text (NFKC, every
 * space and line break removed, trailing colon dropped), so '年度 指标值', '年度\n指标值' and
 * '实际完成值（B）' all read the same.
 */

import { anyOf } from './any-of.ts';
import { mayMatchAny } from './prefilter.ts';
import type { BudgetRole, IndicatorRole } from './types.ts';

export const INDICATOR_HEADER_WORDS: readonly (readonly [RegExp, IndicatorRole])[] = [
  [/^(年度)?绩效指标(完成情况)?(\(\d+(\.\d+)?分\))?$/, 'group'],
  [/^一级(指标)?(\(\d+(\.\d+)?分\))?$/, 'level1'],
  [/^二级(指标)?$/, 'level2'],
  [/^三级(指标)?(名称)?$/, 'name'],
  [/^(绩效)?指标名称$/, 'name'],
  [/^(年初|年度|预期|计划|全年)?(目标|指标)值(\(A\))?$/, 'target'],
  [/^调整(后)?(目标|指标)值$/, 'adjustedTarget'],
  [/^(实际完成值|实际完成|完成值|全年实际值|实际值|全年完成值|实际完成情况值)(\(B\))?$/, 'actual'],
  [/^(分值|权重|指标权重|满分|标准分值)$/, 'weight'],
  [/^(得分|指标得分|自评得分|评分)$/, 'score'],
  [
    /^(偏差原因分析及改进措施|未完成原因分析|未完成原因及.*|偏差原因.*|原因分析及改进措施|备注)$/,
    'deviation',
  ],
  [/^指标性质$/, 'op'],
  [/^(度量|计量)单位$/, 'unit'],
  [/^得分系数(\(%\))?$/, 'coefficient'],
  [/^是否核心指标$/, 'core'],
];

export const BUDGET_HEADER_WORDS: readonly (readonly [RegExp, BudgetRole])[] = [
  [/^年初预算(数)?$/, 'initial'],
  [/^(全年预算数|全年预算|调整后预算数|调整后预算|预算数)(\(A\))?$/, 'planned'],
  [/^(全年执行数|全年执行|执行数|预算执行数|实际执行数|实际支出)(\(B\))?$/, 'executed'],
  [/^(预算)?执行率(\(B\/A\))?(\(%\))?$/, 'rate'],
  [/^(分值|权重|执行率权重)$/, 'weight'],
  [/^得分(\(.*\))?$/, 'score'],
  [/^(原因|偏差原因|执行偏差原因|未完成原因|原因分析|备注|说明)$/, 'reason'],
];

/** A budget block's title cell: '预算执行情况(万元)(20分)', '项目资金(万元)', '资金情况(万元)'. */
export const BUDGET_TITLE =
  /^((年度|部门|单位|项目)?(预算执行情况|预算资金执行情况)|项目资金|资金情况|预算资金情况|项目资金情况|资金投入情况|资金使用情况)/;

/** Header cells that only group others: '年度预算数(万元)'. */
export const BUDGET_GROUP = /^(年度预算数|预算资金|资金来源)(\((万元|元|千元)\))?$/;

function stripColon(key: string): string {
  const last = key.charCodeAt(key.length - 1);
  // most keys end in no colon, and replace() would still run the regex over them
  return last === 0x3a || last === 0xff1a ? key.replace(/[:：]+$/, '') : key;
}

const ANY_INDICATOR_WORD = anyOf(INDICATOR_HEADER_WORDS.map(([re]) => re));
const ANY_BUDGET_WORD = anyOf(BUDGET_HEADER_WORDS.map(([re]) => re));
// before the regex: a key whose first character starts no header word is none
const MAY_BE_INDICATOR_WORD = mayMatchAny(INDICATOR_HEADER_WORDS.map(([re]) => re));
const MAY_BE_BUDGET_WORD = mayMatchAny(BUDGET_HEADER_WORDS.map(([re]) => re));

// Not memoised: with the one-regex refusal a call costs about what a lookup of a new string in a
// large cache does, and the keys joinWrappedCells glues together to try would only churn it.
export function indicatorRoleOf(key: string): IndicatorRole | null {
  const k = stripColon(key);
  if (!MAY_BE_INDICATOR_WORD(k) || !ANY_INDICATOR_WORD.test(k)) return null;
  for (const [re, role] of INDICATOR_HEADER_WORDS) if (re.test(k)) return role;
  return null;
}

export function budgetRoleOf(key: string): BudgetRole | null {
  const k = stripColon(key);
  if (!MAY_BE_BUDGET_WORD(k) || !ANY_BUDGET_WORD.test(k)) return null;
  for (const [re, role] of BUDGET_HEADER_WORDS) if (re.test(k)) return role;
  return null;
}

/** Points a header cell states for its column: '得分(20分*执行率)' → 20, '绩效指标(90分)' → 90. */
export function pointsIn(key: string): number | null {
  const m = /\((\d+(?:\.\d+)?)分/.exec(key);
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** The money unit a header states: '(万元)' → 万元. */
export function moneyUnitIn(key: string): string | null {
  const m = /\((万元|元|千元|亿元)\)/.exec(key);
  return m?.[1] ?? null;
}

export function isBudgetGroupWord(key: string): boolean {
  return BUDGET_GROUP.test(key);
}
