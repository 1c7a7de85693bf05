import { describe, expect, it } from 'vitest';
import { type Grid, gridToText } from '../grid.ts';
import { detectTextStyle, readText, splitLines } from './text.ts';
import { splitDelimited } from './text-delimited.ts';
import { isMarkdownSeparator, splitMarkdownRow } from './text-markdown.ts';
import { parsePipeLine } from './text-pipe.ts';

function texts(grid: Grid): string[][] {
  return grid.rows.map((r) => r.map((c) => c.text));
}

function everyCellHasALine(grids: Grid[]): boolean {
  return grids.every((g) => g.rows.every((r) => r.every((c) => typeof c.source.line === 'number')));
}

describe('detectTextStyle', () => {
  it('takes a cell holding a dash, one cell per line, for a cell and not a markdown separator', () => {
    const text = '项目名称 |\n某项目 |\n||||\n偏差原因 |\n- |\n||||\n得分 |\n5 |';
    expect(detectTextStyle(splitLines(text))).toBe('pipe');
    expect(detectTextStyle(splitLines('| a | b |\n| - | - |\n| 1 | 2 |'))).toBe('markdown');
    expect(detectTextStyle(splitLines('a | b\n---|---\n1 | 2'))).toBe('markdown');
  });

  it('tells the four flattenings apart', () => {
    expect(detectTextStyle(splitLines('标题\n\n| a | b |\n|---|---|\n| 1 | 2 |'))).toBe('markdown');
    expect(detectTextStyle(splitLines('项目名称 | 某项目 | ||\n年度资金总额 | 10 | 9 | ||'))).toBe('pipe');
    expect(detectTextStyle(splitLines('项目名称\n\n某项目\n\n主管部门\n\n \n\n实施单位\n\n某单位'))).toBe(
      'paragraph',
    );
    expect(detectTextStyle(splitLines('    项目名称 某项目\n    主管部门 某局'))).toBe('delimited');
  });
});

describe('markdown tables', () => {
  const md = [
    '2023年度某单位整体绩效自评表',
    '',
    '单位名称： 某单位',
    '',
    '| | | |',
    '|---|--|---|',
    '| 单位名称 | | 某单位 |',
    '| 年度目标 1: | a\\|b | x<br>y |',
    '',
    '| | |',
    '|--|--|',
    '| 总分 | 95 |',
    '',
    '填表人：张三',
  ].join('\n');

  it('gives one grid per table, the lines before a table as its preamble', () => {
    const grids = readText(md, 'a.md');
    expect(grids).toHaveLength(2);
    expect(grids[0]!.preamble.map((l) => [l.text, l.source.line])).toEqual([
      ['2023年度某单位整体绩效自评表', 1],
      ['单位名称： 某单位', 3],
    ]);
    expect(texts(grids[0]!)).toEqual([
      ['', '', ''],
      ['单位名称', '', '某单位'],
      ['年度目标 1:', 'a|b', 'x\ny'],
    ]);
    expect(texts(grids[1]!)).toEqual([
      ['', ''],
      ['总分', '95'],
    ]);
  });

  it('keeps lines after the last table in its preamble, and numbers tables and lines', () => {
    const grids = readText(md, 'a.md');
    expect(grids[1]!.preamble.map((l) => l.text)).toEqual(['填表人：张三']);
    expect(grids[1]!.rows[1]![0]!.source).toEqual({ line: 12, table: 2 });
    expect(grids[0]!.format).toBe('markdown');
    expect(everyCellHasALine(grids)).toBe(true);
  });

  it('splits rows on unescaped pipes only', () => {
    expect(splitMarkdownRow('| a | b\\|c |  d  |')).toEqual(['a', 'b|c', 'd']);
    expect(isMarkdownSeparator('|---|:--:|--|')).toBe(true);
    expect(isMarkdownSeparator('| a | b |')).toBe(false);
  });
});

describe('pipe rows, one row per line', () => {
  const text = [
    '项目支出绩效自评表',
    '项目名称 | 某项目 | |||||',
    '||||||',
    '产出指标 | 数量指标 | 扶持主体 (个) |',
    '15 | 6 | 8.0 | |',
    '数量指标 | 带动贫困户(人) | 11442 |  | 7.3 | ||',
    '偏差大或',
    '目标未完成原因分析 | 一是… | |',
    '一是加大管理指导力度',
  ].join('\n');
  const [grid] = readText(text, 'y.txt');

  it('strips the ragged padding, keeps inner empty cells and leaves broken rows to the extractor', () => {
    expect(texts(grid!)).toEqual([
      ['项目名称', '某项目'],
      ['产出指标', '数量指标', '扶持主体 (个)'],
      ['15', '6', '8.0'],
      ['数量指标', '带动贫困户(人)', '11442', '', '7.3'],
      ['偏差大或\n目标未完成原因分析', '一是…'],
      ['一是加大管理指导力度'],
    ]);
  });

  it('puts lines without pipes before the table in the preamble', () => {
    expect(grid!.preamble.map((l) => l.text)).toEqual(['项目支出绩效自评表']);
    expect(grid!.rows[4]![0]!.source.line).toBe(7);
    expect(grid!.notes.join('')).toContain('每行一个表格行');
  });

  it('reads a line into cells and padding', () => {
    expect(parsePipeLine({ no: 1, text: 'a | b |  | ||' })).toMatchObject({
      kind: 'cells',
      cells: ['a', 'b'],
      padding: 3,
    });
    expect(parsePipeLine({ no: 1, text: '|||' })).toMatchObject({ kind: 'pipes', pipes: 3 });
    expect(parsePipeLine({ no: 1, text: '岗' })).toMatchObject({ kind: 'bare', text: '岗' });
  });
});

describe('pipe text, one cell per line', () => {
  it('builds rows between the |||| runs, a lone | being an empty cell', () => {
    const text = [
      '发文单位: | 某局 | 发布日期: | 2022年11月04日 | ||',
      '项目名称 |',
      '某项目 |',
      '||||||',
      '主管部门 |',
      '|',
      '实施单位 |',
      '|',
      '||||',
      '产出指标 |',
      '数量指标 |',
      '预算执行率 |',
      '100% |',
      '||||',
      '社会效益 指标 |',
      '岗',
    ].join('\n');
    const [grid] = readText(text, 'h.txt');
    expect(texts(grid!)).toEqual([
      ['发文单位:', '某局', '发布日期:', '2022年11月04日'],
      ['项目名称', '某项目'],
      ['主管部门', '', '实施单位', ''],
      ['产出指标', '数量指标', '预算执行率', '100%'],
      ['社会效益 指标', '岗'],
    ]);
    expect(everyCellHasALine([grid!])).toBe(true);
  });

  it('gives every cell its own row when no |||| run marks the rows, and says so', () => {
    const text = [
      '报表编号:510000_0013zp |',
      '|',
      '项目名称 |',
      '工资性支出 |',
      '主管部门 |',
      '某局 |',
      '|',
    ].join('\n');
    const [grid] = readText(text, 's.txt');
    expect(texts(grid!)).toEqual([
      ['报表编号:510000_0013zp'],
      [''],
      ['项目名称'],
      ['工资性支出'],
      ['主管部门'],
      ['某局'],
      [''],
    ]);
    expect(grid!.notes.join('')).toContain('行边界已丢失');
    expect(grid!.rows[3]![0]!.source.line).toBe(4);
  });
});

describe('one cell per paragraph', () => {
  it('reads paragraphs as cells, whitespace-only ones as empty cells, lines inside as line breaks', () => {
    const text = [
      '项目名称',
      '',
      '某项目',
      '',
      '项目资金',
      '(万元)',
      '',
      ' ',
      '',
      '年初',
      '',
      '预算数',
      '',
      '',
      '',
      '43.2',
    ].join('\n');
    const [grid] = readText(text, 'p.txt');
    expect(texts(grid!)).toEqual([
      ['项目名称'],
      ['某项目'],
      ['项目资金\n(万元)'],
      [''],
      ['年初'],
      ['预算数'],
      ['43.2'],
    ]);
    expect(grid!.rows[2]![0]!.source.line).toBe(5);
    expect(grid!.notes.join('')).toContain('每段一个单元格');
  });
});

describe('space- and tab-separated text', () => {
  it('splits indented lines on spaces and puts the unindented title in the preamble', () => {
    const text = [
      '某局项目支出绩效自评',
      '',
      '    项目名称 水旱灾害防御经费',
      '    年度资金总额: 880 880 880 10 10',
      '     其中:本年财政拨款 880 880 880 - -',
      '    可持续影',
      '    响指标',
    ].join('\n');
    const [grid] = readText(text, 'a.txt');
    expect(grid!.preamble.map((l) => [l.text, l.source.line])).toEqual([['某局项目支出绩效自评', 1]]);
    expect(texts(grid!)).toEqual([
      ['项目名称', '水旱灾害防御经费'],
      ['年度资金总额:', '880', '880', '880', '10', '10'],
      ['其中:本年财政拨款', '880', '880', '880', '-', '-'],
      ['可持续影'],
      ['响指标'],
    ]);
  });

  it('splits on tabs when the text has them, else on wide gaps when the text uses them', () => {
    const [tabbed] = readText('a b\tc\n\td\te', 't.txt');
    expect(texts(tabbed!)).toEqual([
      ['a b', 'c'],
      ['d', 'e'],
    ]);
    expect(splitDelimited('扶持主体 (个)   15   6', 'wide')).toEqual(['扶持主体 (个)', '15', '6']);
    expect(splitDelimited('a  b c', 'space')).toEqual(['a', 'b', 'c']);
  });
});

describe('readText on any input', () => {
  it('gives no grid for an empty text and never throws', () => {
    expect(readText('', 'e.txt')).toEqual([]);
    expect(readText('\n\n   \n', 'e.txt')).toEqual([]);
    for (const junk of ['|', '||||', '\u0000\u0001', '| |\n|-|', '---', 'a\r\nb\rc']) {
      expect(() => readText(junk, 'j.txt')).not.toThrow();
    }
  });

  it('drops a BOM and reads CRLF line endings', () => {
    const [grid] = readText('\ufeff项目名称 | 某项目 | ||\r\n年度资金总额 | 10 | ||\r\n', 'b.txt');
    expect(gridToText(grid!)).toBe('项目名称 | 某项目\n年度资金总额 | 10');
  });
});

describe('HTML tables inside markdown', () => {
  it('reads them with their spans, numbering lines in the file', () => {
    const text = [
      '# 2023年度项目支出绩效自评表',
      '',
      '单位名称：某局',
      '',
      '<table>',
      '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>培训人次</td></tr>',
      '<tr><td>质量指标</td><td>合格率</td></tr>',
      '</table>',
      '',
      '| 总分 | 95 |',
      '|--|--|',
    ].join('\n');
    const grids = readText(text, 'h.md');
    expect(grids).toHaveLength(2);
    expect(grids[0]!.preamble.map((l) => l.text)).toEqual(['# 2023年度项目支出绩效自评表', '单位名称：某局']);
    expect(texts(grids[0]!)).toEqual([
      ['产出指标', '数量指标', '培训人次'],
      ['质量指标', '合格率'],
    ]);
    expect(grids[0]!.rows[0]![0]).toMatchObject({ rowSpan: 2, source: { line: 6, table: 1 } });
    expect(grids[0]!.rows[1]![0]).toMatchObject({ col: 1, source: { line: 7 } });
    expect(texts(grids[1]!)).toEqual([['总分', '95']]);
    expect(grids[1]!.rows[0]![0]!.source).toEqual({ line: 10, table: 2 });
  });
});
