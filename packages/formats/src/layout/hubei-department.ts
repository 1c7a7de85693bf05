/**
 * 湖北 部门（单位）整体绩效自评表 (the seed): budget block worth 20 points ("得分(20分*执行率)"),
 * 基本支出总额 / 项目支出总额, then per 年度目标 N an indicator table with 年初目标值(A),
 * 实际完成值(B) and 得分, without weights.
 */
import type { Layout } from './types.ts';

export const hubeiDepartment: Layout = {
  id: 'hubei-department',
  title: '湖北省部门（单位）整体绩效自评表',
  kind: 'department',
  profile: 'hubei-2020',
  signatures: [
    { pattern: /20分\*执行率/, weight: 3 },
    { pattern: /\(20分\)/, weight: 1 },
    { pattern: /^年初目标值\(A\)$/, weight: 2 },
    { pattern: /部门整体支出总额/, weight: 3 },
    { pattern: /^基本支出总额$/, weight: 2 },
    { pattern: /整体绩效/, weight: 2 },
    { pattern: /^年度目标\d+[:：]?$/, weight: 2 },
  ],
  indicatorColumns: ['group', 'level1', 'level2', 'name', 'target', 'actual', 'score'],
  budgetColumns: ['planned', 'executed', 'rate', 'score'],
};
