import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gridToText, ReadError } from '../grid.ts';
import { buildDocx, buildXlsx, wP, zipParts } from './build-ooxml.ts';
import { encodeGbk } from './encode-gbk.ts';
import { readFile } from './index.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);

async function rejected(p: Promise<unknown>): Promise<ReadError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

describe('readFile: the content picks the reader', () => {
  it('reads each fixture with the reader its content calls for', async () => {
    const cases: [string, string][] = [
      ['seed-hubei-dept-2023.xlsx', 'xlsx'],
      ['project-merged.docx', 'docx'],
      ['seed-hubei-dept-2023.html', 'html'],
      ['gov-project-2022-gbk-export.xls', 'html'],
      ['budget.gbk.csv', 'csv'],
    ];
    for (const [name, format] of cases) {
      const grids = await readFile(fixture(name), name);
      expect(grids.length, name).toBeGreaterThan(0);
      expect(grids[0]!.format, name).toBe(format);
    }
  });

  it('reads a workbook renamed to .docx as a workbook, and notes the name', async () => {
    const grids = await readFile(fixture('seed-hubei-dept-2023.xlsx'), '自评表.docx');
    expect(grids[0]!.format).toBe('xlsx');
    expect(grids[0]!.notes.join()).toContain('扩展名是 .docx，但内容是 Excel 工作簿');
  });

  it('reads an HTML table saved as .xls (as many systems export) as a web page', async () => {
    const grids = await readFile(fixture('gov-project-2022-gbk-export.xls'), '导出.xls');
    expect(grids[0]!.format).toBe('html');
    expect(grids[0]!.notes.join()).toContain('扩展名是 .xls，内容其实是网页');
    expect(grids[0]!.rows[0]!.map((c) => c.text)).toEqual(['项目名称', '水旱灾害防御经费']);
  });

  it('reads comma-separated text without a .csv name as CSV', async () => {
    const grids = await readFile(fixture('budget.utf8.csv'), 'export.dat');
    expect(grids[0]!.format).toBe('csv');
  });

  it('hands text and markdown to the text reader, with the encoding noted', async () => {
    const md = readFileSync('/work/shared/samples/seed-hubei-dept-2023.md', 'utf8');
    const grids = await readFile(encodeGbk(md), 'seed.md');
    expect(grids.length).toBeGreaterThan(0);
    expect(['markdown', 'text']).toContain(grids[0]!.format);
    expect(grids[0]!.notes.join()).toContain('GB18030');
    expect(grids.map(gridToText).join('\n')).toContain('党建主题活动次数');
  });

  it('reads markdown with pipe tables as text even when it also holds an HTML table', async () => {
    const md =
      '# 自评表\n\n| 指标 | 值 |\n| --- | --- |\n| 人次 | 735 |\n\n<table><tr><td>备注</td></tr></table>\n';
    const asText = await readFile(utf8(md), 'mixed.md');
    expect(asText[0]!.format).not.toBe('html');
    const onlyHtml = await readFile(
      utf8('导出结果：\n<table><tr><td>指标</td><td>值</td></tr></table>\n'),
      'export.md',
    );
    expect(onlyHtml[0]!.format).toBe('html');
  });

  it('reads a Word document without tables as text', async () => {
    const docx = buildDocx(['项目名称', '水旱灾害防御经费', '主管部门', '天长市水利局'].map(wP).join(''));
    const grids = await readFile(docx, 'paragraphs.docx');
    expect(grids[0]!.format).not.toBe('docx');
    expect(grids.map(gridToText).join('\n')).toContain('水旱灾害防御经费');
    expect(grids[0]!.notes.join()).toContain('没有表格');
  });
});

describe('readFile: refusals name the file and say what to do', () => {
  it('refuses empty and oversized files', async () => {
    expect((await rejected(readFile(new Uint8Array(0), 'a.xlsx'))).code).toBe('empty');
    const big = await rejected(
      readFile(fixture('seed-hubei-dept-2023.html'), 'big.html', { maxBytes: 2048 }),
    );
    expect(big.code).toBe('too-large');
    expect(big.message).toContain('“big.html”');
  });

  it('refuses images, archives and other Office files with what they are', async () => {
    const png = await rejected(
      readFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'scan.pdf'),
    );
    expect(png.code).toBe('wrong-format');
    expect(png.message).toContain('PNG 图片');
    expect(png.message).toContain('文字识别');
    const zip = await rejected(readFile(zipParts({ 'a/readme.txt': 'hello' }), 'forms.zip'));
    expect(zip.message).toContain('解压');
    const ods = await rejected(
      readFile(zipParts({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }), 'a.ods'),
    );
    expect(ods.message).toContain('OpenDocument');
    const pptx = await rejected(readFile(zipParts({ 'ppt/presentation.xml': '<p/>' }), 'a.pptx'));
    expect(pptx.message).toContain('PowerPoint');
    const rtf = await rejected(readFile(utf8('{\\rtf1\\ansi 表格}'), 'a.doc'));
    expect(rtf.message).toContain('RTF');
  });

  it('refuses Excel 2003 XML and MHT archives with how to convert them', async () => {
    const xml = await rejected(
      readFile(
        utf8(
          '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
        ),
        'a.xls',
      ),
    );
    expect(xml.code).toBe('wrong-format');
    expect(xml.message).toContain('.xlsx');
    const mht = await rejected(
      readFile(utf8('MIME-Version: 1.0\nContent-Type: multipart/related; boundary="x"\n\n--x'), 'a.mht'),
    );
    expect(mht.message).toContain('.mht');
  });

  it('stops a file that takes longer than the time limit', async () => {
    const rows = '<tr><td>产出指标</td><td>数量指标</td><td>培训人次</td><td>≥100</td></tr>'.repeat(40_000);
    const e = await rejected(readFile(utf8(`<table>${rows}</table>`), 'slow.html', { timeoutMs: 5 }));
    expect(e.code).toBe('timeout');
    expect(e.message).toContain('“slow.html”');
  });

  it('refuses workbooks that inflate past the limit given', async () => {
    const cells = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    const xlsx = buildXlsx({ sheets: [{ name: 'S', xml: `<sheetData>${cells}</sheetData>` }] });
    const e = await rejected(readFile(xlsx, 'big.xlsx', { maxInflatedBytes: 20_000 }));
    expect(e.code).toBe('zip-too-large');
  });
});
