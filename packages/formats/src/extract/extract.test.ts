import type { Evaluation } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../grid.ts';
import { type ExtractResult, extractEvaluations, importText } from './index.ts';

function one(text: string, file = 'form.md'): Evaluation {
  const results = importText(text, file);
  expect(results).toHaveLength(1);
  const r = results[0]!;
  if ('error' in r) throw new Error(r.error.message);
  return r.evaluation;
}

function rows(ev: Evaluation): string[] {
  return ev.indicators.map(
    (i) =>
      `${i.goal ?? '-'}|${i.level1}|${i.level2}|${i.name}|${i.target.raw}|${i.actual.raw}|${i.weight}|${i.score}`,
  );
}

function repairs(ev: Evaluation, kind: string) {
  return (ev.import?.repairs ?? []).filter((r) => r.kind === kind);
}

function warnings(ev: Evaluation, code: string) {
  return (ev.import?.warnings ?? []).filter((w) => w.code === code);
}

/** A Hubei department form with the damage the seed shows, in markdown as converted from PDF. */
const HUBEI_DEPT = `
2022年度某中心部门（单位）整体绩效自评表

单位名称：某中心

填报日期：2023年5月8日

| | | | | | | | |
|--|--|--|--|--|--|--|--|
| 基本支出总额 | | 12.5 | 项目支出总额 | 100 | | | |
| 预算执行情况 (万元) (20分) | | 预算数 (A) | 执行数(B) | 执行率 (B/A) | 得分(20分*执行率) | | |
| | | 部门整体支出总额 | 112.5 | 110 | 97.8% | 19.56 | |
| 年度目标 1: | | 做好服务。 | | | | | |
| 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |
| | 产出指标 | 数量指标 | 活动次数 | ≥12次 | 19次 | 3 | |
| | | 质量指标 | 合格率 | | 100% | 100% | 3 |
| 满意度指标 | 社会公众或服务对象满意度指标 | 职工满意度 | | ≥90% | 93% | 3 | |
| 年度目标 2: | | 招商引资。 | | | | | |
| 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |
| | 产出指标 | 数量指标 | 招商项目数 | 3个 | 4个 | 5 | |
| | | 社会效益指标 | 企业投诉办结率 | 100% | 100% | 5 | |
| | 效益指标 | | 企业回访率 | 100% | 98% | 4 | |
| 新增企业数 | | | | 10个 | 12个 | 5 | |

| | | | | | | |
|--|--|--|--|--|--|--|
| | | 公共安全目标 | 园区安全稳定 | 不发生事故 | 未发生 | 5 |
| 总分 | | | | | | 90 |
| 偏差大或目标未完成原因分析 | 无 | | | | | |
| 改进措施及结果应用方案 | | | | | | |
`;

describe('a Hubei department form in markdown', () => {
  const ev = one(HUBEI_DEPT);

  it('reads the header, budget, goals and total as the form states them', () => {
    expect(ev).toMatchObject({
      kind: 'department',
      year: 2022,
      unit: '某中心',
      filledOn: '2023-05-08',
      profile: 'hubei-2020',
      totalReported: 90,
      deviationAnalysis: '无',
      improvementPlan: null,
    });
    expect(ev.budget).toMatchObject({
      basicTotal: 12.5,
      projectTotal: 100,
      planned: 112.5,
      executed: 110,
      rate: 0.978,
      weight: 20,
      score: 19.56,
      lines: [],
    });
    expect(ev.goals.map((g) => [g.id, g.text])).toEqual([
      ['G1', '做好服务。'],
      ['G2', '招商引资。'],
    ]);
    expect(ev.import?.layout).toBe('hubei-department');
  });

  it('puts shifted cells back into their columns and records each shift', () => {
    expect(rows(ev).slice(0, 3)).toEqual([
      'G1|产出指标|数量指标|活动次数|≥12次|19次|null|3',
      'G1|产出指标|质量指标|合格率|100%|100%|null|3',
      'G1|满意度指标|社会公众或服务对象满意度指标|职工满意度|≥90%|93%|null|3',
    ]);
    expect(repairs(ev, 'shift-right').map((r) => r.before)).toContain('质量指标 | 合格率 | 100% | 100% | 3');
    expect(repairs(ev, 'shift-left').map((r) => r.before)).toContain(
      '满意度指标 | 社会公众或服务对象满意度指标 | 职工满意度 | ≥90% | 93% | 3',
    );
  });

  it('applies a 一级 printed on a later row of its span to the rows above it', () => {
    expect(rows(ev)[4]).toBe('G2|效益指标|社会效益指标|企业投诉办结率|100%|100%|null|5');
    expect(repairs(ev, 'label-moved')).toHaveLength(1);
    expect(repairs(ev, 'label-moved')[0]!.after).toContain('效益指标');
    // the 二级 carried to the row that printed the 一级 stays with it
    expect(rows(ev)[5]).toBe('G2|效益指标|社会效益指标|企业回访率|100%|98%|null|4');
  });

  it('joins the table continued after a page break, reading a non-standard 二级 by its place', () => {
    expect(rows(ev)[7]).toBe('G2|效益指标|公共安全目标|园区安全稳定|不发生事故|未发生|null|5');
    expect(repairs(ev, 'join-page-split')).toHaveLength(1);
    expect(ev.indicators).toHaveLength(8);
  });
});

/** The national template as a web page flattens it into space-separated lines. */
const NATIONAL_SPACES = `某局项目支出绩效自评

    项目支出绩效自评表
    (2022年度)
    项目名称 防汛经费
    主管部门 实施单位 某局
    项目资金
    (万元)
    年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
    年度资金总额: 880 880 870 10 9.9
     其中:本年财政拨款 880 880 870 - -
    年度总体目标完成情况 预期目标 实际完成情况
     完成防汛工作。 完成年度目标。
    年度绩效指标完成情况 一级
    指标
    二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
    (50分)
    数量指标 指标1:完成项目数量 1 1 10 10
    指标2:
    ……
    质量指标 指标1:工程质量合格 10 10
    (30分)
    经济效益
    指标
    指标1:全市安全度汛 10 10
    可持续影
    响指标
    指标1:/ / /
    满意度指标
    (10分)
    服务对象
    满意度指标
    指标1:服务对象满意度 90% 100% 10 9
    总分 100 99
`;

describe('a national project form in space-separated text', () => {
  const ev = one(NATIONAL_SPACES, 'n.txt');

  it('reads the budget row that lacks its rate by what each cell can be', () => {
    expect(ev.budget).toMatchObject({
      initial: 880,
      planned: 880,
      executed: 870,
      rate: null,
      weight: 10,
      score: 9.9,
    });
    expect(ev.budget.lines).toEqual([{ label: '本年财政拨款', initial: 880, planned: 880, executed: 870 }]);
    expect(ev).toMatchObject({
      kind: 'project',
      year: 2022,
      unit: '某局',
      department: null,
      project: '防汛经费',
    });
    expect(ev.goals).toEqual([{ id: 'G1', text: '完成防汛工作。', weight: null, outcome: '完成年度目标。' }]);
  });

  it('infers lost 一级 labels, joins wrapped labels, strips prefixes and skips placeholders', () => {
    expect(rows(ev)).toEqual([
      '-|产出指标|数量指标|完成项目数量|1|1|10|10',
      '-|产出指标|质量指标|工程质量合格|||10|10',
      '-|效益指标|经济效益指标|全市安全度汛|||10|10',
      '-|满意度指标|服务对象满意度指标|服务对象满意度|90%|100%|10|9',
    ]);
    expect(repairs(ev, 'infer-level1').map((r) => r.after)).toEqual(['产出指标', '效益指标']);
    expect(repairs(ev, 'join-wrapped-cell').map((r) => r.after)).toEqual(
      expect.arrayContaining(['一级指标', '经济效益指标', '可持续影响指标', '服务对象满意度指标']),
    );
    expect(repairs(ev, 'strip-prefix')[0]).toMatchObject({
      before: '指标1:完成项目数量',
      after: '完成项目数量',
    });
    expect(warnings(ev, 'placeholder-row').map((w) => w.text)).toEqual(['指标2:', '……', '指标1:/ | / | /']);
  });

  it('reads the total row as weight total then score', () => {
    expect(ev.totalReported).toBe(99);
    expect(ev.indicators.every((i) => i.target.kind !== undefined)).toBe(true);
  });
});

/** Pipe rows as web pages copy them: a row broken over two lines, 其中 rows, a cut-off end. */
const PIPE_ROWS = `绩效目标自评表 | ||||||||||
(2023年度) | ||||||||||
项目名称 | 补贴项目 | 项目负责人及电话 | 李某 | |||||||
主管部门 | 县农业农村局 | 实施单位 | 某镇人民政府 | |||||||
资金情况 (万元) |
全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 | |||||
年度资金总额: | 9.48 | 9.48 | 10 | 100% | 10 | |||||
其中:本年财政拨款 | 9.48 | 9.48 | 10 | 100% | 10 | |||||
年度总体目标 | 年初设定目标 | 年度总体目标完成情况综述 | ||||||||
落实奖补政策 | 已落实 | |||||||||
绩效指标 | 一级 指标 |
二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因及拟采取的改进措施 | ||
产 出 指 标 (50分) |
数量指标 | ★补助种植面积 |
20 | 29.5亩 | 29.5亩 | 20 | ||||
其中桃树种植面积 | 1.5亩 | 1.5亩 | ||||||||
质量指标 | ||||||||||
成活率 | 5 | ≥ | 95% | 95% | 5 | ||||||
满意
`;

describe('a national project form in pipe rows', () => {
  const ev = one(PIPE_ROWS, 'p.txt');

  it('joins a row whose values went on the next line', () => {
    expect(rows(ev)[0]).toBe('-|产出指标|数量指标|★补助种植面积|29.5亩|29.5亩|20|20');
    expect(ev.indicators[0]!.core).toBe(true);
    expect(repairs(ev, 'join-wrapped-row')).toHaveLength(1);
  });

  it('keeps 其中 rows out of the indicators and notes them', () => {
    expect(ev.indicators.map((i) => i.name)).not.toContain('其中桃树种植面积');
    expect(warnings(ev, 'breakdown-row')[0]!.text).toBe('其中桃树种植面积 | 1.5亩 | 1.5亩');
  });

  it('joins an operator left alone in its cell to its value', () => {
    expect(rows(ev)[1]).toBe('-|产出指标|质量指标|成活率|≥95%|95%|5|5');
    expect(ev.indicators[1]!.target).toMatchObject({ op: '>=', value: 95, unit: '%' });
    expect(repairs(ev, 'join-split-operator')[0]).toMatchObject({ before: '≥ | 95%', after: '≥95%' });
  });

  it('reports the cut-off end instead of inventing an indicator', () => {
    expect(ev.indicators).toHaveLength(2);
    expect(warnings(ev, 'truncated')[0]!.text).toBe('满意');
    expect(ev.budget.lines[0]).toMatchObject({ label: '本年财政拨款', weight: 10, score: 10 });
    expect(ev.goals[0]).toMatchObject({ text: '落实奖补政策', outcome: '已落实' });
    expect(ev.unit).toBe('某镇人民政府');
  });
});

describe('two values glued into one cell', () => {
  it('splits them when the row is a cell short', () => {
    const ev = one(
      `
2023年度某单位部门（单位）整体绩效自评表

| | | | | | | |
|--|--|--|--|--|--|--|
| 预算执行情况 (万元) (20分) | | 预算数 (A) | 执行数(B) | 执行率 (B/A) | 得分(20分*执行率) | |
| | | 部门整体支出总额 | 10 | 10 | 100% | 20 |
| 年度目标 1: | | 服务。 | | | | |
| 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |
| | 产出指标 | 数量指标 | 培训次数 | ≥2次8次 | 3 | |
| | | | 满意度 | ≥90% | 95% 3 | |
`,
    );
    expect(rows(ev)).toEqual([
      'G1|产出指标|数量指标|培训次数|≥2次|8次|null|3',
      'G1|产出指标|数量指标|满意度|≥90%|95%|null|3',
    ]);
    expect(repairs(ev, 'split-glued-values').map((r) => r.after)).toEqual(['≥2次 | 8次', '95% | 3']);
  });

  it('splits a worded bound and a 工作日 unit, and sees past a 偏差原因 sentence', () => {
    const ev = one(
      `
2023年度某单位部门（单位）整体绩效自评表

| | | | | | | | |
|--|--|--|--|--|--|--|--|
| 预算执行情况 (万元) (20分) | | 预算数 (A) | 执行数(B) | 执行率 (B/A) | 得分(20分*执行率) | | |
| | | 部门整体支出总额 | 10 | 10 | 100% | 20 | |
| 年度目标 1: | | 服务。 | | | | | |
| 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | 偏差原因分析 |
| | 产出指标 | 数量指标 | 参保人数 | 不少于9300人14694人 | 3 | 目标设定偏低，下年度将科学合理设置。 | |
| | | 时效指标 | 报送时限 | 5个工作日内 | 5个工作日 2 | | |
`,
    );
    expect(rows(ev)).toEqual([
      'G1|产出指标|数量指标|参保人数|不少于9300人|14694人|null|3',
      'G1|产出指标|时效指标|报送时限|5个工作日内|5个工作日|null|2',
    ]);
    expect(ev.indicators[1]!.actual).toMatchObject({ value: 5, unit: '个工作日' });
  });
});

describe('pipe rows broken after the name', () => {
  it('joins a next line that starts with a range or words, and invents no indicator', () => {
    const ev = one(
      [
        '2024年度某局部门（单位）整体绩效自评表 | ||||||',
        '单位名称：某局 | 填报日期：2025.7.17 | |||||',
        '预算执行情况 （万元） （20分） |  | 预算数（A） | 执行数（B） | 执行率（B/A） | 得分（20分*执行率） |',
        '部门整体支出总额 | 330.6 | 330.6 | 100% | 20 | ||',
        '年度目标1： | 完成年度招商引资考核目标。 |',
        '年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值（A） | 实际完成值（B） | 得分 |',
        '产出指标 | 质量指标 | 病床使用率 |',
        '85%至90% | 82.6% | 4.86 | ||',
        '时效指标 | 信息报送时限 | ≤7个工作日 | 3个工作日 | 5 | |||',
        '效益指标 | 社会效益指标 | 公共服务水平 |',
        '有效提升 | 明显提升 | 10 | ||',
      ].join('\n'),
      'rows.txt',
    );
    expect(rows(ev)).toEqual([
      'G1|产出指标|质量指标|病床使用率|85%至90%|82.6%|null|4.86',
      'G1|产出指标|时效指标|信息报送时限|≤7个工作日|3个工作日|null|5',
      'G1|效益指标|社会效益指标|公共服务水平|有效提升|明显提升|null|10',
    ]);
    expect(repairs(ev, 'join-wrapped-row')).toHaveLength(2);
  });
});

/** Sichuan's template, one cell per line with the row boundaries lost. */
const SICHUAN = [
  '报表编号:510000_0013zp |',
  '部门预算项目支出绩效自评表(2023年度) |',
  '项目名称 |',
  '工资性支出 |',
  '主管部门 |',
  '某局本级 |',
  '实施单位 (盖章) |',
  '某局 |',
  '项目年度目标 |',
  '年度目标完成情况 |',
  '保障工资发放。 |',
  '对照年度目标,说明相关任务目标的完成情况(100字以内) |',
  '预算执行情况(10分) |',
  '年度预算数(万元) |',
  '年初预算 |',
  '调整后预算数 |',
  '预算执行数 |',
  '预算执行率 |',
  '权重 |',
  '得分 |',
  '原因 |',
  '总额 |',
  '238.93 |',
  '251.89 |',
  '251.89 |',
  '100.00% |',
  '10 |',
  '|',
  '1.预算执行率=预算执行数/调整后预算数 |',
  '其中:财政资金 |',
  '238.93 |',
  '251.89 |',
  '251.89 |',
  '100.00% |',
  '/ |',
  '/ |',
  '绩效指标(90分) |',
  '一级指标 |',
  '二级指标 |',
  '三级指标 |',
  '指标性质 |',
  '指标值 |',
  '度量单位 |',
  '完成值 |',
  '权重 |',
  '得分 |',
  '未完成原因分析 |',
  '产出指标 |',
  '数量指标 |',
  '发放覆盖率 |',
  '= |',
  '100 |',
  '% |',
  '98 |',
  '60 |',
  '58 |',
  '|',
  '效益指标 |',
  '社会效益指标 |',
  '足额保障率 |',
  '≥ |',
  '95 |',
  '% |',
  '|',
  '30 |',
  '|',
  '|',
  '合计 |',
  '100 |',
  '|',
  '|',
  '评价结论 |',
  '结合自评情况,说明项目自评总分。(200字以内) |',
].join('\n');

describe('a Sichuan form whose rows were lost', () => {
  const ev = one(SICHUAN, 's.txt');

  it('counts cells against the header and concatenates 指标性质, 指标值 and 度量单位', () => {
    expect(rows(ev)).toEqual([
      '-|产出指标|数量指标|发放覆盖率|=100%|98%|60|58',
      '-|效益指标|社会效益指标|足额保障率|≥95%||30|null',
    ]);
    expect(ev.indicators[0]!.target).toMatchObject({ op: '=', value: 100, unit: '%' });
    expect(ev).toMatchObject({ profile: 'sichuan-2023', year: 2023, unit: '某局', department: '某局本级' });
  });

  it('reads the budget by position, and the 合计 weight total is no score', () => {
    expect(ev.budget).toMatchObject({
      initial: 238.93,
      planned: 251.89,
      executed: 251.89,
      rate: 1,
      weight: 10,
      score: null,
    });
    expect(ev.budget.lines).toEqual([
      { label: '财政资金', initial: 238.93, planned: 251.89, executed: 251.89, rate: 1 },
    ]);
    expect(ev.totalReported).toBeNull();
    expect(warnings(ev, 'total-is-weight-sum')).toHaveLength(1);
  });

  it('treats template instructions as blank, with a warning', () => {
    expect(ev.goals).toEqual([{ id: 'G1', text: '保障工资发放。', weight: null, outcome: null }]);
    expect(warnings(ev, 'template-text').map((w) => w.where)).toEqual(['第12行', '第73行']);
    expect(ev.conclusion).toBeUndefined();
  });
});

describe('documents that are not a known form', () => {
  it('gives a Chinese error listing the headers it found', () => {
    const results = importText('| 姓名 | 项目名称 | 金额 |\n|--|--|--|\n| 张三 | 某项目 | 5 |', 'x.md');
    expect(results).toHaveLength(1);
    const r = results[0] as Extract<ExtractResult, { error: unknown }>;
    expect(r.error.code).toBe('unknown-layout');
    expect(r.error.message).toContain('无法识别');
    expect(r.error.message).toContain('项目名称');
    expect(r.error.where).toBe('x.md');
  });

  it('reads an unknown layout with the generic rules and says so', () => {
    const ev = one(
      [
        '| 一级指标 | 二级指标 | 三级指标 | 目标值 | 完成值 | 得分 |',
        '|--|--|--|--|--|--|',
        '| 产出指标 | 数量指标 | 培训人次 | 100人次 | 120人次 | 10 |',
        '| 这一行说不清 | | | | | |',
      ].join('\n'),
    );
    expect(ev.import?.layout).toBe('generic');
    expect(warnings(ev, 'unknown-layout')).toHaveLength(1);
    expect(rows(ev)[0]).toBe('-|产出指标|数量指标|培训人次|100人次|120人次|null|10');
    // a row that is not understood is kept, with its text, never dropped in silence
    expect(rows(ev)[1]).toBe('-|产出指标|数量指标|这一行说不清|||null|null');
  });

  it('gives an error for an empty document', () => {
    const results = extractEvaluations([], { file: 'e.txt' });
    expect(results).toEqual([
      { error: { code: 'empty', message: '“e.txt”中没有可读的内容', where: 'e.txt' } },
    ]);
  });
});

describe('several forms in one file', () => {
  it('gives one evaluation per form', () => {
    const form = (name: string, score: number) =>
      [
        `项目支出绩效自评表 | ||`,
        `(2022年度) | ||`,
        `项目名称 | ${name} | ||`,
        `年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||`,
        `年度资金总额 | 10 | 10 | 10 | 10 | 100% | 10 | ||`,
        `一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | ||`,
        `产出指标 | 数量指标 | 完成数 | 1个 | 1个 | 90 | ${score} | | ||`,
        `总分 | 100 | ${score + 10} | ||`,
      ].join('\n');
    const results = importText(`${form('甲项目', 90)}\n${form('乙项目', 80)}`, 'two.txt');
    expect(results).toHaveLength(2);
    const evs = results.map((r) => ('evaluation' in r ? r.evaluation : null));
    expect(
      evs.map((e) => [e?.project, e?.totalReported, e?.indicators[0]?.score, e?.budget.planned]),
    ).toEqual([
      ['甲项目', 100, 90, 10],
      ['乙项目', 90, 80, 10],
    ]);
  });
});

describe('a Chongqing department form', () => {
  const ev = one(
    [
      '2023年度部门整体绩效自评表',
      '',
      '| 部门名称 | 某区文化旅游委 | | | | | | | | | |',
      '|--|--|--|--|--|--|--|--|--|--|--|',
      '| 年度预算执行情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 执行率权重 | 得分 | | | | |',
      '| 部门整体支出 | 500 | 520 | 510 | 98.08% | 10 | 9.81 | | | | |',
      '| 年度总体目标 | 丰富群众文化生活。 | | | | | | | | | |',
      '| 绩效指标 | 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数(%) | 指标权重 | 指标得分 | 是否核心指标 |',
      '| | 文化活动场次 | 场 | 定量 | 120 | 120 | 135 | 100 | 30 | 30 | 是 |',
      '| | 群众满意度 | % | 定量 | 90 | 95 | 96 | 100 | 20 | 20 | 否 |',
    ].join('\n'),
  );

  it('reads its own columns: unit column appended, 定量/定性 not an operator, core flag', () => {
    expect(ev.import?.layout).toBe('chongqing-department');
    expect(ev).toMatchObject({ kind: 'department', year: 2023, unit: '某区文化旅游委' });
    expect(ev.budget).toMatchObject({
      initial: 500,
      planned: 520,
      executed: 510,
      rate: 0.9808,
      weight: 10,
      score: 9.81,
    });
    expect(rows(ev)).toEqual([
      '-|null|null|文化活动场次|120场|135场|30|30',
      '-|null|null|群众满意度|90%|96%|20|20',
    ]);
    expect(ev.indicators.map((i) => i.core)).toEqual([true, false]);
    expect(warnings(ev, 'no-level1')).toEqual([]);
    expect(warnings(ev, 'unused-cell').map((w) => w.text)).toEqual(['95']);
  });
});

describe('merged labels printed on a data row', () => {
  it('skips the group column and the budget title where a PDF centred them', () => {
    const ev = one(
      [
        '2023年度某单位部门（单位）整体绩效自评表',
        '',
        '| | | | | | | |',
        '|--|--|--|--|--|--|--|',
        '| | | 预算数 (A) | 执行数(B) | 执行率 (B/A) | 得分(20分*执行率) | |',
        '| 预算执行情况 (万元) (20分) | | 部门整体支出总额 | 10 | 10 | 100% | 20 |',
        '| 年度目标1：做好服务。 | | | | | | |',
        '| | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |',
        '| | 产出指标 | 数量指标 | 培训次数 | ≥2次 | 8次 | 3 |',
        '| 年度绩效指标 | | | 检查次数 | ≥4次 | 4次 | 3 |',
      ].join('\n'),
    );
    expect(ev.budget).toMatchObject({ planned: 10, executed: 10, rate: 1, weight: 20, score: 20 });
    expect(ev.goals).toEqual([{ id: 'G1', text: '做好服务。', weight: null, outcome: null }]);
    expect(rows(ev)).toEqual([
      'G1|产出指标|数量指标|培训次数|≥2次|8次|null|3',
      'G1|产出指标|数量指标|检查次数|≥4次|4次|null|3',
    ]);
  });
});

describe('the 备注 block after the table', () => {
  it('is not read as an indicator', () => {
    const ev = one(
      [
        '项目名称 | 某项目 | ||',
        '年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||',
        '年度资金总额 | 10 | 10 | 10 | 10 | 100% | 10 | ||',
        '一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | ||',
        '产出指标 | 数量指标 | 完成数 | 1个 | 1个 | 90 | 90 | ||',
        '备注 | 1.定量指标得分=实际完成值/年度指标值×分值 | ||',
      ].join('\n'),
      'b.txt',
    );
    expect(ev.indicators.map((i) => i.name)).toEqual(['完成数']);
  });
});

describe('labels printed on the middle row of their span', () => {
  it('infers the 一级 above its printed row and keeps the 二级 across the repeat', () => {
    const ev = one(
      [
        '2023年度某单位部门（单位）整体绩效自评表',
        '',
        '| | | | | | | |',
        '|--|--|--|--|--|--|--|',
        '| 预算执行情况 (万元) (20分) | | 预算数 (A) | 执行数(B) | 执行率 (B/A) | 得分(20分*执行率) | |',
        '| | | 部门整体支出总额 | 10 | 10 | 100% | 20 |',
        '| 年度目标 1: | | 服务。 | | | | |',
        '| 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |',
        '| | | 数量指标 | 培训次数 | ≥2次 | 8次 | 3 |',
        '| | 产出指标 | | 检查次数 | ≥4次 | 4次 | 3 |',
        '| | | 质量指标 | 合格率 | 100% | 100% | 3 |',
        '| | 效益指标 | | 投诉办结率 | 100% | 100% | 3 |',
        '| | | 社会效益指标 | 回访率 | 100% | 100% | 3 |',
      ].join('\n'),
    );
    expect(rows(ev)).toEqual([
      'G1|产出指标|数量指标|培训次数|≥2次|8次|null|3',
      'G1|产出指标|数量指标|检查次数|≥4次|4次|null|3',
      'G1|产出指标|质量指标|合格率|100%|100%|null|3',
      'G1|效益指标|社会效益指标|投诉办结率|100%|100%|null|3',
      'G1|效益指标|社会效益指标|回访率|100%|100%|null|3',
    ]);
    expect(repairs(ev, 'infer-level1')).toHaveLength(1);
    expect(repairs(ev, 'label-moved').map((r) => r.after)).toEqual([expect.stringContaining('社会效益指标')]);
  });
});

describe('grids from spreadsheet and web readers', () => {
  /** A grid whose rows hold only their filled cells, each in its true column, merged cells with spans. */
  function sheet(rows: [number, string, number?][][]): Grid {
    return {
      source: 'x.xlsx',
      format: 'xlsx',
      preamble: [
        { text: '四川省部门预算项目支出绩效自评表（2023年度）', source: { sheet: '表1', address: 'A1' } },
      ],
      notes: [],
      rows: rows.map((cells, r) =>
        cells.map(([col, text, rowSpan = 1]) => ({
          row: r,
          col,
          rowSpan,
          colSpan: 1,
          text,
          page: 1,
          source: { sheet: '表1', address: `${String.fromCharCode(65 + col)}${r + 2}` },
        })),
      ),
    };
  }

  const grid = sheet([
    [
      [0, '项目名称'],
      [1, '道路养护'],
    ],
    [
      [0, '预算执行情况（10分）', 3],
      [1, '年度预算数（万元）'],
      [2, '年初预算'],
      [3, '调整后预算数'],
      [4, '预算执行数'],
      [5, '预算执行率'],
      [6, '权重'],
      [7, '得分'],
    ],
    [
      [1, '总额'],
      [2, '100'],
      [3, '110'],
      [4, '99'],
      [5, '90.00%'],
      [6, '10'],
      [7, '9'],
    ],
    [
      [1, '其中：财政资金'],
      [2, '100'],
      [3, '110'],
      [4, '99'],
      [5, '0.9'],
    ],
    [
      [0, '绩效指标（90分）', 4],
      [1, '一级指标'],
      [2, '二级指标'],
      [3, '三级指标'],
      [4, '指标性质'],
      [5, '指标值'],
      [6, '度量单位'],
      [7, '完成值'],
      [8, '权重'],
      [9, '得分'],
    ],
    [
      [1, '产出指标', 2],
      [2, '数量指标'],
      [3, '养护里程'],
      [4, '≥'],
      [5, '120'],
      [6, '公里'],
      [8, '40'],
      [9, '38'],
    ],
    [
      [2, '质量指标'],
      [3, '优良率'],
      [4, '≥'],
      [5, '90'],
      [6, '%'],
      [7, '92'],
      [8, '50'],
    ],
    [
      [1, '满意度指标'],
      [2, '服务对象满意度指标'],
      [3, '群众满意度'],
      [5, '90'],
      [6, '%'],
      [7, '93'],
      [9, '10'],
    ],
    [
      [0, '合计'],
      [8, '100'],
      [9, '97'],
    ],
  ]);
  const [result] = extractEvaluations([grid], { file: 'x.xlsx' });
  const ev = result && 'evaluation' in result ? result.evaluation : null;

  it('places cells by their columns where blanks left gaps', () => {
    expect(ev && rows(ev)).toEqual([
      '-|产出指标|数量指标|养护里程|≥120公里||40|38',
      '-|产出指标|质量指标|优良率|≥90%|92%|50|null',
      '-|满意度指标|服务对象满意度指标|群众满意度|90%|93%|null|10',
    ]);
    expect(ev?.budget).toMatchObject({
      initial: 100,
      planned: 110,
      executed: 99,
      rate: 0.9,
      weight: 10,
      score: 9,
    });
    expect(ev?.budget.lines).toEqual([
      { label: '财政资金', initial: 100, planned: 110, executed: 99, rate: 0.9 },
    ]);
    expect(ev?.totalReported).toBe(97);
  });

  it('recognises the layout and year from the title the reader lifted above the table', () => {
    expect(ev?.import?.layout).toBe('sichuan-2023');
    expect(ev?.year).toBe(2023);
    expect(ev?.import?.warnings).toEqual([]);
  });

  it('points its messages at the sheet cell', () => {
    const bad = structuredClone(grid);
    bad.rows[5]![7]!.text = '三十八';
    const [r] = extractEvaluations([bad], { file: 'x.xlsx' });
    const warnings = r && 'evaluation' in r ? (r.evaluation.import?.warnings ?? []) : [];
    expect(warnings).toEqual([
      { code: 'unused-cell', where: '表1!J7', message: expect.stringContaining('三十八'), text: '三十八' },
    ]);
  });
});

describe('merged labels in PDF grids', () => {
  type Spec = [number, string, number?];
  function page(rows: Spec[][], pageNo: number): Grid {
    return {
      source: 'x.pdf',
      format: 'pdf',
      preamble: pageNo === 1 ? [{ text: '2023年度某项目绩效自评表', source: { page: 1 } }] : [],
      notes: [],
      rows: rows.map((cells, r) =>
        cells.map(([col, text, rowSpan = 1]) => ({
          row: r,
          col,
          rowSpan,
          colSpan: 1,
          text,
          page: pageNo,
          source: { page: pageNo },
        })),
      ),
    };
  }
  const header: Spec[] = [
    [0, '一级指标'],
    [1, '二级指标'],
    [2, '三级指标'],
    [3, '年初目标值（A）'],
    [4, '实际完成值（B）'],
    [5, '得分'],
  ];
  const ind = (name: string): Spec[] => [
    [2, name],
    [3, '≥1个'],
    [4, '1个'],
    [5, '2'],
  ];

  it('ends a label at the end of its span, and takes the label a page break pushed to the next page', () => {
    const one = page(
      [
        header,
        [[0, '产出指标', 3], [1, '时效指标', 3], ...ind('A')],
        ind('B'),
        ind('C'),
        // the first half of the 效益 cells: empty, their text is printed on page 2
        [[0, '', 2], [1, '', 2], ...ind('D')],
        ind('E'),
      ],
      1,
    );
    const two = page([[[0, '效益指标', 2], [1, '社会效益指标', 2], ...ind('F')], ind('G')], 2);
    const [r] = extractEvaluations([one, two], { file: 'x.pdf' });
    const ev = r && 'evaluation' in r ? r.evaluation : null;
    expect(ev && rows(ev).map((x) => x.split('|').slice(1, 4).join('|'))).toEqual([
      '产出指标|时效指标|A',
      '产出指标|时效指标|B',
      '产出指标|时效指标|C',
      '效益指标|社会效益指标|D',
      '效益指标|社会效益指标|E',
      '效益指标|社会效益指标|F',
      '效益指标|社会效益指标|G',
    ]);
    expect(ev && repairs(ev, 'label-moved').length).toBeGreaterThan(0);
  });

  it('gives rows the nearest label where a borderless PDF centres labels between rows', () => {
    const grid = page(
      [
        header,
        ind('A'),
        [[1, '数量指标']],
        ind('B'),
        [[0, '产出指标'], [1, '质量指标'], ...ind('C')],
        ind('D'),
        [[1, '时效指标']],
        ind('E'),
      ],
      1,
    );
    const [r] = extractEvaluations([grid], { file: 'x.pdf' });
    const ev = r && 'evaluation' in r ? r.evaluation : null;
    expect(ev && rows(ev).map((x) => x.split('|').slice(1, 4).join('|'))).toEqual([
      '产出指标|数量指标|A',
      '产出指标|数量指标|B',
      '产出指标|质量指标|C',
      '产出指标|时效指标|D',
      '产出指标|时效指标|E',
    ]);
  });

  it('does not take the budget title’s “（万元）”, printed on a breakdown row, for the row’s label', () => {
    const grid = page(
      [
        [
          [2, '年初预算数'],
          [3, '全年预算数（A）'],
          [4, '全年执行数（B）'],
          [5, '分值'],
          [6, '执行率（B/A）'],
          [7, '得分'],
        ],
        [
          [1, '年度资金总额'],
          [2, '100'],
          [3, '100'],
          [4, '90'],
          [5, '10'],
          [6, '90%'],
          [7, '9'],
        ],
        [[0, '项目资金']],
        [
          [0, '（万元）'],
          [1, '其中：本年财政拨款'],
          [2, '80'],
          [3, '80'],
          [4, '70'],
        ],
        [
          [1, '上年结转资金'],
          [2, '20'],
          [3, '20'],
          [4, '20'],
        ],
        header,
        ind('A'),
      ],
      1,
    );
    const [r] = extractEvaluations([grid], { file: 'x.pdf' });
    const ev = r && 'evaluation' in r ? r.evaluation : null;
    expect(ev?.budget.lines.map((l) => [l.label, l.initial, l.executed])).toEqual([
      ['本年财政拨款', 80, 70],
      ['上年结转资金', 20, 20],
    ]);
  });

  it('gives a long span its rows where a shorter span’s label is nearer, when the centres tile the rows', () => {
    // 产出指标 spans A–F (centred between C and D), 数量指标 A–D, 质量指标 E–F; 效益指标 is
    // printed on G, its only row. The nearest label of F is 效益指标.
    const grid = page(
      [
        header,
        ind('A'),
        ind('B'),
        [[1, '数量指标']],
        ind('C'),
        [[0, '产出指标']],
        ind('D'),
        ind('E'),
        [[1, '质量指标']],
        ind('F'),
        [[0, '效益指标'], [1, '社会效益指标'], ...ind('G')],
      ],
      1,
    );
    const [r] = extractEvaluations([grid], { file: 'x.pdf' });
    const ev = r && 'evaluation' in r ? r.evaluation : null;
    expect(ev && rows(ev).map((x) => x.split('|').slice(1, 4).join('|'))).toEqual([
      '产出指标|数量指标|A',
      '产出指标|数量指标|B',
      '产出指标|数量指标|C',
      '产出指标|数量指标|D',
      '产出指标|质量指标|E',
      '产出指标|质量指标|F',
      '效益指标|社会效益指标|G',
    ]);
  });
});
