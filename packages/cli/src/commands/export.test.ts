import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBytes } from '@jixiao/formats';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../../../../test-support/samples.ts';
import type { Io } from '../main.ts';
import { type ExportOptions, runExport } from './export.ts';

const samples = samplesDir();
const seedJson = join(samples, 'seed-hubei-dept-2023.expected.json');
const seedMd = join(samples, 'seed-hubei-dept-2023.md');
const anhui = join(samples, 'anhui-project-2022.txt');
const sichuan = join(samples, 'sichuan-510000-template-2023.expected.json');
const dir = mkdtempSync(join(tmpdir(), 'jixiao-export-'));

async function run(files: string[], opts: ExportOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await runExport(files, opts, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function formsIn(file: string) {
  const results = await importBytes(new Uint8Array(readFileSync(file)), file);
  return results.flatMap((r) => ('evaluation' in r ? [r.evaluation] : []));
}

describe('jixiao export', () => {
  it('writes a form as xlsx in the layout of its profile, which imports back as the same form', async () => {
    const file = join(dir, 'seed.xlsx');
    const r = await run([seedJson], { format: 'xlsx', out: file });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`已写入 ${file}`);
    expect(r.out).toContain('版式 hubei-department');
    const [ev] = await formsIn(file);
    expect(ev?.unit).toBe('光谷现代服务业园建设服务中心');
    expect(ev?.indicators).toHaveLength(21);
    expect(ev?.totalReported).toBe(95);
  });

  it('reads any importable file, and prints in the layout asked for', async () => {
    const file = join(dir, 'sichuan.docx');
    const r = await run([anhui], { format: 'docx', layout: 'sichuan-2023', out: file });
    expect(r.code).toBe(0);
    expect(r.out).toContain('版式 sichuan-2023');
    const [ev] = await formsIn(file);
    expect(ev?.import?.layout).toBe('sichuan-2023');
    expect(ev?.project).toBe('水旱灾害防御经费');
  });

  it('writes several forms into a folder, one file each named after its input', async () => {
    const out = join(dir, 'md');
    const r = await run([seedJson, anhui, sichuan], { format: 'md', out });
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'anhui-project-2022.md',
      'seed-hubei-dept-2023.expected.md',
      'sichuan-510000-template-2023.expected.md',
    ]);
    expect(r.out).toContain('共导出 3 张表。');
  });

  it('prints a text format to standard output with -o -', async () => {
    const r = await run([seedMd], { format: 'csv', out: '-' });
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n')[0]).toBe('2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表');
  });

  it('prints a PDF with the system Chromium', { timeout: 60_000 }, async () => {
    const file = join(dir, 'seed.pdf');
    const r = await run([seedMd], { format: 'pdf', out: file });
    expect(r.code, r.err).toBe(0);
    expect(strFromU8(readFileSync(file).subarray(0, 5))).toBe('%PDF-');
  });

  it('packs forms into a publication bundle', { timeout: 60_000 }, async () => {
    const file = join(dir, 'bundle.zip');
    const r = await run([seedJson], { bundle: true, out: file });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('已打包 1 张表');
    expect(Object.keys(unzipSync(readFileSync(file))).sort()).toEqual([
      'index.csv',
      'index.html',
      '光谷现代服务业园建设服务中心/2023-部门整体自评表.pdf',
      '光谷现代服务业园建设服务中心/2023-部门整体自评表.xlsx',
    ]);
  });

  it('exits 1 naming a file it cannot read, and still writes the others', async () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"kind": "department", "year": "二〇二三"');
    const out = join(dir, 'partial');
    const r = await run([junk, seedJson], { format: 'json', out });
    expect(r.code).toBe(1);
    expect(r.err).toContain('junk.json');
    expect(existsSync(join(out, 'seed-hubei-dept-2023.expected.json'))).toBe(true);
    expect(r.out).toContain('有文件未能全部导出');
  });

  it('exits 2 on usage mistakes, saying what to do', async () => {
    const cases: [string[], ExportOptions, string][] = [
      [[seedJson], { out: 'x.pdf' }, '请用 --format 指定导出格式'],
      [[seedJson], { format: 'odt', out: 'x.odt' }, '不支持的导出格式“odt”'],
      [
        [seedJson],
        { format: 'xlsx', layout: 'shanghai', out: 'x.xlsx' },
        '未知的导出版式“shanghai”，可用：hubei-department',
      ],
      [[seedJson], { format: 'xlsx' }, '请用 -o 指定输出文件'],
      [[seedJson], { bundle: true, out: 'x.tar' }, '须以 .zip 结尾'],
      [[seedJson], { bundle: true, format: 'pdf', out: 'x.zip' }, '只能选一个'],
      [[seedJson], { format: 'pdf', out: '-' }, '-o - 只能用于文本格式'],
      [[], { format: 'pdf', out: 'x.pdf' }, '请给出要导出的自评表文件'],
      [[seedJson, anhui], { format: 'xlsx', out: join(dir, 'two.xlsx') }, '-o 应为目录而不是文件'],
    ];
    for (const [files, opts, message] of cases) {
      const r = await run(files, opts);
      expect(r.code, message).toBe(2);
      expect(r.err).toContain(message);
    }
  });
});
