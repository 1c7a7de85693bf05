import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cell, Grid } from '../grid.ts';
import { ReadError } from '../grid.ts';
import { NOTE_CONTINUES_FROM_PREVIOUS_PAGE, NOTE_CONTINUES_ON_NEXT_PAGE, readPdf } from './pdf.ts';

// Made by scripts/make-office-fixtures.sh: LibreOffice printing xlsx and docx to PDF.
const fixtures = new URL('../../fixtures/pdf/', import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, fixtures)));

/** the cells of the row holding a cell with exactly this text, and that cell */
function rowWith(grids: Grid[], text: string): { grid: Grid; row: Cell[]; cell: Cell } {
  for (const grid of grids) {
    for (const row of grid.rows) {
      const cell = row.find((c) => c.text === text);
      if (cell) return { grid, row, cell };
    }
  }
  throw new Error(`no cell "${text}" in ${grids.map((g) => g.source).join(', ')}`);
}

function cellAt(grid: Grid, row: number, col: number): Cell | undefined {
  return grid.rows
    .flat()
    .find((c) => c.row <= row && row < c.row + c.rowSpan && c.col <= col && col < c.col + c.colSpan);
}

/** texts of the cells after `cell` in its row, in column order */
function after(row: Cell[], cell: Cell): string[] {
  return row.filter((c) => c.col > cell.col).map((c) => c.text);
}

async function failure(
  bytes: Uint8Array,
  file: string,
  limits?: Parameters<typeof readPdf>[2],
): Promise<ReadError> {
  try {
    await readPdf(bytes, file, limits);
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error(`${file} was read without an error`);
}

/** a PDF written by hand: objects[0] is the catalog, 1 0 R */
function buildPdf(objects: string[]): Uint8Array {
  let text = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  text += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // one byte per char: the objects are ASCII, the binary comment Latin-1
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

const stream = (content: string): string => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;

/** n pages, each saying "Page i" in Helvetica */
function pagesPdf(n: number): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count ${n} /Kids [${Array.from({ length: n }, (_, i) => `${4 + 2 * i} 0 R`).join(' ')}] >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  for (let i = 0; i < n; i += 1) {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`,
      stream(`BT /F1 12 Tf 72 760 Td (Page ${i + 1}) Tj ET`),
    );
  }
  return buildPdf(objects);
}

/** one page of text in a CJK font that is not embedded: readable only with the predefined CMaps */
function cidFontPdf(encoding: string, ordering: string, text: string): Uint8Array {
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    stream(`BT /F1 12 Tf 72 700 Td <${text}> Tj ET`),
    `<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /${encoding} /DescendantFonts [6 0 R] >>`,
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (${ordering}) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>`,
    '<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>',
  ]);
}

describe('readPdf: the seed form printed from LibreOffice Calc (ruled, merged cells)', () => {
  it('reads the table with the seed’s cells in their rows and columns', async () => {
    const bytes = fixture('seed-hubei-dept-2023.pdf');
    const started = performance.now();
    const grids = await readPdf(bytes, 'seed-hubei-dept-2023.pdf');
    const ms = performance.now() - started;
    // measured, not asserted (design.md: no timed tests); the first read also loads pdf.js
    console.info(`pdf: seed-hubei-dept-2023.pdf, 1 page, read in ${ms.toFixed(0)} ms`);

    expect(grids).toHaveLength(1);
    const [grid] = grids as [Grid];
    expect(grid.format).toBe('pdf');
    expect(grid.source).toBe('seed-hubei-dept-2023.pdf');

    const party = rowWith(grids, '党建主题活动次数');
    expect(after(party.row, party.cell)).toEqual(['≥12次', '19次', '3']);
    const responsive = rowWith(grids, '积极为民营企业协调解决困难和问题，推进民营经济健康发展');
    expect(after(responsive.row, responsive.cell)).toEqual(['园区民营企业提出困难需求', '回应率100%', '5']);
    const investment = rowWith(grids, '本年新增园区固定资产总投资');
    expect(after(investment.row, investment.cell)).toEqual(['100亿元', '109.79亿', '3']);

    // the 一级 label 产出指标 of goal 1 is one merged cell over its three indicator rows
    const output = party.row.find((c) => c.text === '产出指标');
    expect(output?.rowSpan).toBe(3);
    const quality = rowWith(grids, '两新党组织党报党刊订阅率').cell;
    expect(cellAt(grid, quality.row, output?.col ?? -1)?.text).toBe('产出指标');
    expect(cellAt(grid, quality.row, quality.col - 1)?.text).toBe('质量指标');
    // 年度绩效指标 spans the header row and the five indicators of goal 1
    expect(cellAt(grid, party.cell.row, 0)).toMatchObject({ text: '年度绩效指标', rowSpan: 6 });

    const total = rowWith(grids, '总分');
    expect(total.cell.colSpan).toBe(6);
    expect(after(total.row, total.cell)).toEqual(['95']);
    const budget = rowWith(grids, '部门整体支出总额');
    expect(after(budget.row, budget.cell)).toEqual(['390.76', '390.76', '100%', '20']);
    expect(rowWith(grids, '预算执行情况\n（万元）\n（20分）').cell).toMatchObject({ rowSpan: 2, colSpan: 2 });
  });

  it('puts the title, 单位名称 and 填报日期 in the preamble, each with its place on the page', async () => {
    const [grid] = await readPdf(fixture('seed-hubei-dept-2023.pdf'), 'seed.pdf');
    const lines = grid?.preamble.map((l) => l.text) ?? [];
    expect(lines.slice(0, 3)).toEqual([
      '2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表',
      '单位名称：光谷现代服务业园建设服务中心',
      '填报日期：2024.6.10',
    ]);
    const [title, unit, date] = grid?.preamble ?? [];
    expect(title?.source.page).toBe(1);
    expect(unit?.source.y).toBeCloseTo(date?.source.y ?? 0, 0);
    expect(unit?.source.x ?? 0).toBeLessThan(date?.source.x ?? 0);
    expect(title?.source.y ?? 0).toBeLessThan(unit?.source.y ?? 0);
  });

  it('gives every cell its page and a position on the page, top to bottom as the rows go', async () => {
    const [grid] = await readPdf(fixture('seed-hubei-dept-2023.pdf'), 'seed.pdf');
    const cells = grid?.rows.flat() ?? [];
    expect(cells.length).toBeGreaterThan(150);
    for (const c of cells) {
      expect(c.page).toBe(1);
      expect(c.source.page).toBe(1);
      expect(c.source.x).toBeGreaterThan(0);
      expect(c.source.x).toBeLessThan(842);
      expect(c.source.y).toBeGreaterThan(0);
      expect(c.source.y).toBeLessThan(596);
    }
    const firstY = (r: number): number => grid?.rows[r]?.[0]?.source.y ?? Number.NaN;
    expect(firstY(0)).toBeLessThan(firstY(10));
    expect(firstY(10)).toBeLessThan(firstY(30));
    expect(grid?.notes.some((n) => n.includes('表格线'))).toBe(true);
  });

  it('keeps the caller’s bytes intact (pdf.js transfers what it is given)', async () => {
    const bytes = fixture('two-projects-one-page.pdf');
    const length = bytes.length;
    await readPdf(bytes, 'two.pdf');
    expect(bytes.length).toBe(length);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
  });
});

describe('readPdf: other LibreOffice printouts', () => {
  it('reads the national project form with its merged 一级 labels carrying their score', async () => {
    const grids = await readPdf(fixture('anhui-project-2022.pdf'), 'anhui.pdf');
    expect(grids).toHaveLength(1);
    const [grid] = grids as [Grid];
    const budget = rowWith(grids, '年度资金总额');
    expect(after(budget.row, budget.cell)).toEqual(['880', '880', '880', '10', '100%', '10']);
    expect(rowWith(grids, '项目资金\n（万元）').cell.rowSpan).toBe(5);
    const first = rowWith(grids, '指标1：完成中型灌区节水改造项目数量');
    expect(after(first.row, first.cell).slice(0, 4)).toEqual(['1', '1', '10', '10']);
    expect(first.row.find((c) => c.text === '产出指标\n（50分）')?.rowSpan).toBe(6);
    const satisfaction = rowWith(grids, '指标1：服务对象满意度');
    expect(after(satisfaction.row, satisfaction.cell).slice(0, 4)).toEqual(['90%', '100%', '10', '10']);
    // a wrapped header is one text, not two lines
    expect(rowWith(grids, '执行率（B/A）').cell.text).toBe('执行率（B/A）');
    expect(grid.preamble.map((l) => l.text)).toContain('（2022年度）');
    expect(grid.preamble.at(-1)?.text).toMatch(/^注：1\.一级指标分值统一设置为/);
  });

  it('gives one grid per table when a page holds two tables', async () => {
    const grids = await readPdf(fixture('two-projects-one-page.pdf'), 'two.pdf');
    expect(grids).toHaveLength(2);
    const [a, b] = grids as [Grid, Grid];
    expect(a.rows.flat().some((c) => c.text === '图书采购')).toBe(true);
    expect(b.rows.flat().some((c) => c.text === '阅读推广活动')).toBe(true);
    expect(a.preamble.map((l) => l.text)).toEqual([
      '2023年度项目支出绩效自评表（汇总）',
      '单位名称：某市图书馆',
    ]);
    expect(b.preamble.map((l) => l.text)).toEqual(['项目二']);
    const books = rowWith([a], '新增馆藏图书册数');
    expect(after(books.row, books.cell)).toEqual(['≥20000册', '21560册', '30']);
    expect(rowWith([b], '35.50').row.map((c) => c.text)).toEqual(['35.50', '35.50', '100%', '10']);
    expect([...a.rows.flat(), ...b.rows.flat()].every((c) => c.page === 1)).toBe(true);
  });

  it('reads a table split by a page break as one grid per page and marks the split', async () => {
    const grids = await readPdf(fixture('hubei-project-long-2pages.pdf'), 'long.pdf');
    expect(grids).toHaveLength(2);
    const [one, two] = grids as [Grid, Grid];
    expect(one.rows.flat().every((c) => c.page === 1)).toBe(true);
    expect(two.rows.flat().every((c) => c.page === 2 && c.source.page === 2)).toBe(true);
    expect(one.notes.some((n) => n.startsWith(NOTE_CONTINUES_ON_NEXT_PAGE))).toBe(true);
    expect(two.notes.some((n) => n.startsWith(NOTE_CONTINUES_FROM_PREVIOUS_PAGE))).toBe(true);
    expect(one.notes.join()).toContain('两表列边界一致（7 列）');

    // the rows that carry on: the last indicator of page 1 and the first of page 2
    const last = rowWith([one], '受益学生人数（第2校）');
    expect(after(last.row, last.cell)).toEqual(['≥100人', '107人', '2']);
    const next = rowWith([two], '受益学生人数（第3校）');
    expect(after(next.row, next.cell)).toEqual(['≥150人', '157人', '2']);
    // 效益指标 is merged across the break: LibreOffice prints its label on page 2
    expect(next.row.find((c) => c.text === '效益指标')?.rowSpan).toBe(10);
    expect(cellAt(two, 0, 0)).toMatchObject({ text: '', rowSpan: 14 });
    expect(rowWith([one], '产出指标').cell.rowSpan).toBe(30);
    expect(rowWith([two], '总分').cell.colSpan).toBe(6);
    // nothing of the table is lost between the pages
    const names = [...one.rows.flat(), ...two.rows.flat()].filter((c) =>
      /^(维修改造|受益学生|师生满意度)/.test(c.text),
    );
    expect(names).toHaveLength(46);
    // the footer "第 &P 页，共 &N 页" keeps its typed spaces: Calc prints "2023年" touching, so
    // a gap between Chinese and a digit on its pages is a space, not the air word processors add
    expect(two.preamble.map((l) => l.text)).toEqual(['第 2 页，共 2 页']);
  });

  it('reads a Writer printout (portrait, page break, air between Chinese and digits)', async () => {
    const grids = await readPdf(fixture('seed-hubei-dept-2023-writer.pdf'), 'writer.pdf');
    expect(grids).toHaveLength(2);
    const party = rowWith(grids, '党建主题活动次数');
    expect(after(party.row, party.cell)).toEqual(['≥12次', '19次', '3']);
    expect(rowWith(grids, '引进100亿元以上项目数').cell.page).toBe(1);
    const moved = rowWith(grids, '社会公众满意度');
    expect(moved.cell.page).toBe(2);
    expect(after(moved.row, moved.cell)).toEqual(['≥90%', '95%', '3']);
    expect(grids[0]?.notes.some((n) => n.startsWith(NOTE_CONTINUES_ON_NEXT_PAGE))).toBe(true);
    expect(grids[1]?.notes.some((n) => n.startsWith(NOTE_CONTINUES_FROM_PREVIOUS_PAGE))).toBe(true);
  });

  it('falls back to columns from text positions when a sheet has no borders', async () => {
    const grids = await readPdf(fixture('anhui-project-2022-borderless.pdf'), 'borderless.pdf');
    expect(grids).toHaveLength(1);
    const [grid] = grids as [Grid];
    expect(grid.notes.join()).toContain('没有表格线');
    const first = rowWith(grids, '指标1：完成中型灌区节水改造项目数量');
    expect(after(first.row, first.cell)).toEqual(['1', '1', '10', '10']);
    const header = rowWith(grids, '三级指标');
    expect(after(header.row, header.cell)).toEqual([
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ]);
    // the same kind of value sits in the same column on every row
    const target = header.row.find((c) => c.text === '年度指标值');
    const satisfaction = rowWith(grids, '指标1：服务对象满意度');
    expect(satisfaction.row.find((c) => c.text === '90%')?.col).toBe(target?.col);
    const budget = rowWith(grids, '年度资金总额');
    expect(after(budget.row, budget.cell)).toEqual(['880', '880', '880', '10', '100%', '10']);
    expect(grid.preamble[0]?.text).toBe('项目支出绩效自评表');
    // SimSun is not installed: LibreOffice substituted a CJK font, and the text is still real characters
    expect(grid.rows.flat().some((c) => c.text === '水旱灾害防御经费')).toBe(true);
  });
});

describe('readPdf: fonts', () => {
  it('decodes a CJK font that is not embedded through the predefined Adobe CMaps', async () => {
    const grids = await readPdf(cidFontPdf('UniGB-UCS2-H', 'GB1', '5E745EA6'), 'simsun.pdf');
    expect(grids[0]?.preamble.map((l) => l.text)).toEqual(['年度']);
    expect(grids[0]?.rows).toEqual([]);
  });

  it('refuses glyph numbers that no Unicode map turns into text, rather than return mojibake', async () => {
    const e = await failure(cidFontPdf('Identity-H', 'Identity', '0A1B0C2D0E3F'), 'identity.pdf');
    expect(e.code).toBe('no-unicode');
    expect(e.message).toContain('identity.pdf');
    expect(e.message).toContain('Unicode');
  });
});

describe('readPdf: text that is not content', () => {
  it('drops a slanted watermark and the second copy of fake-bold text, saying so', async () => {
    const pdf = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      stream(
        [
          'BT /F1 12 Tf 72 760 Td (Title) Tj ET',
          'BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 200 300 Tm (DRAFT) Tj ET',
          'BT /F1 12 Tf 72 740 Td (Bold) Tj ET',
          'BT /F1 12 Tf 72.3 740 Td (Bold) Tj ET',
        ].join('\n'),
      ),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);
    const [grid] = await readPdf(pdf, 'marked.pdf');
    expect(grid?.preamble.map((l) => l.text)).toEqual(['Title', 'Bold']);
    expect(grid?.notes.join('\n')).toContain('1 段斜排文字');
    expect(grid?.notes.join('\n')).toContain('1 处重叠的重复文字');
  });
});

describe('readPdf: bad input ends in a clear ReadError', () => {
  it('an empty file', async () => {
    const e = await failure(new Uint8Array(), 'empty.pdf');
    expect(e).toMatchObject({ code: 'empty', file: 'empty.pdf' });
    expect(e.message).toMatch(/^文件“empty\.pdf”是空文件（0 字节）/);
  });

  it('a file that is not a PDF but carries the extension', async () => {
    const html = new TextEncoder().encode(
      '<html><body><table><tr><td>项目名称</td></tr></table></body></html>',
    );
    const e = await failure(html, 'form.pdf');
    expect(e.code).toBe('wrong-format');
    expect(e.message).toContain('form.pdf');
    expect(e.message).toContain('不是 PDF 文件，内容看起来是网页');
  });

  it('junk after a PDF header', async () => {
    const junk = new TextEncoder().encode(`%PDF-1.7\n${'乱码 garbage '.repeat(200)}`);
    expect((await failure(junk, 'junk.pdf')).code).toBe('pdf-corrupt');
  });

  it('a truncated download', async () => {
    const seed = fixture('seed-hubei-dept-2023.pdf');
    for (const share of [0.1, 0.5, 0.9]) {
      const e = await failure(seed.slice(0, Math.floor(seed.length * share)), 'cut.pdf');
      expect(e.code).toBe('pdf-corrupt');
      expect(e.message).toMatch(/^文件“cut\.pdf”已损坏或不完整/);
    }
  });

  it('a password-protected PDF', async () => {
    const e = await failure(fixture('encrypted-password-jixiao.pdf'), 'locked.pdf');
    expect(e.code).toBe('encrypted');
    expect(e.message).toContain('密码');
  });

  it('a scan without a text layer', async () => {
    const e = await failure(fixture('scanned-no-text-layer.pdf'), 'scan.pdf');
    expect(e.code).toBe('no-text-layer');
    expect(e.message).toContain('扫描件，无文字层');
    expect(e.message).toContain('OCR');
  });

  it('more pages than the limit, naming the count', async () => {
    const e = await failure(pagesPdf(201), 'thick.pdf');
    expect(e.code).toBe('too-many-pages');
    expect(e.message).toContain('共 201 页，超过 200 页的上限');
    const small = await failure(pagesPdf(5), 'five.pdf', { maxPages: 4 });
    expect(small.message).toContain('共 5 页，超过 4 页的上限');
    const read = await readPdf(pagesPdf(5), 'five.pdf', { maxPages: 5 });
    expect(read.map((g) => g.preamble[0]?.text)).toEqual(['Page 1', 'Page 2', 'Page 3', 'Page 4', 'Page 5']);
    expect(read.map((g) => g.preamble[0]?.source.page)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a file over the size limit', async () => {
    const e = await failure(fixture('two-projects-one-page.pdf'), 'big.pdf', { maxBytes: 1000 });
    expect(e.code).toBe('too-large');
  });

  it('a read that runs over the time limit', async () => {
    const e = await failure(fixture('hubei-project-long-2pages.pdf'), 'slow.pdf', { timeoutMs: 1 });
    expect(e.code).toBe('timeout');
    expect(e.message).toContain('slow.pdf');
  });

  it('more cells than the limit', async () => {
    const e = await failure(fixture('seed-hubei-dept-2023.pdf'), 'seed.pdf', { maxCells: 50 });
    expect(e.code).toBe('too-many-cells');
  });
});

describe('readPdf: damage pdf.js recovers from', () => {
  it('reads a PDF whose cross-reference offset is wrong', async () => {
    const bytes = fixture('two-projects-one-page.pdf');
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.lastIndexOf('startxref');
    const broken = Uint8Array.from(
      `${text.slice(0, at)}startxref\n12345\n%%EOF\n`,
      (ch) => ch.charCodeAt(0) & 0xff,
    );
    const grids = await readPdf(broken, 'xref.pdf');
    const books = rowWith(grids, '新增馆藏图书册数');
    expect(after(books.row, books.cell)).toEqual(['≥20000册', '21560册', '30']);
  });

  it('never throws anything but a ReadError on mutated files, and always ends', async () => {
    const original = fixture('two-projects-one-page.pdf');
    let state = 20240610;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < 12; i += 1) {
      const bytes = original.slice();
      for (let k = 0; k < 40; k += 1) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        const grids = await readPdf(bytes, `mutant-${i}.pdf`, { timeoutMs: 5000 });
        expect(Array.isArray(grids)).toBe(true);
        outcomes.read += 1;
      } catch (e) {
        expect(e).toBeInstanceOf(ReadError);
        outcomes.refused += 1;
      }
    }
    expect(outcomes.read + outcomes.refused).toBe(12);
  });
});
