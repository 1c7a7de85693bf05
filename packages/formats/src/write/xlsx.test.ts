import { type Evaluation, validate } from '@jixiao/core';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../test-support/samples.ts';
import { importBytes } from '../import.ts';
import { exportEvaluation } from './export.ts';
import { roundTrip } from './round-trip.ts';

function seed(): Evaluation {
  const s = loadSamples().find((x) => x.name === 'seed-hubei-dept-2023')!;
  const v = validate(s.expected);
  if (!v.ok) throw new Error('seed does not validate');
  return v.evaluation;
}

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function find(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | null = null;
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (!found && c.value === text) found = c;
    }),
  );
  if (!found) throw new Error(`no cell “${text}”`);
  return found;
}

describe('xlsx export', () => {
  it('lays out the seed as the Hubei department form, with merges, borders, widths and a Chinese font', async () => {
    const wb = await open(await exportEvaluation(seed(), 'xlsx'));
    const ws = wb.getWorksheet('自评表')!;
    expect(ws.getCell('A1').value).toBe('2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表');
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('单位名称：光谷现代服务业园建设服务中心');
    expect(String(ws.getCell('E2').value)).toBe('填报日期：2024年6月10日');
    expect(ws.columns.map((c) => c.width)).toEqual([10, 12, 16, 30, 16, 16, 8]);
    // each goal's block sits under a 年度绩效指标 cell merged over its header and indicators
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    const group = find(ws, '年度绩效指标');
    const span = merges.find((m) => m.startsWith(`${group.address}:`));
    expect(span).toBe(`${group.address}:A${Number(group.row) + 5}`); // header + 5 indicators of goal 1
    // 一级 产出指标 of goal 1 merged over its three rows, 质量指标 over two
    const l1 = find(ws, '产出指标');
    expect(merges).toContain(`${l1.address}:B${Number(l1.row) + 2}`);
    expect(ws.getCell(`C${Number(l1.row) + 1}`).value).toBe('质量指标');
    expect(merges).toContain(`C${Number(l1.row) + 1}:C${Number(l1.row) + 2}`);
    for (const text of [
      '单位名称',
      '预算执行情况（万元）（20分）',
      '得分（20分*执行率）',
      '总分',
      '改进措施及结果应用方案',
    ]) {
      const c = find(ws, text);
      expect(c.border.top?.style, text).toBe('thin');
      expect(c.font.name, text).toBe('宋体');
      expect(c.alignment.wrapText, text).toBe(true);
    }
  });

  it('stores figures as numbers with their formats: money 0.00, rates 0.00%, percentages as written', async () => {
    const wb = await open(await exportEvaluation(seed(), 'xlsx'));
    const ws = wb.getWorksheet('自评表')!;
    const planned = find(ws, '部门整体支出总额');
    const row = ws.getRow(Number(planned.row));
    expect(row.getCell(4).value).toBe(390.76);
    expect(row.getCell(4).numFmt).toBe('0.00');
    expect(row.getCell(6).value).toBe(1);
    expect(row.getCell(6).numFmt).toBe('0.00%');
    expect(row.getCell(7).value).toBe(20);
    const total = find(ws, '总分');
    expect(ws.getRow(Number(total.row)).getCell(7).value).toBe(95);
    // "100%" typed by the unit is the number 1 shown as 100%; "≥12次" stays text
    const rate = find(ws, '发展党员及积极分子考试合格率');
    expect(ws.getRow(Number(rate.row)).getCell(5).value).toBe(1);
    expect(ws.getRow(Number(rate.row)).getCell(5).numFmt).toBe('0%');
    const count = find(ws, '党建主题活动次数');
    expect(ws.getRow(Number(count.row)).getCell(5).value).toBe('≥12次');
  });

  it('prints on A4 landscape, one page wide, with the title lines repeated on every page', async () => {
    const wb = await open(await exportEvaluation(seed(), 'xlsx'));
    const setup = wb.getWorksheet('自评表')!.pageSetup;
    expect(setup.paperSize).toBe(9);
    expect(setup.orientation).toBe('landscape');
    expect(setup.fitToWidth).toBe(1);
    expect(setup.fitToHeight).toBe(0);
    expect(setup.printTitlesRow).toBe('1:2');
  });

  it("adds a second sheet with Jixiao's computed scores and review findings", async () => {
    const wb = await open(await exportEvaluation(seed(), 'xlsx'));
    const ws = wb.getWorksheet('计分与复核')!;
    expect(ws).toBeDefined();
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    const all = texts.join('\n');
    expect(all).toContain('评分规则 hubei-2020');
    // the seed's total: 95 reported, 92 by its parts
    const total = find(ws, '总分对照');
    expect(ws.getRow(Number(total.row)).getCell(2).value).toBe(95);
    expect(all).toContain('total-mismatch');
    expect(all).toContain('党建主题活动次数');
  });

  it('reads back as the same form: the 计分与复核 sheet is left out with one note, not as doubts', async () => {
    // the seed as a unit's file gives it: its markdown imported
    const s = loadSamples().find((x) => x.name === 'seed-hubei-dept-2023')!;
    const [first] = await importBytes(new TextEncoder().encode(s.text), s.file);
    if (!first || !('evaluation' in first)) throw new Error('the seed does not import');
    const rt = await roundTrip(first.evaluation, 'xlsx');
    // the workbook does hold the computed sheet
    expect((await open(rt.bytes)).worksheets.map((w) => w.name)).toEqual(['自评表', '计分与复核']);
    expect(rt.problem).toBeNull();
    expect(rt.forms).toBe(1);
    expect(rt.comparison.fields).toBeGreaterThan(200);
    expect(
      rt.comparison.wrong.map(
        (w) => `${w.path}: ${JSON.stringify(w.expected)} → ${JSON.stringify(w.actual)}`,
      ),
    ).toEqual([]);
    const info = rt.imported?.import;
    // no doubt at all: before, each row of the computed sheet was one ("无法识别的内容，未导入")
    expect(info?.warnings).toEqual([]);
    const notes = info?.repairs.filter((r) => r.kind === 'skip-computed-sheet') ?? [];
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ where: '计分与复核!A1', before: null });
    expect(notes[0]?.after).toContain(
      '工作表“计分与复核”（Jixiao 计分与复核：2023年度 光谷现代服务业园建设服务中心）',
    );
    expect(notes[0]?.after).toContain('导入后按评分规则重新计算');
  });

  it('writes text that looks like a formula as inert text, never as a formula', async () => {
    const ev = seed();
    const evil = '=HYPERLINK("http://evil.example","点击")';
    ev.unit = evil;
    ev.indicators[0]!.name = '+1+cmd|/C calc';
    ev.indicators[1]!.target = { ...ev.indicators[1]!.target, raw: '@SUM(1,2)' };
    ev.deviationAnalysis = '-2+3';
    const bytes = await exportEvaluation(ev, 'xlsx');
    const parts = unzipSync(bytes);
    for (const [name, data] of Object.entries(parts)) {
      if (name.startsWith('xl/worksheets/')) expect(strFromU8(data), name).not.toContain('<f>');
    }
    const ws = (await open(bytes)).getWorksheet('自评表')!;
    for (const text of [evil, '+1+cmd|/C calc', '@SUM(1,2)', '-2+3']) {
      const c = find(ws, text);
      expect(c.type, text).toBe(ExcelJS.ValueType.String);
      // formatted as Text, so editing the cell later keeps it text
      expect(c.numFmt, text).toBe('@');
    }
  });
});
