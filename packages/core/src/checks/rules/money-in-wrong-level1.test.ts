import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../model/evaluation.ts';
import { moneyInWrongLevel1 as rule } from './money-in-wrong-level1.ts';
import { CLEAN, type Edit, edited, found, rowAt } from './testkit.ts';

const run = (edit: Edit) => found(rule, edited(CLEAN, edit));
/** Row 6 of the clean fixture sits under 满意度指标, row 0 under 产出指标/数量指标. */
function put(j: EvaluationInput, k: number, name: string, target: string, actual: string) {
  Object.assign(rowAt(j, k), { name, target: { raw: target }, actual: { raw: actual } });
}

describe('money-in-wrong-level1', () => {
  it('finds nothing on the clean fixture (单处工程平均造价 ≤45万元 is a 成本指标)', () => {
    expect(run(() => {})).toEqual([]);
  });

  it.each([
    ['纳税百万以上企业合计纳税', '15亿元', '19.57亿元', '纳税'],
    ['本年新增园区固定资产总投资', '100亿元', '109.79亿', '投资'],
    ['园区企业营业收入', '≥5000万元', '5200万元', '营业收入'],
    ['外贸进出口总额', '5亿', '5.9亿', '进出口'],
  ])('flags %s under 满意度指标', (name, target, actual, word) => {
    const found = run((j) => put(j, 6, name, target, actual));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'indicators[6].level1' });
    expect(found[0]!.message).toBe(
      `“${name}”（目标${target}）是“${word}”类经济金额指标，却列在满意度指标/服务对象满意度指标下；满意度指标只反映服务对象的满意程度，该指标应归入效益指标/经济效益指标。`,
    );
  });

  it('also reads the money unit written in the name', () => {
    const found = run((j) => put(j, 6, '企业纳税额（万元）', '≥300', '320'));
    expect(found).toHaveLength(1);
  });

  it('warns on an economic effect under 产出指标, and only hints at investment there', () => {
    const found = run((j) => {
      put(j, 0, '园区企业纳税总额', '≥15亿元', '19亿元');
      put(j, 1, '完成固定资产投资', '≥500万元', '520万元');
    });
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      ['indicators[0].level1', 'warning'],
      ['indicators[1].level1', 'info'],
    ]);
    expect(found[0]!.message).toContain('产出指标反映本单位直接提供的产品和服务');
    expect(found[1]!.message).toContain('如衡量的是本项目自身完成的投资或资金量可保留');
  });

  it('accepts money under 成本指标, whether a 一级 (2021) or a 二级 of 产出指标 (before)', () => {
    expect(
      run((j) => {
        put(j, 3, '项目总投资', '≤500万元', '480万元');
        Object.assign(rowAt(j, 0), { level2: '成本指标' });
        put(j, 0, '运行维护投资', '150万', '150万');
      }),
    ).toEqual([]);
  });

  it('accepts economic figures under 效益指标', () => {
    expect(run((j) => put(j, 4, '带动农户增收', '≥11.376万元', '12万元'))).toEqual([]);
  });

  it('needs a money unit: counts and rates with an economic word are not money', () => {
    expect(
      run((j) => {
        put(j, 0, '招商引资项目个数', '≥3个', '4个');
        put(j, 1, '引进100亿元以上项目数', '1个', '1个');
        put(j, 6, '纳税人满意度', '≥90%', '93%');
      }),
    ).toEqual([]);
  });

  it('does not count the project’s own funds (资金, 预算) as an economic effect', () => {
    expect(
      run((j) => {
        put(j, 0, '工程资金金额', '43.2万元', '37.24万元');
        put(j, 6, '预算资金到位', '520万元', '520万元');
      }),
    ).toEqual([]);
  });
});
