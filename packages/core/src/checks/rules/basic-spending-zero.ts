/** E: 基本支出总额 of 0 on a department form, whose whole spending always includes salaries and running costs. */
import { plain } from '../../decimal/decimal.ts';
import type { Rule } from '../types.ts';

export const basicSpendingZero: Rule = {
  code: 'basic-spending-zero',
  class: 'plausibility',
  severity: 'info',
  title: '部门整体支出的基本支出为0',
  basis: '部门（单位）整体支出包括基本支出（人员经费、公用经费）和项目支出，基本支出为0通常是漏填或口径有误',
  run(ctx) {
    const ev = ctx.evaluation;
    if (ev.kind !== 'department' || ev.budget.basicTotal !== 0) return [];
    const unit = ev.budget.moneyUnit;
    const project =
      ev.budget.projectTotal !== null && ev.budget.projectTotal !== undefined
        ? `，项目支出总额${plain(ev.budget.projectTotal)}${unit}`
        : '';
    return [
      {
        path: 'budget.basicTotal',
        message: `部门整体支出自评表的基本支出总额为0${project}；部门整体支出通常包含人员经费和公用经费，请核实基本支出是否漏填或由其他单位承担。`,
      },
    ];
  },
};
