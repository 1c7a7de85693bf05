import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Cell, type Grid, gridToText, ReadError } from '../grid.ts';
import { encodeGbk } from './encode-gbk.ts';
import { readHtml } from './html.ts';

const fixturePath = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));

function caught(fn: () => unknown): ReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

function cellAt(grid: Grid, text: string): Cell {
  const cell = grid.rows.flat().find((c) => c.text === text);
  if (!cell) throw new Error(`no cell "${text}"`);
  return cell;
}

/** 1-based line of the first occurrence of `needle` in a fixture */
function lineOf(name: string, needle: string): number {
  const src = readFileSync(fixturePath(name), 'utf8');
  const at = src.indexOf(needle);
  if (at < 0) throw new Error(`no "${needle}" in ${name}`);
  return src.slice(0, at).split('\n').length;
}

describe('readHtml: the seed form as a government page', () => {
  const grids = readHtml(fixture('seed-hubei-dept-2023.html'), 'seed-hubei-dept-2023.html');
  const grid = grids[0]!;

  it('reads the one table, with the text around it as preamble', () => {
    expect(grids).toHaveLength(1);
    expect(grid.format).toBe('html');
    const pre = grid.preamble.map((l) => l.text);
    expect(pre).toContain('2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表');
    expect(pre).toContain('单位名称：光谷现代服务业园建设服务中心 填报日期：2024.6.10');
    // script and style are not text; the <title> repeats the heading and is not added again
    expect(pre.join()).not.toContain('pageId');
    expect(pre.join()).not.toContain('font-size');
    expect(pre.filter((t) => t.includes('整体绩效自评表'))).toHaveLength(1);
  });

  it('lays out rowspan and colspan: later rows skip the columns spanned from above', () => {
    const budget = cellAt(grid, '预算执行情况\n（万元）\n（20分）');
    expect([budget.row, budget.col, budget.rowSpan, budget.colSpan]).toEqual([2, 0, 2, 2]);
    const total = cellAt(grid, '部门整体支出总额');
    expect([total.row, total.col]).toEqual([3, 2]);
    const output = grid.rows[6]!.find((c) => c.text === '产出指标')!;
    expect([output.row, output.col, output.rowSpan, output.colSpan]).toEqual([6, 1, 3, 1]);
    expect(grid.rows[5]![0]).toMatchObject({ text: '年度绩效指标', col: 0, rowSpan: 6 });
    // under 年度绩效指标, 产出指标 and 质量指标 (both spanning), the name lands in column 3
    expect(grid.rows[8]!.map((c) => [c.col, c.text])).toEqual([
      [3, '两新党组织党报党刊订阅率'],
      [4, '100%'],
      [5, '100%'],
      [6, '3'],
    ]);
  });

  it('decodes entities and turns &nbsp;-only cells into empty text', () => {
    expect(grid.rows[6]!.find((c) => c.col === 4)!.text).toBe('≥12次');
    expect(cellAt(grid, '部门职工认可度≥90%').col).toBe(4);
    expect(grid.rows[2]!.find((c) => c.col === 2)!.text).toBe('');
  });

  it('puts every indicator score in the last column', () => {
    const scoreRows = grid.rows.filter((r) => /^\d+$/.test(r[r.length - 1]!.text) && r.length >= 4);
    expect(scoreRows).toHaveLength(21 + 1); // 21 indicators and the budget line
    for (const r of scoreRows) expect(r[r.length - 1]!.col).toBe(6);
  });

  it('points each cell at its line in the file and its table', () => {
    const name = cellAt(grid, '招商引资实际到位总额');
    expect(name.source).toEqual({
      line: lineOf('seed-hubei-dept-2023.html', '<td>招商引资实际到位总额'),
      table: 1,
    });
    expect(name.page).toBe(1);
    const pre = grid.preamble.find((l) => l.text.startsWith('单位名称'))!;
    expect(pre.source.line).toBe(lineOf('seed-hubei-dept-2023.html', '<p>单位名称'));
  });
});

describe('readHtml: a page inside a layout table, with a nested table', () => {
  const utf8 = readHtml(fixture('gov-project-2022.html'), 'gov-project-2022.html');
  const gbk = readHtml(fixture('gov-project-2022-gbk-export.xls'), 'gov-project-2022-gbk-export.xls');

  it('reads no grid for the frame, the form as table 1 and the nested table as table 2', () => {
    expect(utf8).toHaveLength(2);
    const [form, nested] = utf8 as [Grid, Grid];
    expect(form.rows[0]!.map((c) => c.text)).toEqual(['项目名称', '水旱灾害防御经费']);
    expect(form.preamble.map((l) => l.text)).toEqual([
      '当前位置：首页 > 政务公开 > 绩效评价',
      '项目支出绩效自评表',
      '（2022年度）',
      '填报人：张三 联系电话：0550-1234567',
    ]);
    expect(gridToText(nested)).toBe(
      '预期目标 | 实际完成情况\n完成年度防汛工作，完成中型灌区节水改造项目。 | 完成年度目标。',
    );
    expect(nested.rows[0]![0]!.source.table).toBe(2);
    expect(form.rows[0]![0]!.source.table).toBe(1);
  });

  it('does not repeat the nested table in the outer cell, and says where it went', () => {
    const [form, nested] = utf8 as [Grid, Grid];
    const goalRow = form.rows.find((r) => r[0]?.text === '年度总体目标')!;
    expect(goalRow[1]!.text).toBe('');
    expect(form.notes.join()).toContain('已单独读作第 2 个表格');
    expect(nested.notes.join()).toContain('嵌在第 1 个表格');
    expect(JSON.stringify(form.rows)).not.toContain('完成年度目标');
  });

  it('keeps <br> breaks in labels, decodes &ge; &#8805; &ldquo; &amp; and skips hidden elements', () => {
    const form = utf8[0]!;
    expect(form.rows.flat().map((c) => c.text)).toContain('绩\n效\n指\n标');
    expect(form.rows.flat().map((c) => c.text)).toContain('产出指标\n(50分)');
    expect(form.rows.flat().map((c) => c.text)).toContain('≥95%');
    expect(form.rows.flat().map((c) => c.text)).toContain('汛期局部“内涝”，已整改 & 加固');
    expect(JSON.stringify(utf8)).not.toContain('访问统计');
  });

  it('reads the GBK-encoded copy (charset=gb2312, exported as .xls) to the same grids', () => {
    expect(gbk.map(gridToText)).toEqual(utf8.map(gridToText));
    expect(gbk.map((g) => g.preamble.map((l) => l.text))).toEqual(
      utf8.map((g) => g.preamble.map((l) => l.text)),
    );
    expect(gbk[0]!.notes.join()).toContain('GB18030（GBK）');
  });

  it('reads a GBK page that declares UTF-8, and notes the wrong declaration', () => {
    const html = readFileSync(fixturePath('gov-project-2022.html'), 'utf8');
    const grids = readHtml(encodeGbk(html), 'wrong-charset.html');
    expect(grids.map(gridToText)).toEqual(utf8.map(gridToText));
    expect(grids[0]!.notes.join()).toContain('声明编码为 utf-8，但内容实际是 GBK');
  });
});

describe('readHtml: what messy pages do', () => {
  it('closes cells and rows that the page leaves open, and puts stray text before the table', () => {
    const html = `<table><caption>表1 预算执行</caption>
      <tr><th>项目<th>预算数<td>执行数
      <tr><td>合计<td>880<td>870
      元</tr>
      说明文字
    </table>`;
    const [grid] = readHtml(html, 'open.html');
    expect(gridToText(grid!)).toBe('项目 | 预算数 | 执行数\n合计 | 880 | 870 元');
    expect(grid!.preamble.map((l) => l.text)).toEqual(['说明文字', '表1 预算执行']);
  });

  it('treats rowspan=0 as reaching the last row, and clamps spans to the table', () => {
    const html = `<table>
      <tr><td rowspan="0">甲</td><td>1</td></tr>
      <tr><td>2</td></tr>
      <tr><td>3</td><td rowspan="9">乙</td></tr>
    </table>`;
    const grid = readHtml(html, 'span.html')[0]!;
    expect(cellAt(grid, '甲').rowSpan).toBe(3);
    expect(cellAt(grid, '3').col).toBe(1);
    expect(cellAt(grid, '乙')).toMatchObject({ col: 2, rowSpan: 1 });
  });

  it('reads input values and the selected option as cell text', () => {
    const html = `<table><tr><td>指标值</td><td><input type="text" value="≥90%"></td>
      <td><select><option>定量</option><option selected>定性</option></select></td></tr>
      <tr><td>a</td><td>b</td><td>c</td></tr></table>`;
    const grid = readHtml(html, 'form.html')[0]!;
    expect(grid.rows[0]!.map((c) => c.text)).toEqual(['指标值', '≥90%', '定性']);
  });

  it('keeps a small table nested in a data cell as its own grid', () => {
    const html = `<table>
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td></tr>
      <tr><td>产出指标</td><td>数量指标</td><td>人次<table><tr><td>计划</td><td>735</td></tr></table></td></tr>
    </table>`;
    const grids = readHtml(html, 'nest.html');
    expect(grids.map(gridToText)).toEqual([
      '一级指标 | 二级指标 | 三级指标\n产出指标 | 数量指标 | 人次',
      '计划 | 735',
    ]);
  });

  it('returns the text of a page without tables as preamble lines', () => {
    const html =
      '<html><body><p>项目名称</p><p>水旱灾害防御经费</p><div>一级指标<br>产出指标</div></body></html>';
    const grids = readHtml(html, 'cells.html');
    expect(grids).toHaveLength(1);
    expect(grids[0]!.rows).toEqual([]);
    expect(grids[0]!.preamble.map((l) => l.text)).toEqual([
      '项目名称',
      '水旱灾害防御经费',
      '一级指标',
      '产出指标',
    ]);
  });

  it('stops at the cell limit with a clear error', () => {
    const html = `<table>${'<tr><td>1</td><td>2</td></tr>'.repeat(100)}</table>`;
    const e = caught(() => readHtml(html, 'many.html', { maxCells: 50 }));
    expect(e.code).toBe('too-many-cells');
    expect(e.message).toContain('“many.html”');
  });

  it('refuses files that are not web pages, naming what they are', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const e = caught(() => readHtml(png, '自评表.html'));
    expect(e.code).toBe('wrong-format');
    expect(e.message).toContain('PNG 图片');
    expect(caught(() => readHtml(new Uint8Array(0), 'empty.html')).code).toBe('empty');
  });
});
