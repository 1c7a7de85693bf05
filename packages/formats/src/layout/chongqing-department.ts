/**
 * 重庆 部门整体绩效自评表: budget with 执行率权重, and one indicator list with 指标名称, 计量单位,
 * 指标性质 (定量/定性), 年初指标值, 调整指标值, 全年完成值, 得分系数(%), 指标权重, 指标得分 and
 * 是否核心指标 — usually without 一级/二级 columns, which the extractor then infers from the names
 * where it can.
 */
import type { Layout } from './types.ts';

export const chongqingDepartment: Layout = {
  id: 'chongqing-department',
  title: '重庆市部门整体绩效自评表',
  kind: 'department',
  profile: 'national-2020',
  signatures: [
    { pattern: /^执行率权重/, weight: 4 },
    { pattern: /^得分系数/, weight: 4 },
    { pattern: /^是否核心指标$/, weight: 4 },
    { pattern: /^调整指标值$/, weight: 2 },
    { pattern: /^全年完成值$/, weight: 1 },
    { pattern: /^指标名称$/, weight: 1 },
  ],
  indicatorColumns: [
    'name',
    'unit',
    'op',
    'target',
    'adjustedTarget',
    'actual',
    'coefficient',
    'weight',
    'score',
    'core',
  ],
  budgetColumns: ['initial', 'planned', 'executed', 'rate', 'weight', 'score'],
};
