/**
 * The national 项目支出绩效自评表 of 财预〔2020〕10号 (Anhui, Hebei, Hubei cities …): 年初预算数 /
 * 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, one 年度总体目标 with 预期目标 and 实际完成情况,
 * and indicators with 年度指标值, 实际完成值, 分值, 得分 and 偏差原因分析及改进措施. Some
 * variants put 分值 before 年度指标值; the header row decides.
 */
import type { Layout } from './types.ts';

export const nationalProject: Layout = {
  id: 'national-project',
  title: '项目支出绩效自评表（财预〔2020〕10号）',
  kind: 'project',
  profile: 'national-2020',
  signatures: [
    { pattern: /^全年预算数/, weight: 2 },
    { pattern: /^全年执行数/, weight: 2 },
    { pattern: /^分值$/, weight: 1 },
    { pattern: /^年度指标值$/, weight: 2 },
    { pattern: /^偏差原因分析及改进措施$/, weight: 2 },
    { pattern: /^未完成原因及/, weight: 1 },
    { pattern: /^年度资金总额/, weight: 2 },
    { pattern: /^年度总体目标/, weight: 1 },
    { pattern: /^项目名称/, weight: 1 },
  ],
  indicatorColumns: ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'deviation'],
  budgetColumns: ['initial', 'planned', 'executed', 'weight', 'rate', 'score'],
};
