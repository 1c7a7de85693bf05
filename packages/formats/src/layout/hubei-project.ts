/**
 * 湖北-style 项目支出绩效自评表 (also used in Yunnan): the department form's budget block with
 * 年度财政资金总额, one 年度绩效目标 whose label may carry its points ("年度绩效目标1 (80分)"),
 * and the same indicator columns without weights.
 */
import type { Layout } from './types.ts';

export const hubeiProject: Layout = {
  id: 'hubei-project',
  title: '湖北省项目支出绩效自评表',
  kind: 'project',
  profile: 'hubei-2020',
  signatures: [
    { pattern: /20分\*执行率/, weight: 3 },
    { pattern: /\(20分\)/, weight: 1 },
    { pattern: /^年初目标值\(A\)$/, weight: 2 },
    { pattern: /^年度财政资金总额/, weight: 3 },
    { pattern: /^年度绩效目标\d/, weight: 2 },
    { pattern: /^项目名称/, weight: 1 },
  ],
  indicatorColumns: ['level1', 'level2', 'name', 'target', 'actual', 'score'],
  budgetColumns: ['planned', 'executed', 'rate', 'score'],
};
