import { type Evaluation, parseValue, validate } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../../test-support/samples.ts';
import { coverage, type FormTable, flatRows, tableProblems } from '../table.ts';
import { labelRuns, splitTarget } from './common.ts';
import { EXPORT_LAYOUTS, exportLayoutById, resolveLayout } from './index.ts';

function samples(): { name: string; ev: Evaluation }[] {
  return loadSamples().map((s) => {
    const v = validate(s.expected);
    if (!v.ok) throw new Error(s.name);
    return { name: s.name, ev: v.evaluation };
  });
}

function sample(name: string): Evaluation {
  return samples().find((s) => s.name === name)!.ev;
}

function render(ev: Evaluation, layout?: string): FormTable {
  const r = resolveLayout(ev, layout);
  if (!r.ok) throw new Error(r.message);
  return r.layout.render(ev, r.profile);
}

/** The texts of a row, merged cells at their first position. */
function row(t: FormTable, first: string): string[] {
  const r = flatRows(t).find((cells) => cells.includes(first));
  if (!r) throw new Error(`no row with “${first}”`);
  return r;
}

describe('export layouts', () => {
  it('render every sample in every layout of its kind as a table without gaps or overlaps', () => {
    let tables = 0;
    for (const { name, ev } of samples()) {
      for (const layout of EXPORT_LAYOUTS.filter((l) => l.kind === ev.kind)) {
        const t = render(ev, layout.id);
        expect(tableProblems(t), `${name} in ${layout.id}`).toEqual([]);
        const holes = coverage(t).flatMap((cells, r) => cells.flatMap((c, k) => (c ? [] : [`${r}:${k}`])));
        expect(holes, `${name} in ${layout.id}`).toEqual([]);
        tables++;
      }
    }
    expect(tables).toBe(19);
  });

  it('lays out the seed like the Hubei department form', () => {
    const t = render(sample('seed-hubei-dept-2023'));
    expect(t.layout).toBe('hubei-department');
    expect(t.above.map((l) => [l.text, l.right ?? null])).toEqual([
      ['2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表', null],
      ['单位名称：光谷现代服务业园建设服务中心', '填报日期：2024年6月10日'],
    ]);
    expect(row(t, '单位名称')).toEqual(['单位名称', '', '光谷现代服务业园建设服务中心', '', '', '', '']);
    expect(row(t, '基本支出总额')).toEqual(['基本支出总额', '', '0.00', '项目支出总额', '390.76', '', '']);
    expect(row(t, '预算执行情况（万元）（20分）')).toEqual([
      '预算执行情况（万元）（20分）',
      '',
      '',
      '预算数（A）',
      '执行数（B）',
      '执行率（B/A）',
      '得分（20分*执行率）',
    ]);
    expect(row(t, '部门整体支出总额')).toEqual([
      '',
      '',
      '部门整体支出总额',
      '390.76',
      '390.76',
      '100.00%',
      '20',
    ]);
    const groups = t.rows.flat().filter((c) => c.text === '年度绩效指标');
    expect(groups.map((c) => c.rowSpan)).toEqual([6, 9, 9]);
    const goals = flatRows(t).filter((r) => /^年度目标 \d：$/.test(r[0]!));
    expect(goals.map((r) => r[0])).toEqual(['年度目标 1：', '年度目标 2：', '年度目标 3：']);
    // 产出指标 of goal 1 over its 3 rows; 质量指标 over its 2
    const l1 = t.rows.flat().find((c) => c.text === '产出指标')!;
    expect(l1.rowSpan).toBe(3);
    const l2 = t.rows.flat().find((c) => c.text === '质量指标')!;
    expect(l2.rowSpan).toBe(2);
    expect(row(t, '总分')).toEqual(['总分', '', '', '', '', '', '95']);
    expect(row(t, '偏差大或目标未完成原因分析')).toEqual([
      '偏差大或目标未完成原因分析',
      '',
      '基本完成年度预算绩效目标',
      '',
      '',
      '',
      '',
    ]);
    expect(row(t, '改进措施及结果应用方案')).toEqual(['改进措施及结果应用方案', '', '', '', '', '', '']);
    // each goal's block is kept on one page where it fits
    expect(t.keep).toHaveLength(3);
  });

  it('adds the 分值 and deviation columns only when the evaluation has them, with the 分值 total in 总分', () => {
    const ev = sample('seed-hubei-dept-2023');
    ev.indicators = ev.indicators.map((i) => ({ ...i, weight: 4 }));
    ev.indicators[0]!.deviation = '活动次数超出目标，下年度将提高目标值';
    const t = render(ev);
    expect(t.columns).toHaveLength(9);
    expect(row(t, '一级指标')).toEqual([
      '年度绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '年初目标值（A）',
      '实际完成值（B）',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ]);
    // 20 for the budget and 21 × 4
    expect(row(t, '总分')).toEqual(['总分', '', '', '', '', '', '104', '95', '']);
    expect(row(t, '党建主题活动次数').slice(6)).toEqual(['4', '3', '活动次数超出目标，下年度将提高目标值']);
  });

  it('lays out a project in the national form, its 其中 lines and 分值 total included', () => {
    const ev = sample('anhui-project-2022');
    ev.budget.lines = [
      { label: '本年财政拨款', initial: 880, planned: 880, executed: 880 },
      { label: '上年结转资金', initial: null, planned: null, executed: null },
    ];
    const t = render(ev);
    expect(t.layout).toBe('national-project');
    expect(t.above.map((l) => l.text)).toEqual(['项目支出绩效自评表', '（2022年度）']);
    expect(row(t, '项目名称')).toEqual(['项目名称', '', '水旱灾害防御经费', '', '', '', '', '', '']);
    expect(row(t, '主管部门')).toEqual(['主管部门', '', '', '', '', '实施单位', '天长市水利局', '', '']);
    expect(row(t, '年度资金总额')).toEqual(['', '', '年度资金总额', '', '880.00', '880.00', '10', '', '10']);
    expect(row(t, '其中：本年财政拨款')).toEqual([
      '',
      '',
      '其中：本年财政拨款',
      '880.00',
      '880.00',
      '880.00',
      '—',
      '',
      '—',
    ]);
    expect(row(t, '上年结转资金')).toEqual(['', '', '上年结转资金', '', '', '', '—', '', '—']);
    expect(row(t, '年度总体目标').filter(Boolean)).toEqual(['年度总体目标', '预期目标', '实际完成情况']);
    expect(row(t, '一级指标')).toEqual([
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ]);
    expect(row(t, '总分')).toEqual(['总分', '', '', '', '', '', '100', '100', '']);
  });

  it('lays out the Sichuan 510000_0013zp form with the target split over 指标性质, 指标值 and 度量单位', () => {
    const t = render(sample('sichuan-510000-template-2023'), 'sichuan-2023');
    expect(t.above.map((l) => l.text)).toEqual([
      '报表编号：510000_0013zp',
      '部门预算项目支出绩效自评表（2023年度）',
    ]);
    expect(row(t, '实施单位（盖章）').filter(Boolean)).toEqual(['实施单位（盖章）', '青神县发展和改革局']);
    expect(row(t, '总额')).toEqual(['', '', '总额', '', '251.89', '251.89', '100.00%', '10', '', '', '']);
    expect(row(t, '发放(缴纳)覆盖率')).toEqual([
      '',
      '产出指标',
      '数量指标',
      '发放(缴纳)覆盖率',
      '=',
      '100',
      '%',
      '',
      '60',
      '',
      '',
    ]);
    expect(row(t, '合计')).toEqual(['合计', '', '', '', '', '', '', '', '100', '', '']);
    expect(t.rows.flat().find((c) => c.text.startsWith('绩效指标'))?.text).toBe('绩效指标（90分）');
    for (const label of ['评价结论', '存在问题', '改进措施']) expect(row(t, label)[0]).toBe(label);
    expect(t.below.map((l) => [l.text, l.right])).toEqual([['项目负责人：', '财务负责人：']]);
  });

  it('splits a target only where the three cells give the written text back', () => {
    expect(splitTarget(parseValue('≥735人次'))).toEqual({ op: '≥', value: '735', unit: '人次' });
    expect(splitTarget(parseValue('=100%'))).toEqual({ op: '=', value: '100', unit: '%' });
    expect(splitTarget(parseValue('100%'))).toEqual({ op: '', value: '100', unit: '%' });
    for (const raw of ['12月底前完成', '不低于90%', '90%-95%', '达成预期指标', '≥１２次']) {
      expect(splitTarget(parseValue(raw)), raw).toEqual({ op: '', value: raw, unit: '' });
    }
  });

  it('merges 二级 labels only inside their 一级', () => {
    const ind = (level1: string, level2: string) => ({
      ...sample('seed-hubei-dept-2023').indicators[0]!,
      level1,
      level2,
    });
    const runs = labelRuns([
      ind('产出指标', '质量指标'),
      ind('产出指标', '质量指标'),
      ind('效益指标', '质量指标'),
      ind('效益指标', '社会效益指标'),
    ]);
    expect(runs).toEqual({ l1: [2, 0, 2, 0], l2: [2, 0, 1, 1] });
  });

  it('chooses the layout from the profile and the kind of form, and refuses unknown ones', () => {
    const seed = sample('seed-hubei-dept-2023');
    const project = sample('anhui-project-2022');
    const pick = (ev: Evaluation, layout?: string) => {
      const r = resolveLayout(ev, layout);
      return r.ok ? r.layout.id : r.message;
    };
    expect(pick(seed)).toBe('hubei-department');
    expect(pick(project)).toBe('national-project');
    expect(pick({ ...project, profile: 'sichuan-2023' })).toBe('sichuan-2023');
    expect(pick({ ...project, profile: 'hubei-2020' })).toBe('hubei-project');
    // a department form under a project-only profile still prints as a department form
    expect(pick({ ...seed, profile: 'national-2020' })).toBe('hubei-department');
    expect(pick(project, 'sichuan-2023')).toBe('sichuan-2023');
    expect(pick(project, 'shanghai')).toMatch(/^未知的导出版式“shanghai”，可用：hubei-department（/);
    expect(pick({ ...project, profile: 'mars-2030' })).toMatch(/^未知的评分规则“mars-2030”/);
    expect(exportLayoutById('national-project').profile).toBe('national-2020');
  });
});
