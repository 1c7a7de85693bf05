/**
 * A generated form laid out as its template prints it: one table of rows whose cells carry
 * row and column spans (placed left to right, skipping places an earlier rowspan covers, as in
 * HTML), with the lines printed above and below it. Every renderer starts from this document,
 * so that every format shows the same table.
 */
import type { CorpusForm, GoalBlock, Level2Block, TableRow } from './model.ts';

/** What a cell holds, for the renderers' choices (numbers in a sheet, labels a PDF centres). */
export type CellRole =
  | 'title'
  | 'label'
  | 'header'
  | 'text'
  | 'group'
  | 'level1'
  | 'level2'
  | 'name'
  | 'target'
  | 'actual'
  | 'op'
  | 'unit'
  | 'weight'
  | 'score'
  | 'deviation'
  | 'money'
  | 'rate';

export interface DocCell {
  text: string;
  cs: number;
  rs: number;
  role: CellRole;
}

export type RowKind =
  | 'head'
  | 'budget-head'
  | 'budget'
  | 'budget-line'
  | 'goal'
  | 'goal-head'
  | 'indicator-head'
  | 'indicator'
  | 'placeholder'
  | 'breakdown'
  | 'total'
  | 'footer'
  | 'note';

export interface DocRow {
  kind: RowKind;
  cells: DocCell[];
}

export interface FormDoc {
  /** title lines above the table */
  title: string[];
  /** 'label：value' lines between the title and the table */
  before: string[];
  columns: number;
  rows: DocRow[];
  /** notes under the table */
  after: string[];
}

function c(text: string, role: CellRole, cs = 1, rs = 1): DocCell {
  return { text, cs, rs, role };
}

function row(kind: RowKind, ...cells: DocCell[]): DocRow {
  return { kind, cells };
}

/** The table rows of one goal's indicators, 一级 and 二级 cells spanning the rows they govern. */
function indicatorRows(goal: GoalBlock, valueCells: (r: TableRow) => DocCell[]): DocRow[] {
  const out: DocRow[] = [];
  for (const l1 of goal.level1s) {
    const l1rows = l1.level2s.reduce((n, l2) => n + l2.rows.length, 0);
    l1.level2s.forEach((l2: Level2Block, j) => {
      l2.rows.forEach((r, k) => {
        const cells: DocCell[] = [];
        if (j === 0 && k === 0) cells.push(c(l1.label, 'level1', 1, l1rows));
        if (k === 0) cells.push(c(l2.label, 'level2', 1, l2.rows.length));
        cells.push(...valueCells(r));
        out.push(row(r.kind === 'indicator' ? 'indicator' : r.kind, ...cells));
      });
    });
  }
  return out;
}

function goalRowCount(goal: GoalBlock): number {
  return goal.level1s.reduce((n, l1) => n + l1.level2s.reduce((m, l2) => m + l2.rows.length, 0), 0);
}

const HUBEI_HEADER = ['一级指标', '二级指标', '三级指标', '年初目标值（A）', '实际完成值（B）', '得分'];

function hubeiValues(r: TableRow): DocCell[] {
  if (r.kind === 'indicator') {
    const i = r.ind;
    return [
      c(i.printedName, 'name'),
      c(i.target.raw, 'target'),
      c(i.actual.raw, 'actual'),
      c(i.scoreText, 'score'),
    ];
  }
  if (r.kind === 'breakdown')
    return [c(r.name, 'name'), c(r.target, 'target'), c(r.actual, 'actual'), c('', 'score')];
  return [c(r.text, 'name'), c('', 'target'), c('', 'actual'), c('', 'score')];
}

function hubei(form: CorpusForm): FormDoc {
  const b = form.budget;
  const dept = form.kind === 'department';
  const rows: DocRow[] = [];
  if (dept) {
    rows.push(row('head', c('单位名称', 'label', 2), c(form.unit, 'text', 5)));
    rows.push(
      row(
        'head',
        c('基本支出总额', 'label', 2),
        c(b.basicTotal ?? '', 'money'),
        c('项目支出总额', 'label'),
        c(b.projectTotal ?? '', 'money', 3),
      ),
    );
  } else {
    rows.push(row('head', c('项目名称', 'label', 2), c(form.project ?? '', 'text', 5)));
    rows.push(
      row(
        'head',
        c('主管部门', 'label', 2),
        c(form.department ?? '', 'text'),
        c('项目实施单位', 'label'),
        c(form.unit, 'text', 3),
      ),
    );
  }
  rows.push(
    row(
      'budget-head',
      c('预算执行情况\n（万元）\n（20分）', 'label', 2, 2),
      c('', 'label'),
      c('预算数（A）', 'header'),
      c('执行数（B）', 'header'),
      c('执行率（B/A）', 'header'),
      c('得分（20分*执行率）', 'header'),
    ),
  );
  rows.push(
    row(
      'budget',
      c(b.label, 'label'),
      c(b.planned, 'money'),
      c(b.executed, 'money'),
      c(b.rate, 'rate'),
      c(b.score, 'score'),
    ),
  );
  for (const goal of form.goals) {
    if (goal.text !== '') rows.push(row('goal', c(goal.label, 'label', 2), c(goal.text, 'text', 5)));
    rows.push(
      row(
        'indicator-head',
        c(goal.text === '' ? goal.label : '年度绩效指标', 'group', 1, 1 + goalRowCount(goal)),
        ...HUBEI_HEADER.map((h) => c(h, 'header')),
      ),
    );
    rows.push(...indicatorRows(goal, hubeiValues));
  }
  rows.push(row('total', c('总分', 'label', 6), c(form.totalText, 'score')));
  if (form.grade) rows.push(row('total', c('自评等级', 'label', 6), c(form.grade, 'text')));
  rows.push(
    row('footer', c('偏差大或目标未完成原因分析', 'label', 2), c(form.deviationAnalysis ?? '', 'text', 5)),
  );
  rows.push(row('footer', c('改进措施及结果应用方案', 'label', 2), c(form.improvementPlan ?? '', 'text', 5)));
  if (form.note) rows.push(row('note', c(form.note, 'text', 7)));
  const title = dept
    ? [`${form.year}年度${form.unit}部门（单位）整体绩效自评表`]
    : ['项目支出绩效自评表', `（${form.year}年度）`];
  const before = [`单位名称：${form.unit}`];
  if (form.filledOnText) before.push(`填报日期：${form.filledOnText}`);
  return { title, before, columns: 7, rows, after: [] };
}

function nationalValues(weightFirst: boolean): (r: TableRow) => DocCell[] {
  return (r) => {
    let cells: DocCell[];
    if (r.kind === 'indicator') {
      const i = r.ind;
      cells = [
        c(i.printedName, 'name'),
        c(i.target.raw, 'target'),
        c(i.actual.raw, 'actual'),
        c(i.weightText, 'weight'),
        c(i.scoreText, 'score'),
        c(i.deviation ?? '', 'deviation'),
      ];
    } else {
      const [name, target, actual] = r.kind === 'breakdown' ? [r.name, r.target, r.actual] : [r.text, '', ''];
      cells = [
        c(name, 'name'),
        c(target, 'target'),
        c(actual, 'actual'),
        c('', 'weight'),
        c('', 'score'),
        c('', 'deviation'),
      ];
    }
    // name, 分值, 年度指标值, 全年实际值, 得分, 原因
    return weightFirst ? [cells[0]!, cells[3]!, cells[1]!, cells[2]!, cells[4]!, cells[5]!] : cells;
  };
}

const NATIONAL_HEADER = [
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
];
const NATIONAL_HEADER_WEIGHT_FIRST = [
  '一级指标',
  '二级指标',
  '三级指标',
  '分值',
  '年度指标值',
  '全年实际值',
  '得分',
  '未完成原因及拟采取的改进措施',
];

function national(form: CorpusForm): FormDoc {
  const b = form.budget;
  const goal = form.goals[0]!;
  const rows: DocRow[] = [
    row('head', c('项目名称', 'label', 2), c(form.project ?? '', 'text', 7)),
    row(
      'head',
      c('主管部门', 'label', 2),
      c(form.department ?? '', 'text', 3),
      c('实施单位', 'label'),
      c(form.unit, 'text', 3),
    ),
    row(
      'budget-head',
      c('项目资金\n（万元）', 'label', 2, 2 + b.lines.length),
      c('', 'label'),
      c('年初预算数', 'header'),
      c('全年预算数（A）', 'header'),
      c('全年执行数（B）', 'header'),
      c('分值', 'header'),
      c('执行率（B/A）', 'header'),
      c('得分', 'header'),
    ),
    row(
      'budget',
      c(b.label, 'label'),
      c(b.initial ?? '', 'money'),
      c(b.planned, 'money'),
      c(b.executed, 'money'),
      c(b.weight ?? '', 'weight'),
      c(b.rate, 'rate'),
      c(b.score, 'score'),
    ),
    ...b.lines.map((l) =>
      row(
        'budget-line',
        c(l.label, 'label'),
        c(l.initial, 'money'),
        c(l.planned, 'money'),
        c(l.executed, 'money'),
        c(l.weight, 'weight'),
        c(l.rate, 'rate'),
        c(l.score, 'score'),
      ),
    ),
    row(
      'goal-head',
      c('年度总体目标', 'label', 1, 2),
      c('预期目标', 'header', 4),
      c('实际完成情况', 'header', 4),
    ),
    row('goal', c(goal.text, 'text', 4), c(goal.outcome ?? '', 'text', 4)),
    row(
      'indicator-head',
      c('绩效指标', 'group', 1, 1 + goalRowCount(goal)),
      ...(form.weightFirst ? NATIONAL_HEADER_WEIGHT_FIRST : NATIONAL_HEADER).map((h) => c(h, 'header')),
    ),
    ...indicatorRows(goal, nationalValues(form.weightFirst)),
    row(
      'total',
      c('总分', 'label', 6),
      c(form.weightTotalText ?? '', 'weight'),
      c(form.totalText, 'score'),
      c('', 'text'),
    ),
  ];
  if (form.grade) rows.push(row('total', c('自评等级', 'label', 6), c(form.grade, 'text', 3)));
  return {
    title: ['项目支出绩效自评表', `（${form.year}年度）`],
    before: [],
    columns: 9,
    rows,
    after: [
      '注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。',
    ],
  };
}

function sichuanValues(r: TableRow): DocCell[] {
  if (r.kind === 'indicator') {
    const i = r.ind;
    const s = i.split ?? { op: '', value: i.target.raw, unit: '', actual: i.actual.raw };
    return [
      c(i.printedName, 'name'),
      c(s.op, 'op'),
      c(s.value, 'target'),
      c(s.unit, 'unit'),
      c(s.actual, 'actual'),
      c(i.weightText, 'weight'),
      c(i.scoreText, 'score'),
      c(i.deviation ?? '', 'deviation'),
    ];
  }
  const blank = ['op', 'target', 'unit', 'actual', 'weight', 'score', 'deviation'] as const;
  return [c(r.kind === 'breakdown' ? r.name : r.text, 'name'), ...blank.map((role) => c('', role))];
}

function sichuan(form: CorpusForm): FormDoc {
  const b = form.budget;
  const goal = form.goals[0]!;
  const rows: DocRow[] = [
    row('head', c('项目名称', 'label'), c(form.project ?? '', 'text', 10)),
    row(
      'head',
      c('主管部门', 'label'),
      c(form.department ?? '', 'text', 4),
      c('实施单位（盖章）', 'label', 2),
      c(form.unit, 'text', 4),
    ),
    row('goal-head', c('项目基本情况', 'label', 1, 4), c('1.项目年度目标完成情况', 'label', 10)),
    row('goal-head', c('项目年度目标', 'header', 5), c('年度目标完成情况', 'header', 5)),
    row('goal', c(goal.text, 'text', 5), c(goal.outcome ?? '', 'text', 5)),
    row('goal-head', c('2.项目实施内容及过程概述', 'label', 3), c('', 'text', 7)),
    row(
      'budget-head',
      c('预算执行情况（10分）', 'label', 1, 2 + b.lines.length),
      c('年度预算数（万元）', 'header'),
      ...['年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分'].map((h) => c(h, 'header')),
      c('原因', 'header', 3),
    ),
    row(
      'budget',
      c(b.label, 'label'),
      c(b.initial ?? '', 'money'),
      c(b.planned, 'money'),
      c(b.executed, 'money'),
      c(b.rate, 'rate'),
      c(b.weight ?? '', 'weight'),
      c(b.score, 'score'),
      c(b.reason ?? '', 'text', 3, 1 + b.lines.length),
    ),
    ...b.lines.map((l) =>
      row(
        'budget-line',
        c(l.label, 'label'),
        c(l.initial, 'money'),
        c(l.planned, 'money'),
        c(l.executed, 'money'),
        c(l.rate, 'rate'),
        c(l.weight, 'weight'),
        c(l.score, 'score'),
      ),
    ),
    row(
      'indicator-head',
      c('绩效指标（90分）', 'group', 1, 1 + goalRowCount(goal)),
      ...[
        '一级指标',
        '二级指标',
        '三级指标',
        '指标性质',
        '指标值',
        '度量单位',
        '完成值',
        '权重',
        '得分',
        '未完成原因分析',
      ].map((h) => c(h, 'header')),
    ),
    ...indicatorRows(goal, sichuanValues),
    row(
      'total',
      c('合计', 'label', 8),
      c(form.weightTotalText ?? '', 'weight'),
      c(form.totalText, 'score'),
      c('', 'text'),
    ),
    row('footer', c('评价结论', 'label'), c(form.conclusion ?? '', 'text', 10)),
    row('footer', c('存在问题', 'label'), c(form.problems ?? '', 'text', 10)),
    row('footer', c('改进措施', 'label'), c(form.improvementPlan ?? '', 'text', 10)),
    row('note', c('项目负责人：', 'text', 5), c('财务负责人：', 'text', 6)),
  ];
  return {
    title: ['报表编号：510000_0013zp', `部门预算项目支出绩效自评表（${form.year}年度）`],
    before: [],
    columns: 11,
    rows,
    after: [],
  };
}

/** The form as its template prints it. */
export function layoutForm(form: CorpusForm): FormDoc {
  switch (form.layout) {
    case 'hubei-department':
    case 'hubei-project':
      return hubei(form);
    case 'national-project':
      return national(form);
    case 'sichuan-2023':
      return sichuan(form);
  }
}

/**
 * The table as a full grid: every position of every row, with the merged cell that covers it.
 * `anchor` is true on a merged cell's top-left position.
 */
export interface Placed {
  cell: DocCell;
  /** the row and column of the cell's top-left position */
  row: number;
  col: number;
  anchor: boolean;
}

export function placeCells(doc: FormDoc): (Placed | null)[][] {
  const grid: (Placed | null)[][] = doc.rows.map(() => new Array<Placed | null>(doc.columns).fill(null));
  doc.rows.forEach((r, ri) => {
    let col = 0;
    for (const cell of r.cells) {
      while (col < doc.columns && grid[ri]![col] !== null) col++;
      if (col >= doc.columns)
        throw new Error(`row ${ri} (${r.kind}) has more cells than ${doc.columns} columns`);
      for (let dr = 0; dr < cell.rs; dr++) {
        for (let dc = 0; dc < cell.cs; dc++) {
          const target = grid[ri + dr];
          if (!target) throw new Error(`row ${ri}: rowspan beyond the table`);
          if (target[col + dc] !== null) throw new Error(`row ${ri + dr} col ${col + dc}: cells overlap`);
          target[col + dc] = { cell, row: ri, col, anchor: dr === 0 && dc === 0 };
        }
      }
      col += cell.cs;
    }
  });
  grid.forEach((r, ri) => {
    if (r.some((p) => p === null)) throw new Error(`row ${ri} (${doc.rows[ri]!.kind}) leaves columns empty`);
  });
  return grid;
}
