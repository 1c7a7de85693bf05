import { type Evaluation, validate } from '@jixiao/core';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadSamples } from '../../../../test-support/samples.ts';
import { readDocx } from '../read/docx.ts';
import { exportEvaluation } from './export.ts';

function seed(): Evaluation {
  const v = validate(loadSamples().find((x) => x.name === 'seed-hubei-dept-2023')!.expected);
  if (!v.ok) throw new Error('seed does not validate');
  return v.evaluation;
}

describe('docx export', () => {
  it('writes the table with Word merges (gridSpan across, vMerge down) on a landscape A4 page', async () => {
    const bytes = await exportEvaluation(seed(), 'docx');
    const doc = strFromU8(unzipSync(bytes)['word/document.xml']!);
    expect(doc).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(doc.match(/<w:vMerge w:val="restart"\/>/g)?.length).toBeGreaterThan(10);
    expect(doc).toContain('<w:gridSpan w:val="6"/>');
    expect(doc.match(/<w:gridCol /g)).toHaveLength(7);
    const styles = strFromU8(unzipSync(bytes)['word/styles.xml']!);
    expect(styles).toContain('w:eastAsia="宋体"');
  });

  it('reads back as the same grid: merged labels with their spans, every text in place', async () => {
    const [grid] = readDocx(await exportEvaluation(seed(), 'docx'), 'seed.docx');
    const cells = grid!.rows.flat();
    expect(cells.filter((c) => c.text === '年度绩效指标').map((c) => c.rowSpan)).toEqual([6, 9, 9]);
    expect(cells.find((c) => c.text === '总分')?.colSpan).toBe(6);
    expect(cells.find((c) => c.text === '产出指标')?.rowSpan).toBe(3);
    expect(grid!.preamble.map((l) => l.text)).toContain(
      '2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表',
    );
  });

  it('drops characters XML cannot hold, so any text gives a document Word opens', async () => {
    const ev = seed();
    ev.unit = '光谷\u0001中心\u001f<&>';
    const bytes = await exportEvaluation(ev, 'docx');
    const [grid] = readDocx(bytes, 'x.docx');
    expect(grid!.rows.flat().map((c) => c.text)).toContain('光谷中心<&>');
  });
});
