/**
 * Writes the inputs that scripts/make-office-fixtures.sh feeds to LibreOffice: small xlsx
 * workbooks (printed to PDF) and HTML pages (converted to DOCX), in the layouts of real forms.
 *
 *   npx tsx scripts/make-office-fixtures.ts OUTDIR
 *
 * Each form is described once as HTML-like rows (cells placed left to right, skipping places
 * covered by an earlier rowspan), and rendered both as a sheet with merged cells and as an
 * HTML table with rowspan/colspan, so the PDF and the DOCX fixtures show the same table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

interface CellSpec {
  t: string;
  cs?: number;
  rs?: number;
  align?: 'left' | 'center' | 'right';
}

type Row = (CellSpec | string)[];

/** a line above or below a table: one text across the sheet, or parts with their column spans */
type Line = string | [string, number][];

interface Form {
  /** base name of the output files */
  name: string;
  font: string;
  borders: boolean;
  /** column widths in characters */
  widths: number[];
  title: string;
  before: Line[];
  /** several tables on one sheet are separated by `between` lines */
  tables: { rows: Row[]; between?: Line[] }[];
  after: Line[];
  /** print the rows of the first table's header on every page */
  footer: boolean;
  /** fit all columns on one page width */
  fitWidth: boolean;
  /** make .docx from the HTML too */
  docx: boolean;
}

const c = (t: string, cs = 1, rs = 1, align?: CellSpec['align']): CellSpec =>
  align ? { t, cs, rs, align } : { t, cs, rs };

const seedHeader: Row = ['一级指标', '二级指标', '三级指标', '年初目标值（A）', '实际完成值（B）', '得分'];

/** The Hubei department form of the seed (2023, 光谷现代服务业园建设服务中心), as the unit typed it. */
const seed: Form = {
  name: 'seed-hubei-dept-2023',
  font: 'Noto Sans CJK SC',
  borders: true,
  widths: [14, 12, 22, 40, 24, 18, 12],
  title: '2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表',
  before: [
    [
      ['单位名称：光谷现代服务业园建设服务中心', 4],
      ['填报日期：2024.6.10', 3],
    ],
  ],
  tables: [
    {
      rows: [
        [c('单位名称', 2), c('光谷现代服务业园建设服务中心', 5)],
        [c('基本支出总额', 2), '0', '项目支出总额', c('390.76', 3)],
        [
          c('预算执行情况\n（万元）\n（20分）', 2, 2),
          '',
          '预算数（A）',
          '执行数（B）',
          '执行率（B/A）',
          '得分（20分*执行率）',
        ],
        ['部门整体支出总额', '390.76', '390.76', '100%', '20'],
        [
          c('年度目标1：', 2),
          c('发挥党建工作的引领作用，提高园区党员凝聚力，加强企业于党组织之间的联系。', 5, 1, 'left'),
        ],
        [c('年度绩效指标', 1, 6), ...seedHeader],
        [c('产出指标', 1, 3), '数量指标', '党建主题活动次数', '≥12次', '19次', '3'],
        [c('质量指标', 1, 2), '发展党员及积极分子考试合格率', '100%', '100%', '3'],
        ['两新党组织党报党刊订阅率', '100%', '100%', '3'],
        [
          '效益指标',
          '社会效益指标',
          '积极为民营企业协调解决困难和问题，推进民营经济健康发展',
          '园区民营企业提出困难需求',
          '回应率100%',
          '5',
        ],
        ['满意度指标', '社会公众或服务对象满意度指标', '服务企业(员工)对党群工作满意度', '≥90%', '93%', '3'],
        [c('年度目标2：', 2), c('完成市、区级要求的年度招商引资考核目标。', 5, 1, 'left')],
        [c('年度绩效指标', 1, 9), ...seedHeader],
        [c('产出指标', 1, 2), c('数量指标', 1, 2), '引进100亿元以上项目数', '1个', '1个', '5'],
        ['举办或者园区企业举办有影响力的产业博', '3场', '5场', '3'],
        [c('效益指标', 1, 3), c('质量指标', 1, 3), '外贸进出口总额', '5亿', '5.9亿', '2'],
        ['其他营利性服务业企业累计完成营收', '160亿', '173.72亿', '3'],
        ['招商引资实际到位总额', '50亿元', '54.26亿元', '5'],
        [
          c('满意度指标', 1, 3),
          c('社会公众或服务对象满意度指标', 1, 3),
          '纳税百万以上企业合计纳税',
          '15亿元',
          '19.57亿元',
          '5',
        ],
        ['本年新增园区固定资产总投资', '100亿元', '109.79亿', '3'],
        ['企业对招商工作满意度', '≥90%', '95%', '3'],
        [
          c('年度目标3：', 2),
          c('充分发挥部门职能，维护园区安全稳定，服务好园区企业，扩大光谷现代服务园知名度和影', 5, 1, 'left'),
        ],
        [c('年度绩效指标', 1, 9), ...seedHeader],
        [c('产出指标', 1, 4), '数量指标', '安全生产培训次数', '≥2次', '8次', '3'],
        [c('质量指标', 1, 3), '社会公众投诉件办结率', '100%', '100%', '3'],
        ['招商政策宣传知晓率', '100%', '100%', '3'],
        ['保障部门工作正常开展，提高办公环境质量', '部门职工认可度≥90%', '100%', '3'],
        ['效益指标', '公共安全目标', '维护园区、商圈稳定和安全', '辖区内不发生社会群体性事件', '未发生', '5'],
        [
          c('满意度指标', 1, 3),
          c('社会公众或服务对象满意度指标', 1, 3),
          '园区职工满意度',
          '≥90%',
          '99%',
          '3',
        ],
        ['园区企业满意度', '≥90%', '95%', '3'],
        ['社会公众满意度', '≥90%', '95%', '3'],
        [c('总分', 6), '95'],
        [c('偏差大或目标未完成原因分析', 2), c('基本完成年度预算绩效目标', 5, 1, 'left')],
        [c('改进措施及结果应用方案', 2), c('', 5)],
      ],
    },
  ],
  after: [],
  footer: true,
  fitWidth: true,
  docx: true,
};

const anhuiHeader: Row = [
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  c('偏差原因分析及改进措施', 2),
];

/** The national project form (安徽 天长市水利局 2022), 10 columns (偏差原因分析 takes two). */
function anhuiRows(): Row[] {
  return [
    [c('项目名称', 2), c('水旱灾害防御经费', 8)],
    [c('主管部门', 2), c('天长市水利局', 3), '实施单位', c('天长市水利局', 4)],
    [
      c('项目资金\n（万元）', 2, 5),
      '',
      '年初预算数',
      '全年预算数（A）',
      '全年执行数（B）',
      '分值',
      '执行率（B/A）',
      c('得分', 2),
    ],
    ['年度资金总额', '880', '880', '880', '10', '100%', c('10', 2)],
    ['其中：本年财政拨款', '880', '880', '880', '—', '—', c('—', 2)],
    ['上年结转资金', '', '', '', '—', '—', c('—', 2)],
    ['其他资金', '', '', '', '—', '—', c('—', 2)],
    [c('年度总体目标', 1, 2), c('预期目标', 4), c('实际完成情况', 5)],
    [
      c('完成年度防汛工作，完成中型灌区节水改造项目和农业综合水价改革项目。', 4, 1, 'left'),
      c('完成年度目标。', 5, 1, 'left'),
    ],
    [c('年度绩效指标', 1, 15), ...anhuiHeader],
    [
      c('产出指标\n（50分）', 1, 6),
      c('数量指标', 1, 2),
      '指标1：完成中型灌区节水改造项目数量',
      '1',
      '1',
      '10',
      '10',
      c('', 2),
    ],
    ['指标2：完成农业综合水价改革项目', '1', '1', '10', '10', c('', 2)],
    ['质量指标', '指标1：工程质量合格', '', '', '10', '10', c('', 2)],
    ['时效指标', '指标1：年度资金支付完成率100%', '', '', '10', '10', c('', 2)],
    [c('成本指标', 1, 2), '指标1：资金执行在预算范围内', '', '', '10', '10', c('', 2)],
    ['指标2：', '', '', '', '', c('', 2)],
    [
      c('效益指标\n（30分）', 1, 6),
      c('经济效益指标', 1, 2),
      '指标1：全市安全度汛',
      '',
      '',
      '10',
      '10',
      c('', 2),
    ],
    ['指标2：', '', '', '', '', c('', 2)],
    ['社会效益指标', '指标1：保护全市人口财产不受损失', '', '', '10', '10', c('', 2)],
    ['生态效益指标', '指标1：/', '/', '/', '', '', c('', 2)],
    [c('可持续影响指标', 1, 2), '指标1：已建工程良性运行', '', '', '10', '10', c('', 2)],
    ['指标2：', '', '', '', '', c('', 2)],
    [
      c('满意度指标\n（10分）', 1, 2),
      c('服务对象满意度指标', 1, 2),
      '指标1：服务对象满意度',
      '90%',
      '100%',
      '10',
      '10',
      c('', 2),
    ],
    ['指标2：', '', '', '', '', c('', 2)],
    [c('总分', 6), '100', '100', c('', 2)],
  ];
}

const anhui: Form = {
  name: 'anhui-project-2022',
  font: 'Noto Sans CJK SC',
  borders: true,
  widths: [12, 14, 16, 36, 14, 14, 8, 8, 12, 12],
  title: '项目支出绩效自评表',
  before: ['（2022年度）'],
  tables: [{ rows: anhuiRows() }],
  after: [
    '注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。',
  ],
  footer: false,
  fitWidth: true,
  docx: true,
};

/** The same project form as someone types it without borders, in a font the machine lacks (SimSun). */
const borderless: Form = {
  ...anhui,
  name: 'anhui-project-2022-borderless',
  font: 'SimSun',
  borders: false,
  docx: false,
};

/** A long Hubei project table whose 一级 label spans a page break. */
function longRows(): Row[] {
  const rows: Row[] = [
    [c('项目名称', 2), c('中小学校舍维修改造', 5)],
    [c('主管部门', 2), c('某县教育局', 2), '实施单位', c('某县教育局', 2)],
    [
      c('年度绩效指标', 1, 47),
      '一级指标',
      '二级指标',
      '三级指标',
      '年初目标值（A）',
      '实际完成值（B）',
      '得分',
    ],
  ];
  const output = 30;
  const benefit = 12;
  const satisfaction = 4;
  for (let i = 1; i <= output; i += 1) {
    const row: Row = [];
    if (i === 1) row.push(c('产出指标', 1, output));
    if (i === 1) row.push(c('数量指标', 1, 12));
    if (i === 13) row.push(c('质量指标', 1, 10));
    if (i === 23) row.push(c('时效指标', 1, 8));
    row.push(`维修改造校舍第${i}批次面积`, `≥${i * 100}平方米`, `${i * 100 + 35}平方米`, '1');
    rows.push(row);
  }
  for (let i = 1; i <= benefit; i += 1) {
    const row: Row = [];
    if (i === 1) row.push(c('效益指标', 1, benefit), c('社会效益指标', 1, benefit));
    row.push(`受益学生人数（第${i}校）`, `≥${i * 50}人`, `${i * 50 + 7}人`, '2');
    rows.push(row);
  }
  for (let i = 1; i <= satisfaction; i += 1) {
    const row: Row = [];
    if (i === 1) row.push(c('满意度指标', 1, satisfaction), c('服务对象满意度指标', 1, satisfaction));
    row.push(`师生满意度（第${i}次调查）`, '≥90%', `${90 + i}%`, '2.5');
    rows.push(row);
  }
  rows.push([c('总分', 6), '98']);
  return rows;
}

const longForm: Form = {
  name: 'hubei-project-long-2pages',
  font: 'Noto Sans CJK SC',
  borders: true,
  widths: [12, 12, 14, 36, 18, 18, 10],
  title: '2023年度中小学校舍维修改造项目绩效自评表',
  before: [
    [
      ['单位名称：某县教育局', 4],
      ['填报日期：2024.5.20', 3],
    ],
  ],
  tables: [{ rows: longRows() }],
  after: [],
  footer: true,
  fitWidth: true,
  docx: false,
};

/** Two small project tables on one page, as a unit prints several projects on one sheet. */
function projectRows(project: string, budget: string, indicator: [string, string, string, string]): Row[] {
  return [
    [c('项目名称', 2), c(project, 4)],
    [c('预算执行情况（万元）', 2, 2), '全年预算数（A）', '全年执行数（B）', '执行率（B/A）', '得分'],
    [budget, budget, '100%', '10'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '得分'],
    ['产出指标', '数量指标', ...indicator],
  ];
}

const twoTables: Form = {
  name: 'two-projects-one-page',
  font: 'Noto Sans CJK SC',
  borders: true,
  widths: [12, 12, 30, 16, 16, 10],
  title: '2023年度项目支出绩效自评表（汇总）',
  before: ['单位名称：某市图书馆'],
  tables: [
    {
      rows: projectRows('图书采购', '120', ['新增馆藏图书册数', '≥20000册', '21560册', '30']),
    },
    {
      between: ['', '项目二', ''],
      rows: projectRows('阅读推广活动', '35.5', ['举办阅读推广活动场次', '≥24场', '26场', '30']),
    },
  ],
  after: [],
  footer: false,
  fitWidth: true,
  docx: false,
};

const forms: Form[] = [seed, anhui, borderless, longForm, twoTables];

/** Places HTML-like rows on a grid: returns each cell with its 0-based row and column. */
function place(rows: Row[]): { r: number; col: number; cell: CellSpec }[] {
  const taken = new Set<string>();
  const out: { r: number; col: number; cell: CellSpec }[] = [];
  rows.forEach((row, r) => {
    let col = 0;
    for (const raw of row) {
      const cell = typeof raw === 'string' ? { t: raw } : raw;
      while (taken.has(`${r},${col}`)) col += 1;
      const cs = cell.cs ?? 1;
      const rs = cell.rs ?? 1;
      for (let dr = 0; dr < rs; dr += 1)
        for (let dc = 0; dc < cs; dc += 1) taken.add(`${r + dr},${col + dc}`);
      out.push({ r, col, cell });
      col += cs;
    }
  });
  return out;
}

async function writeXlsx(form: Form, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao fixtures';
  const ws = wb.addWorksheet('自评表', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: form.fitWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: form.footer
      ? { oddFooter: '&C第 &P 页，共 &N 页', differentFirst: false, differentOddEven: false }
      : { differentFirst: false, differentOddEven: false },
  });
  const ncols = form.widths.length;
  form.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const font = { name: form.font, size: 10 };
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  let r = 1;
  const writeLine = (line: Line, size = 10, bold = false, center = false): void => {
    const parts: [string, number][] = typeof line === 'string' ? [[line, ncols]] : line;
    let col = 1;
    for (const [text, span] of parts) {
      if (span > 1) ws.mergeCells(r, col, r, col + span - 1);
      const cell = ws.getCell(r, col);
      cell.value = text;
      cell.font = { name: form.font, size, bold };
      cell.alignment = { horizontal: center ? 'center' : 'left', vertical: 'middle' };
      col += span;
    }
    r += 1;
  };
  writeLine(form.title, 16, true, true);
  for (const line of form.before) writeLine(line, 10, false, typeof line === 'string');
  for (const table of form.tables) {
    for (const line of table.between ?? []) writeLine(line, 12, true);
    const top = r;
    const placed = place(table.rows);
    for (const { r: pr, col, cell } of placed) {
      const row = top + pr;
      const cs = cell.cs ?? 1;
      const rs = cell.rs ?? 1;
      if (cs > 1 || rs > 1) ws.mergeCells(row, col + 1, row + rs - 1, col + cs);
      const target = ws.getCell(row, col + 1);
      const numeric = /^-?\d+(\.\d+)?$/.test(cell.t);
      target.value = numeric ? Number(cell.t) : cell.t;
      target.font = font;
      target.alignment = {
        horizontal: cell.align ?? 'center',
        vertical: 'middle',
        wrapText: true,
      };
      if (numeric && cell.t.includes('.')) target.numFmt = '0.00';
    }
    const height = table.rows.length;
    // LibreOffice keeps the default height of rows whose cells wrap unless told otherwise, and
    // a unit's printout has rows tall enough for their text.
    const lines = new Array<number>(height).fill(1);
    for (const { r: pr, col, cell } of placed) {
      const rs = cell.rs ?? 1;
      const width = form.widths.slice(col, col + (cell.cs ?? 1)).reduce((a, b) => a + b, 0);
      const needed = cell.t
        .split('\n')
        .reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / width)), 0);
      const perRow = Math.ceil(needed / rs);
      for (let dr = 0; dr < rs; dr += 1) lines[pr + dr] = Math.max(lines[pr + dr] ?? 1, perRow);
    }
    lines.forEach((n, i) => {
      if (n > 1) ws.getRow(top + i).height = 14 * n + 2;
    });
    if (form.borders) {
      for (let rr = top; rr < top + height; rr += 1) {
        for (let cc = 1; cc <= ncols; cc += 1) {
          ws.getCell(rr, cc).border = { top: thin, left: thin, bottom: thin, right: thin };
        }
      }
    }
    r = top + height;
  }
  for (const line of form.after) writeLine(line);
  await wb.xlsx.writeFile(file);
}

/** width of a text in column-width units: a CJK character at 10 pt is about two digits wide */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 1.9 : 1;
  return w + 1;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** HTML the way government sites save it: a bordered table, <br> in cells, &nbsp; in empty ones. */
function html(form: Form): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(form.title)}</title>`,
    `<style>body{font-family:"${form.font}","SimSun",serif;font-size:10pt}`,
    'table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px;text-align:center}</style>',
    '</head><body>',
    `<h2 style="text-align:center">${escapeHtml(form.title)}</h2>`,
  ];
  const lineHtml = (line: Line): string =>
    typeof line === 'string'
      ? escapeHtml(line)
      : line.map(([t]) => escapeHtml(t)).join('&nbsp;&nbsp;&nbsp;&nbsp;');
  for (const line of form.before) out.push(`<p>${lineHtml(line)}</p>`);
  for (const table of form.tables) {
    for (const line of table.between ?? []) if (line !== '') out.push(`<p><b>${lineHtml(line)}</b></p>`);
    out.push('<table border="1" cellspacing="0" cellpadding="2">');
    for (const row of table.rows) {
      out.push('<tr>');
      for (const raw of row) {
        const cell = typeof raw === 'string' ? { t: raw } : raw;
        const attrs = [
          (cell.cs ?? 1) > 1 ? ` colspan="${cell.cs}"` : '',
          (cell.rs ?? 1) > 1 ? ` rowspan="${cell.rs}"` : '',
          cell.align === 'left' ? ' style="text-align:left"' : '',
        ].join('');
        const body = cell.t === '' ? '&nbsp;' : cell.t.split('\n').map(escapeHtml).join('<br>');
        out.push(`<td${attrs}>${body}</td>`);
      }
      out.push('</tr>');
    }
    out.push('</table>');
  }
  for (const line of form.after) out.push(`<p>${lineHtml(line)}</p>`);
  out.push('</body></html>', '');
  return out.join('\n');
}

async function main(): Promise<void> {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('用法：npx tsx scripts/make-office-fixtures.ts 输出目录');
    process.exit(2);
  }
  mkdirSync(join(outDir, 'xlsx'), { recursive: true });
  mkdirSync(join(outDir, 'html'), { recursive: true });
  for (const form of forms) {
    await writeXlsx(form, join(outDir, 'xlsx', `${form.name}.xlsx`));
    if (form.docx) writeFileSync(join(outDir, 'html', `${form.name}.html`), html(form));
  }
  console.log(
    `wrote ${forms.length} workbooks and ${forms.filter((f) => f.docx).length} html pages to ${outDir}`,
  );
}

await main();
