/**
 * 四川 部门预算项目支出绩效自评表 (报表编号 510000_0013zp): 年初预算 / 调整后预算数 / 预算执行数 /
 * 预算执行率 / 权重 / 得分 / 原因, and indicators whose target is split over 指标性质 (=, ≥ …),
 * 指标值 and 度量单位, followed by 完成值, 权重, 得分 and 未完成原因分析.
 */
import type { Layout } from './types.ts';

export const sichuan2023: Layout = {
  id: 'sichuan-2023',
  title: '四川省部门预算项目支出绩效自评表（510000_0013zp）',
  kind: 'project',
  profile: 'sichuan-2023',
  signatures: [
    { pattern: /报表编号/, weight: 3 },
    { pattern: /510000_0013zp/i, weight: 5 },
    { pattern: /^指标性质$/, weight: 2 },
    { pattern: /^度量单位$/, weight: 3 },
    { pattern: /^权重$/, weight: 1 },
    { pattern: /^调整后预算数$/, weight: 1 },
    { pattern: /^未完成原因分析$/, weight: 1 },
  ],
  indicatorColumns: [
    'level1',
    'level2',
    'name',
    'op',
    'target',
    'unit',
    'actual',
    'weight',
    'score',
    'deviation',
  ],
  budgetColumns: ['initial', 'planned', 'executed', 'rate', 'weight', 'score', 'reason'],
};
