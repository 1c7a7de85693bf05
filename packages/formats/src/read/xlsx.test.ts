import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Cell, type Grid, gridToText, ReadError } from '../grid.ts';
import { buildDocx, buildXlsx, S_NS, wP } from './build-ooxml.ts';
import { a1, NOTE_COMPUTED_SHEET_SKIPPED, parseA1, readXlsx } from './xlsx.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));

function caught(fn: () => unknown): ReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

function at(grid: Grid, address: string): Cell {
  const cell = grid.rows.flat().find((c) => c.source.address === address);
  if (!cell) throw new Error(`no cell at ${address}`);
  return cell;
}

describe('readXlsx: a workbook written by exceljs', () => {
  const grids = readXlsx(fixture('workbook-two-sheets.xlsx'), 'workbook-two-sheets.xlsx');
  const [form, notes] = grids as [Grid, Grid];

  it('reads each visible sheet with content, and notes the empty and hidden ones', () => {
    expect(grids).toHaveLength(2);
    expect(form.rows.flat().every((c) => c.source.sheet === '项目自评')).toBe(true);
    expect(notes.rows.flat().every((c) => c.source.sheet === '填报说明')).toBe(true);
    expect(form.notes).toContain('工作表“空表”是空的，已跳过');
    expect(form.notes).toContain('工作表“隐藏数据”是隐藏的，已跳过');
    expect(JSON.stringify(grids)).not.toContain('不应读到');
  });

  it('shows cached formula results and percent formats as Excel displays them', () => {
    expect(at(form, 'D4').text).toBe('83.50%'); // =C4/B4 under 0.00%
    expect(at(form, 'E4').text).toBe('8.35'); // =ROUND(D4*10,2)
    expect(at(form, 'C5').text).toBe('100%');
    expect(at(form, 'D5').text).toBe('98.76%');
    expect(at(form, 'E5').text).toBe('0.3'); // 0.1 + 0.2 as stored
    expect(at(form, 'C6').text).toBe('2023-12-31');
    expect(at(form, 'D6').text).toBe('TRUE');
    expect(at(form, 'F4').text).toBe('资金已拨付'); // rich text runs
    expect(at(form, 'E6').text).toBe('第一行\n第二行');
  });

  it('turns merges into spans on the top-left cell, rows and columns counted from the table', () => {
    expect(form.preamble.map((l) => [l.text, l.source.address])).toEqual([
      ['2023年度项目支出绩效自评表', 'A1'],
    ]);
    expect(at(form, 'B2')).toMatchObject({
      row: 0,
      col: 1,
      rowSpan: 1,
      colSpan: 5,
      text: '社区养老服务补助',
    });
    expect(at(form, 'A3')).toMatchObject({
      row: 1,
      col: 0,
      rowSpan: 2,
      colSpan: 1,
      text: '项目资金（万元）',
    });
    expect(at(form, 'A5')).toMatchObject({ rowSpan: 2, text: '产出指标' });
    // the second row of a merge has no cell in the merged column
    expect(form.rows[2]!.map((c) => c.col)).toEqual([1, 2, 3, 4, 5]);
    expect(form.rows.flat().some((c) => c.source.address === 'A4')).toBe(false);
  });

  it('keeps bordered empty cells inside the table, so a blank answer is an empty cell', () => {
    expect(at(form, 'F5').text).toBe('');
  });
});

describe('readXlsx: the seed form as a unit types it in Excel', () => {
  const [grid, ...rest] = readXlsx(fixture('seed-hubei-dept-2023.xlsx'), 'seed-hubei-dept-2023.xlsx');

  it('has the title, unit and date above the table and the labels merged over their rows', () => {
    expect(rest).toHaveLength(0);
    expect(grid!.preamble.map((l) => l.text)).toEqual([
      '2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表',
      '单位名称：光谷现代服务业园建设服务中心',
      '填报日期：2024.6.10',
    ]);
    expect(at(grid!, 'A5')).toMatchObject({ text: '预算执行情况（万元）\n（20分）', rowSpan: 2, colSpan: 2 });
    expect(at(grid!, 'F6').text).toBe('100%');
    expect(at(grid!, 'G6').text).toBe('20');
    expect(at(grid!, 'A8')).toMatchObject({ text: '年度绩效指标', rowSpan: 6 });
    expect(at(grid!, 'B9')).toMatchObject({ text: '产出指标', rowSpan: 3 });
    expect(at(grid!, 'C10')).toMatchObject({ text: '质量指标', rowSpan: 2 });
  });

  it('reads every indicator with its values, percents typed as numbers shown as percents', () => {
    const names = grid!.rows.flat().filter((c) => c.col === 3 && c.source.address !== undefined);
    const indicatorRows = grid!.rows.filter(
      (r) => r.some((c) => c.col === 6 && /^\d+$/.test(c.text)) && r.length >= 4,
    );
    expect(indicatorRows).toHaveLength(21 + 1);
    expect(names.length).toBeGreaterThan(21);
    const satisfied = grid!.rows.find((r) => r.some((c) => c.text === '服务企业(员工)对党群工作满意度'))!;
    expect(satisfied.slice(-3).map((c) => c.text)).toEqual(['≥90%', '93%', '3']);
    expect(gridToText(grid!)).toContain('总分 | 95');
  });
});

const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('readXlsx: SpreadsheetML as other tools write it', () => {
  it('reads inline strings, rich runs without their phonetic readings, escapes and error values', () => {
    const xml =
      '<sheetData>' +
      row(1, `${inline('A1', '指标')}<c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c>`) +
      row(
        2,
        `${inline('A2', '备注_x000D_换行')}<c r="B2" t="e"><v>#DIV/0!</v></c><c r="C2" t="str"><f>A1&amp;"值"</f><v>指标值</v></c>`,
      ) +
      '</sheetData>';
    const [grid] = readXlsx(
      buildXlsx({
        sheets: [{ name: 'S', xml }],
        sharedStrings: [
          '<r><t>满意</t></r><r><t>度</t></r><rPh sb="0" eb="1"><t>マンゾク</t></rPh>',
          '目标&值',
        ],
      }),
      'x.xlsx',
    );
    expect(grid!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['指标', '满意度', '目标&值'],
      ['备注\n换行', '#DIV/0!', '指标值'],
    ]);
  });

  it('reads cells without r attributes, prefixed namespaces and the 1904 date system', () => {
    const sheetXml =
      '<x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c><x:c s="1"><x:v>43991</x:v></x:c></x:row>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>比例</x:t></x:is></x:c><x:c s="2"><x:v>0.5</x:v></x:c></x:row></x:sheetData>';
    const xlsx = buildXlsx({
      sheets: [{ name: 'S', xml: '' }],
      numFmts: [[164, 'yyyy"年"m"月"d"日"']],
      cellXfs: [0, 164, 9],
      date1904: true,
      override: {
        'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><x:worksheet xmlns:x="${S_NS}">${sheetXml}</x:worksheet>`,
      },
    });
    const [grid] = readXlsx(xlsx, 'prefixed.xlsx');
    expect(gridToText(grid!)).toBe('日期 | 2024-06-10\n比例 | 50%');
    expect(grid!.rows[1]![1]!.source.address).toBe('B2');
  });

  it('keeps text typed under a merge, notes covered text and overlapping merges, and formulas without results', () => {
    const xml =
      '<sheetData>' +
      row(1, `<c r="A1"/>${inline('B1', '藏在合并区里')}${inline('C1', '丙')}`) +
      row(2, `${inline('A2', '甲')}${inline('B2', '被遮住')}<c r="C2"><f>1+1</f></c>`) +
      row(3, `${inline('A3', '一')}${inline('B3', '二')}${inline('C3', '三')}`) +
      '</sheetData><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/><mergeCell ref="B2:C3"/></mergeCells>';
    const [grid] = readXlsx(buildXlsx({ sheets: [{ name: 'M', xml }] }), 'merge.xlsx');
    expect(at(grid!, 'A1')).toMatchObject({ text: '藏在合并区里', colSpan: 2 });
    expect(at(grid!, 'A2')).toMatchObject({ text: '甲', colSpan: 2 });
    const notes = grid!.notes.join('\n');
    expect(notes).toContain('合并区域 A1:B1 的文字在 B1，已移到左上角单元格');
    expect(notes).toContain('B2（“被遮住”）在 Excel 中不显示');
    expect(notes).toContain('合并区域 B2:C3 与其他合并区域重叠');
    expect(notes).toContain('1 个公式没有保存计算结果');
    expect(at(grid!, 'C2').text).toBe('');
  });

  it('ignores the formatted empty cells a template has far beyond the form', () => {
    const cols = 'ABCDEFGHIJ'.split('');
    const blank = Array.from({ length: 3000 }, (_, i) =>
      row(i + 10, cols.map((c) => `<c r="${c}${i + 10}" s="0"/>`).join('')),
    ).join('');
    const xml = `<sheetData>${row(2, `${inline('B2', '指标')}<c r="C2" s="0"/>${inline('D2', '值')}`)}${row(3, `${inline('B3', '人次')}<c r="C3" s="0"/><c r="D3"><v>735</v></c>`)}${blank}</sheetData>`;
    const [grid] = readXlsx(buildXlsx({ sheets: [{ name: 'T', xml }] }), 'template.xlsx', { maxCells: 100 });
    expect(grid!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['指标', '', '值'],
      ['人次', '', '735'],
    ]);
  });

  it('refuses a workbook with an entity-expansion ("billion laughs") part', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      `<sst xmlns="${S_NS}"><si><t>&lol3;</t></si></sst>`;
    const xlsx = buildXlsx({
      sheets: [{ name: 'S', xml: `<sheetData>${row(1, '<c r="A1" t="s"><v>0</v></c>')}</sheetData>` }],
      override: { 'xl/sharedStrings.xml': laughs },
    });
    const e = caught(() => readXlsx(xlsx, 'laughs.xlsx'));
    expect(e.code).toBe('xml-entities');
    expect(e.message).toContain('“laughs.xlsx”');
    expect(e.message).toContain('xl/sharedStrings.xml');
  });

  it('refuses malformed XML as a damaged workbook', () => {
    const xlsx = buildXlsx({
      sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></row>' }],
    });
    const e = caught(() => readXlsx(xlsx, 'broken.xlsx'));
    expect(e.code).toBe('xml-corrupt');
    expect(e.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a workbook whose sheets are all empty or hidden', () => {
    const xlsx = buildXlsx({
      sheets: [
        { name: '空', xml: '<sheetData/>' },
        { name: '藏', xml: `<sheetData>${row(1, inline('A1', '数据'))}</sheetData>`, state: 'hidden' },
      ],
    });
    const e = caught(() => readXlsx(xlsx, 'none.xlsx'));
    expect(e.code).toBe('no-content');
    expect(e.message).toContain('隐藏');
  });
});

describe("readXlsx: Jixiao's own computed sheet", () => {
  const sheet = (name: string, title: string) => ({
    name,
    xml: `<sheetData>${row(1, inline('A1', title))}${row(5, `${inline('A5', '项目')}${inline('B5', '填报')}`)}</sheetData>`,
  });
  const form = { name: '自评表', xml: `<sheetData>${row(1, inline('A1', '一级指标'))}</sheetData>` };

  it('leaves out the 计分与复核 sheet Jixiao wrote, with a note naming it', () => {
    const grids = readXlsx(
      buildXlsx({ sheets: [form, sheet('计分与复核', 'Jixiao 计分与复核：2023年度 某县教育局')] }),
      'x.xlsx',
    );
    expect(grids).toHaveLength(1);
    expect(grids[0]!.rows.flat().every((c) => c.source.sheet === '自评表')).toBe(true);
    const notes = grids[0]!.notes.filter((n) => n.startsWith(NOTE_COMPUTED_SHEET_SKIPPED));
    expect(notes).toEqual([
      `${NOTE_COMPUTED_SHEET_SKIPPED} 工作表“计分与复核”（Jixiao 计分与复核：2023年度 某县教育局）是 Jixiao 导出时附上的计分与复核结果，不是填报内容，未读取；导入后按评分规则重新计算`,
    ]);
  });

  it("reads a unit's own sheet that only looks alike: another title, or Jixiao's title under another name", () => {
    const grids = readXlsx(
      buildXlsx({
        sheets: [
          form,
          sheet('计分与复核', '计分与复核：2023年度 某县教育局'),
          sheet('复核', 'Jixiao 计分与复核：2023年度 某县教育局'),
        ],
      }),
      'x.xlsx',
    );
    expect(grids.map((g) => g.rows.flat()[0]?.source.sheet)).toEqual(['自评表', '计分与复核', '复核']);
    expect(grids.flatMap((g) => g.notes).some((n) => n.startsWith(NOTE_COMPUTED_SHEET_SKIPPED))).toBe(false);
  });

  it('says so when the computed sheet is all a workbook holds', () => {
    const e = caught(() =>
      readXlsx(
        buildXlsx({ sheets: [sheet('计分与复核', 'Jixiao 计分与复核：2023年度 某县教育局')] }),
        'r.xlsx',
      ),
    );
    expect(e.code).toBe('no-content');
    expect(e.message).toContain('只有 Jixiao 导出的“计分与复核”表，没有自评表');
  });
});

describe('readXlsx: files that are not workbooks', () => {
  it('says what the content really is', () => {
    const pdf = caught(() =>
      readXlsx(new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), '自评表.xlsx'),
    );
    expect(pdf.code).toBe('wrong-format');
    expect(pdf.message).toBe(
      '文件“自评表.xlsx”不是 Excel 工作簿（.xlsx），内容看起来是 PDF 文件。请把扩展名改为 .pdf 后再导入。',
    );
    const docx = caught(() => readXlsx(buildDocx(wP('正文')), 'word.xlsx'));
    expect(docx.code).toBe('wrong-format');
    expect(docx.message).toContain('Word 文档');
    const html = caught(() =>
      readXlsx(new TextEncoder().encode('<html><table><tr><td>1</td></tr></table></html>'), 'a.xlsx'),
    );
    expect(html.message).toContain('网页（HTML）');
  });

  it('refuses junk, empty files and files over the size limit', () => {
    let seed = 7;
    const junk = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    expect(caught(() => readXlsx(junk, 'junk.xlsx')).code).toBe('junk');
    expect(caught(() => readXlsx(new Uint8Array(0), 'empty.xlsx')).code).toBe('empty');
    const big = caught(() => readXlsx(fixture('seed-hubei-dept-2023.xlsx'), 'seed.xlsx', { maxBytes: 1024 }));
    expect(big.code).toBe('too-large');
    expect(big.message).toContain('1 KB');
  });
});

describe('A1 addresses', () => {
  it('converts both ways', () => {
    expect(parseA1('A1')).toEqual({ row: 0, col: 0 });
    expect(parseA1('$AB$12')).toEqual({ row: 11, col: 27 });
    expect(parseA1('XFD1048576')).toEqual({ row: 1048575, col: 16383 });
    expect(parseA1('XFE1')).toBeNull();
    expect(parseA1('A0')).toBeNull();
    expect(a1(11, 27)).toBe('AB12');
    expect(a1(0, 701)).toBe('ZZ1');
    expect(a1(0, 702)).toBe('AAA1');
  });
});
