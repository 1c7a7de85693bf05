import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Cell, type Grid, gridToText, ReadError } from '../grid.ts';
import { buildDocx, buildXlsx, wP, wTbl } from './build-ooxml.ts';
import { readDocx } from './docx.ts';

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

function cellAt(grid: Grid, text: string): Cell {
  const cell = grid.rows.flat().find((c) => c.text === text);
  if (!cell) throw new Error(`no cell "${text}"`);
  return cell;
}

const spans = (c: Cell) => [c.row, c.col, c.rowSpan, c.colSpan];

describe('readDocx: a project form typed in Word', () => {
  const grids = readDocx(fixture('project-merged.docx'), 'project-merged.docx');
  const [form, nested] = grids as [Grid, Grid];

  it('reads the table, with paragraphs before and after it as preamble', () => {
    expect(grids).toHaveLength(2);
    expect(form.format).toBe('docx');
    expect(form.preamble.map((l) => l.text)).toEqual([
      '2023年度项目支出绩效自评表',
      '填报单位：某县公路段',
      '填报日期：2024年3月15日',
    ]);
  });

  it('turns gridSpan into column spans and vMerge restart/continue into row spans', () => {
    expect(spans(cellAt(form, '项目名称'))).toEqual([0, 0, 1, 2]);
    expect(spans(cellAt(form, '乡村道路养护'))).toEqual([0, 2, 1, 4]);
    expect(spans(cellAt(form, '项目资金（万元）'))).toEqual([2, 0, 2, 2]);
    expect(spans(cellAt(form, '50'))).toEqual([3, 2, 1, 1]);
    expect(spans(cellAt(form, '绩效\n指标'))).toEqual([5, 0, 4, 1]);
    expect(spans(cellAt(form, '产出指标'))).toEqual([6, 1, 2, 1]);
    // the row under both merges starts in column 2
    expect(form.rows[7]!.map((c) => [c.col, c.text])).toEqual([
      [2, '质量指标'],
      [3, '路况优良率'],
      [4, '≥85%'],
      [5, '88%'],
    ]);
    expect(form.rows[8]![0]).toMatchObject({ col: 1, text: '满意度指标' });
  });

  it('reads a nested table as its own grid, not as text of the outer cell', () => {
    expect(cellAt(form, '资金构成').col).toBe(0);
    expect(form.rows[4]![1]).toMatchObject({ col: 2, colSpan: 4, text: '' });
    expect(gridToText(nested)).toBe('资金来源 | 金额\n财政拨款 | 50');
    expect(nested.rows[0]![0]!.source.table).toBe(2);
    expect(form.rows[0]![0]!.source.table).toBe(1);
    expect(form.notes.join()).toContain('已单独读作第 2 个表格');
  });
});

describe('readDocx: WordprocessingML details', () => {
  it('shifts rows by gridBefore and merges legacy hMerge cells', () => {
    const tbl =
      '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
      '<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合并标题</w:t></w:r></w:p></w:tc>' +
      '<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>' +
      '<w:tc><w:p><w:r><w:t>丙2</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const [grid] = readDocx(buildDocx(tbl), 'legacy.docx');
    expect(spans(cellAt(grid!, '合并标题'))).toEqual([0, 0, 1, 2]);
    expect(cellAt(grid!, '丙').col).toBe(2);
    expect(spans(cellAt(grid!, '乙'))).toEqual([1, 1, 1, 1]);
  });

  it('leaves out deleted revisions, field codes, hidden text, text-box fallbacks and tab-stop definitions', () => {
    const p =
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t>完成率</w:t></w:r>' +
      '<w:del w:id="1" w:author="a"><w:r><w:delText>九十</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="a"><w:r><w:t>95%</w:t></w:r></w:ins>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏批注</w:t></w:r>' +
      '<w:r><w:tab/><w:t>备注</w:t></w:r>' +
      '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing/></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框副本</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>' +
      '</w:p>';
    const body =
      wP('标题') +
      p +
      wTbl(
        [
          ['一', '二'],
          ['三', '四'],
        ],
        2,
      );
    const [grid] = readDocx(buildDocx(body), 'rev.docx');
    expect(grid!.preamble.map((l) => l.text)).toEqual(['标题', '完成率95% 备注']);
  });

  it('reads a table framed by a one-cell layout table as the table itself', () => {
    const inner = wTbl(
      [
        ['一级指标', '二级指标', '三级指标'],
        ['产出指标', '数量指标', '培训人次'],
      ],
      3,
    );
    const frame = wTbl([[{ text: ['表内标题'], xml: inner }]], 1);
    const grids = readDocx(buildDocx(frame), 'frame.docx');
    expect(grids).toHaveLength(1);
    expect(gridToText(grids[0]!)).toBe('一级指标 | 二级指标 | 三级指标\n产出指标 | 数量指标 | 培训人次');
    expect(grids[0]!.preamble.map((l) => l.text)).toEqual(['表内标题']);
  });

  it('returns the paragraphs of a document without tables as preamble', () => {
    const grids = readDocx(
      buildDocx(['项目名称', '水旱灾害防御经费', '一级指标\n产出指标'].map(wP).join('')),
      'p.docx',
    );
    expect(grids).toHaveLength(1);
    expect(grids[0]!.rows).toEqual([]);
    expect(grids[0]!.preamble.map((l) => l.text)).toEqual([
      '项目名称',
      '水旱灾害防御经费',
      '一级指标',
      '产出指标',
    ]);
  });

  it('refuses entity declarations, workbooks under a .docx name and documents without text', () => {
    const laughs = buildDocx('', {
      'word/document.xml':
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>',
    });
    const e = caught(() => readDocx(laughs, 'laughs.docx'));
    expect(e.code).toBe('xml-entities');
    expect(e.message).toContain('word/document.xml');
    const xlsx = buildXlsx({ sheets: [{ name: 'S', xml: '<sheetData/>' }] });
    const wrong = caught(() => readDocx(xlsx, '表.docx'));
    expect(wrong.code).toBe('wrong-format');
    expect(wrong.message).toContain('Excel 工作簿');
    expect(caught(() => readDocx(buildDocx('<w:p/>'), 'blank.docx')).code).toBe('no-content');
  });
});
