/** The text writers: csv (BOM, quoting, inert formulas), markdown and html. */
import { type Evaluation, validate } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../test-support/samples.ts';
import { readFile } from '../read/index.ts';
import { exportEvaluation, formTable } from './export.ts';
import { renderHtml } from './html.ts';
import { inertCsvText, isFormulaLike } from './inert.ts';
import { renderMarkdown } from './md.ts';

function seed(): Evaluation {
  const v = validate(loadSamples().find((x) => x.name === 'seed-hubei-dept-2023')!.expected);
  if (!v.ok) throw new Error('seed does not validate');
  return v.evaluation;
}

const decode = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

describe('formula injection', () => {
  it('knows what a spreadsheet would evaluate', () => {
    for (const s of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=', '-'])
      expect(isFormulaLike(s), s).toBe(true);
    // plain signed numbers are data, and nothing else starts a formula
    for (const s of ['-5', '+3.5%', '-0.25', '≥90%', '－5', ' =1', '100%', ''])
      expect(isFormulaLike(s), s).toBe(false);
    expect(inertCsvText('=1+1')).toBe("'=1+1");
    expect(inertCsvText('90%')).toBe('90%');
  });
});

describe('csv export', () => {
  it('is UTF-8 with a BOM and CRLF line ends, one line per table row, quoted where needed', async () => {
    const ev = seed();
    ev.deviationAnalysis = '第一行,含逗号\n第二行 "引号"';
    const bytes = await exportEvaluation(ev, 'csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表');
    expect(lines[1]).toBe('单位名称：光谷现代服务业园建设服务中心,填报日期：2024年6月10日');
    expect(text).toContain(
      '预算执行情况（万元）（20分）,,,预算数（A）,执行数（B）,执行率（B/A）,得分（20分*执行率）',
    );
    expect(text).toContain(',,部门整体支出总额,390.76,390.76,100.00%,20');
    expect(text).toContain('"第一行,含逗号\n第二行 ""引号"""');
    // 2 lines above, the table's rows, a final line end
    expect(lines.length).toBe(2 + formTable(ev).table.rows.length + 1);
  });

  it('neutralises every cell that begins with = + - @, tab or CR', async () => {
    const ev = seed();
    ev.unit = '=HYPERLINK("http://evil.example","x")';
    ev.indicators[0]!.name = '+1+cmd|/C calc';
    ev.indicators[1]!.target = { ...ev.indicators[1]!.target, raw: '@SUM(1,2)' };
    ev.indicators[2]!.actual = { ...ev.indicators[2]!.actual, raw: '\t=1+2' };
    ev.deviationAnalysis = '-2+3';
    ev.improvementPlan = '\r=3';
    const text = decode((await exportEvaluation(ev, 'csv')).slice(3));
    const cells = text.split(/,|\r\n/).map((c) => c.replace(/^"|"$/g, ''));
    for (const c of cells) expect(isFormulaLike(c), JSON.stringify(c)).toBe(false);
    expect(text).toContain(`'+1+cmd|/C calc`);
    expect(text).toContain(`'@SUM(1,2)`);
    expect(text).toContain(`,'\t=1+2,`);
    expect(text).toContain(`'-2+3`);
    expect(text).toContain(`"'\r=3"`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  });
});

describe('markdown export', () => {
  it('writes a pipe table whose cells read back as written, pipes and line breaks included', async () => {
    const ev = seed();
    ev.indicators[0]!.name = '甲|乙';
    ev.deviationAnalysis = '第一行\n第二行';
    const md = renderMarkdown(formTable(ev).table);
    expect(md.startsWith('2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表\n')).toBe(true);
    expect(md).toContain('| 甲\\|乙 |');
    expect(md).toContain('第一行<br>第二行');
    const [grid] = await readFile(new TextEncoder().encode(md), 'form.md');
    const texts = grid!.rows.flat().map((c) => c.text);
    expect(texts).toContain('甲|乙');
    expect(texts).toContain('第一行\n第二行');
    expect(grid!.preamble.map((l) => l.text)).toContain('单位名称：光谷现代服务业园建设服务中心');
  });

  it('writes < as \\< so no text becomes an HTML tag in a Markdown viewer, and reads it back', async () => {
    const ev = seed();
    ev.unit = '单位<img src=x onerror=alert(1)>';
    ev.indicators[0]!.name = '<script>alert(1)</script><br>甲';
    const md = renderMarkdown(formTable(ev).table);
    expect(md).not.toMatch(/(^|[^\\])<(img|script)/m);
    expect(md).toContain('\\<script>alert(1)\\</script>\\<br>甲');
    const [grid] = await readFile(new TextEncoder().encode(md), 'form.md');
    expect(grid!.rows.flat().map((c) => c.text)).toContain('<script>alert(1)</script><br>甲');
    expect(grid!.preamble.map((l) => l.text)).toContain('单位名称：单位<img src=x onerror=alert(1)>');
  });
});

describe('html export', () => {
  it('keeps merges as rowspan and colspan and escapes every text', () => {
    const ev = seed();
    ev.unit = '<script>alert(1)</script>&';
    const html = renderHtml(formTable(ev).table);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
    expect(html).toContain('<td class="header" rowspan="6">年度绩效指标</td>');
    expect(html).toContain('<td class="label" colspan="6">总分</td>');
    expect(html).toContain('size: A4 landscape');
  });
});
