import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../../../../test-support/samples.ts';
import { jixiao, jixiaoInProcess } from '../run-cli.ts';

const samples = samplesDir();
const seedMd = join(samples, 'seed-hubei-dept-2023.md');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-import-'));

describe('jixiao import', () => {
  it('summarises each form with its layout, counts, repairs and doubts', async () => {
    const r = await jixiaoInProcess(['import', seedMd]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2023年度 光谷现代服务业园建设服务中心 部门整体自评表');
    expect(r.out).toContain(
      '版式 hubei-department；评分规则 hubei-2020；年度目标 3 个，绩效指标 21 个；填报总分 95',
    );
    expect(r.out).toContain('修复（');
    expect(r.out).toContain('共导入 1 张表。');
  });

  it('--json prints the canonical evaluation the seed expectation describes', async () => {
    const r = await jixiaoInProcess(['import', seedMd, '--json']);
    expect(r.code).toBe(0);
    const ev = JSON.parse(r.out);
    const expected = JSON.parse(readFileSync(join(samples, 'seed-hubei-dept-2023.expected.json'), 'utf8'));
    expect(ev.unit).toBe(expected.unit);
    expect(ev.indicators.map((i: { name: string }) => i.name)).toEqual(
      expected.indicators.map((i: { name: string }) => i.name),
    );
    expect(ev.totalReported).toBe(95);
    expect(ev.import.layout).toBe('hubei-department');
  });

  it('imports the same form from xlsx, html, docx and pdf', () => {
    const fx = join(import.meta.dirname, '../../../formats/fixtures');
    const files = [
      join(fx, 'seed-hubei-dept-2023.xlsx'),
      join(fx, 'seed-hubei-dept-2023.html'),
      join(fx, 'docx-lo/seed-hubei-dept-2023.docx'),
      join(fx, 'pdf/seed-hubei-dept-2023.pdf'),
    ];
    const r = jixiao(['import', ...files, '--json']);
    expect(r.code).toBe(0);
    const evs = JSON.parse(r.out);
    expect(evs).toHaveLength(4);
    for (const ev of evs) {
      expect(ev.unit).toBe('光谷现代服务业园建设服务中心');
      expect(ev.indicators).toHaveLength(21);
      expect(ev.totalReported).toBe(95);
    }
  });

  it('--out writes one JSON file per form, numbered when a file holds several', async () => {
    const out = join(dir, 'out');
    const twoForms = join(import.meta.dirname, '../../../formats/fixtures/pdf/two-projects-one-page.pdf');
    const r = await jixiaoInProcess(['import', seedMd, twoForms, '--out', out]);
    expect(readdirSync(out).sort()).toEqual([
      'seed-hubei-dept-2023.json',
      'two-projects-one-page-1.json',
      'two-projects-one-page-2.json',
    ]);
    expect(r.out).toContain('已写入');
    // what it wrote is canonical JSON that the other commands read
    expect((await jixiaoInProcess(['score', join(out, 'seed-hubei-dept-2023.json')])).code).toBe(0);
  });

  it('exits 1 when a file cannot be imported, naming it and the reason, and still imports the rest', async () => {
    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x20]));
    const r = await jixiaoInProcess(['import', junk, seedMd]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('junk.xlsx');
    expect(r.out).toContain('共导入 1 张表；1 个文件未能全部导入。');
  });

  it('exits 2 on a usage error', async () => {
    expect((await jixiaoInProcess(['import'])).code).toBe(2);
  });
});
