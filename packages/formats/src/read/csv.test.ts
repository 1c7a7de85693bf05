import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gridToText, ReadError } from '../grid.ts';
import { readCsv } from './csv.ts';
import { encodeGbk } from './encode-gbk.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);

function caught(fn: () => unknown): ReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

const EXPECTED = [
  '项目名称 | 社区养老服务补助 |  |  | ',
  '一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值',
  '产出指标 | 数量指标 | 服务人次,含上门服务 | ≥735人次 | 812人次',
  '产出指标 | 质量指标 | 服务满意度\n（抽样调查） | ≥90% | 95%',
  '效益指标 | 社会效益指标 | 老人说"方便多了" | 显著提升 | 达到预期',
].join('\n');

describe('readCsv', () => {
  it.each([
    ['budget.utf8.csv', 'utf-8'],
    ['budget.utf8-bom.csv', 'UTF-8（带 BOM）'],
    ['budget.gbk.csv', 'GBK'],
  ])('reads %s to the same cells (quotes, commas and line breaks inside fields)', (name, encodingNote) => {
    const [grid, ...rest] = readCsv(fixture(name), name);
    expect(rest).toHaveLength(0);
    expect(grid!.format).toBe('csv');
    expect(gridToText(grid!)).toBe(EXPECTED);
    if (encodingNote !== 'utf-8') expect(grid!.notes.join()).toContain(encodingNote);
    expect(grid!.notes).toContain('分隔符：逗号');
  });

  it('gives each cell the line its field starts on, also after a field spanning two lines', () => {
    const [grid] = readCsv(fixture('budget.utf8.csv'), 'budget.utf8.csv');
    const row3 = grid!.rows[3]!;
    expect(row3.map((c) => c.source.line)).toEqual([4, 4, 4, 5, 5]);
    expect(grid!.rows[4]![0]!.source.line).toBe(6);
    expect(row3.map((c) => [c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      [3, 0, 1, 1],
      [3, 1, 1, 1],
      [3, 2, 1, 1],
      [3, 3, 1, 1],
      [3, 4, 1, 1],
    ]);
  });

  it('detects semicolon and tab delimiters, and keeps commas inside fields', () => {
    const semi = readCsv(utf8('指标;目标值;完成值\n服务人次;"1,200";1,350\n满意度;≥90%;95%\n'), 's.csv')[0]!;
    expect(gridToText(semi)).toBe('指标 | 目标值 | 完成值\n服务人次 | 1,200 | 1,350\n满意度 | ≥90% | 95%');
    expect(semi.notes).toContain('分隔符：分号');
    const tab = readCsv(utf8('指标\t目标值\t完成值\n人次, 含上门\t100\t120\n'), 't.tsv')[0]!;
    expect(gridToText(tab)).toBe('指标 | 目标值 | 完成值\n人次, 含上门 | 100 | 120');
    expect(tab.notes).toContain('分隔符：制表符');
  });

  it('moves a title row exported from Excel into the preamble', () => {
    const text =
      '2023年度项目支出绩效自评表,,,\n金额单位：万元,,,\n项目,预算数,执行数,执行率\n合计,880,880,100%\n其中,800,800,100%\n';
    const grid = readCsv(encodeGbk(text), 'title.csv')[0]!;
    expect(grid.preamble.map((l) => [l.text, l.source.line])).toEqual([
      ['2023年度项目支出绩效自评表', 1],
      ['金额单位：万元', 2],
    ]);
    expect(grid.rows[0]!.map((c) => c.text)).toEqual(['项目', '预算数', '执行数', '执行率']);
    expect(grid.rows[0]![0]!.row).toBe(0);
  });

  it('reads a field whose quote never closes to the end, and says so', () => {
    const grid = readCsv(utf8('指标,值\n满意度,"95%\n下一行'), 'q.csv')[0]!;
    expect(grid.rows[1]![1]!.text).toBe('95%\n下一行');
    expect(grid.notes.join()).toContain('未闭合的引号');
  });

  it("reads a cell made inert against formulas ('=…) as Excel shows it, and keeps other apostrophes", () => {
    const [grid] = readCsv(
      utf8("指标,目标值,备注,分值,说明\n'=SUM(A1:A3),'@cmd,'-x+1,'5,'绩效\n"),
      'inert.csv',
    );
    expect(grid!.rows.at(-1)!.map((c) => c.text)).toEqual(['=SUM(A1:A3)', '@cmd', '-x+1', "'5", "'绩效"]);
    expect(grid!.notes.join('；')).toContain('3 个单元格开头的撇号');
  });

  it('refuses empty, blank, oversized and non-text files with the file named', () => {
    expect(caught(() => readCsv(new Uint8Array(0), '空.csv')).code).toBe('empty');
    expect(caught(() => readCsv(utf8(' \n,,\n'), 'blank.csv')).code).toBe('no-content');
    const big = caught(() => readCsv(utf8('a,b\n'.repeat(100)), 'big.csv', { maxBytes: 100 }));
    expect(big.code).toBe('too-large');
    expect(big.message).toContain('“big.csv”');
    const pdf = caught(() => readCsv(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), '自评表.csv'));
    expect(pdf.code).toBe('wrong-format');
    expect(pdf.message).toContain('PDF');
  });
});
