import { describe, expect, it } from 'vitest';
import { compactText } from '../extract/cells.ts';
import { budgetRoleOf, indicatorRoleOf, moneyUnitIn, pointsIn } from './headers.ts';
import { LAYOUTS, recognizeLayout, scoreLayouts } from './index.ts';

const keys = (...cells: string[]) => cells.map(compactText);

describe('recognizeLayout', () => {
  it('recognises each layout of domain.md §5 from its header words', () => {
    const cases: [string, string[]][] = [
      [
        'hubei-department',
        keys(
          '部门（单位）整体绩效自评表',
          '基本支出总额',
          '得分(20分*执行率)',
          '部门整体支出总额',
          '年度目标 1:',
          '年初目标值(A)',
        ),
      ],
      [
        'hubei-project',
        keys(
          '预算执行情况(万元)(20分)',
          '得分 (20分*执行率)',
          '年度财政资金总额',
          '年度绩效目标1 (80分)',
          '年初目标值(A)',
        ),
      ],
      [
        'national-project',
        keys(
          '全年预算数(A)',
          '全年执行数(B)',
          '分值',
          '年度 指标值',
          '偏差原因分析及改进措施',
          '年度资金总额',
        ),
      ],
      ['sichuan-2023', keys('报表编号:510000_0013zp', '指标性质', '度量单位', '权重', '调整后预算数')],
      ['chongqing-department', keys('执行率权重', '得分系数(%)', '是否核心指标', '调整指标值', '指标名称')],
    ];
    for (const [id, words] of cases) expect(recognizeLayout(words)?.layout.id, id).toBe(id);
  });

  it('finds no layout in a document without its header words', () => {
    expect(recognizeLayout(keys('姓名', '金额', '项目名称'))).toBeNull();
    expect(scoreLayouts([])[0]!.score).toBe(0);
  });

  it('gives each layout its kind and scoring profile', () => {
    const byId = Object.fromEntries(LAYOUTS.map((l) => [l.id, [l.kind, l.profile]]));
    expect(byId).toEqual({
      'hubei-department': ['department', 'hubei-2020'],
      'hubei-project': ['project', 'hubei-2020'],
      'national-project': ['project', 'national-2020'],
      'sichuan-2023': ['project', 'sichuan-2023'],
      'chongqing-department': ['department', 'national-2020'],
    });
  });
});

describe('header words', () => {
  it('map the spellings forms use to column roles', () => {
    const roles = [
      '一级 指标',
      '三级指标',
      '年初目标值（A）',
      '年度\n指标值',
      '全年实际值',
      '实际 完成值',
      '分值',
      '得分',
      '未完成原因及拟采取的改进措施',
      '指标性质',
      '度量单位',
    ].map((w) => indicatorRoleOf(compactText(w)));
    expect(roles).toEqual([
      'level1',
      'name',
      'target',
      'target',
      'actual',
      'actual',
      'weight',
      'score',
      'deviation',
      'op',
      'unit',
    ]);
    const budget = [
      '年初预算',
      '调整后预算数',
      '预算数 (A)',
      '执行数(B)',
      '执行率 (B/A)',
      '得分(20分*执行率)',
      '原因',
    ].map((w) => budgetRoleOf(compactText(w)));
    expect(budget).toEqual(['initial', 'planned', 'planned', 'executed', 'rate', 'score', 'reason']);
    expect(indicatorRoleOf('某某项目')).toBeNull();
  });

  it('read the points and money unit a header states', () => {
    expect(pointsIn(compactText('预算执行情况 (万元) (20分)'))).toBe(20);
    expect(pointsIn(compactText('得分（20分*执行率）'))).toBe(20);
    expect(moneyUnitIn(compactText('项目资金（万元）'))).toBe('万元');
    expect(pointsIn('得分')).toBeNull();
  });
});
