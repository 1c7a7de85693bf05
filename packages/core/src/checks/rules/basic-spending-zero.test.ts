import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { basicSpendingZero as rule } from './basic-spending-zero.ts';
import { CLEAN, type Edit, edited, found, profile, SEED } from './testkit.ts';

const run = (json: EvaluationInput, edit?: Edit) => found(rule, edited(json, edit), profile('hubei-2020'));

describe('basic-spending-zero', () => {
  it('notes the seed’s 基本支出总额 0 beside 项目支出 390.76万元', () => {
    expect(run(SEED)).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: 'budget.basicTotal',
        place: '预算执行情况 / 基本支出总额',
        message:
          '部门整体支出自评表的基本支出总额为0，项目支出总额390.76万元；部门整体支出通常包含人员经费和公用经费，请核实基本支出是否漏填或由其他单位承担。',
      }),
    ]);
  });

  it('is silent when basic spending is given, or unknown (null is not 0)', () => {
    expect(run(SEED, (j) => Object.assign(j.budget, { basicTotal: 120.5 }))).toEqual([]);
    expect(run(SEED, (j) => Object.assign(j.budget, { basicTotal: null }))).toEqual([]);
  });

  it('does not apply to project forms, which have no basic spending', () => {
    expect(run(CLEAN, (j) => Object.assign(j.budget, { basicTotal: 0 }))).toEqual([]);
  });
});
