import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jixiao, jixiaoInProcess, REPO } from '../run-cli.ts';

const SEED = 'examples/seed-hubei-dept-2023.expected.json';
const CLEAN = 'packages/core/src/checks/fixtures/clean-project-2023.json';
const dir = mkdtempSync(join(tmpdir(), 'jixiao-check-'));

describe('jixiao check', () => {
  it('lists the seed findings by severity with their places, and exits 1 for its error', () => {
    const r = jixiao(['check', SEED]);
    expect(r.code).toBe(1);
    const errors = r.out.indexOf('错误（1）');
    const warnings = r.out.indexOf('警告（');
    const infos = r.out.indexOf('提示（');
    expect(errors).toBeGreaterThan(-1);
    expect(warnings).toBeGreaterThan(errors);
    expect(infos).toBeGreaterThan(warnings);
    expect(r.out).toContain(
      '✗ 总分 [total-mismatch] 总分与分项合计不符：预算执行得分 20 + 指标得分合计 72 = 92，填报总分 95，相差 3 分。',
    );
    expect(r.out).toContain('目标2 / 外贸进出口总额 / 二级指标 [level2-wrong-parent]');
    expect(r.out).toContain('[weights-unknown]');
    expect(r.out).toMatch(/共检查 1 张表：1 个错误，\d+ 个警告，\d+ 个提示。/);
  });

  it('exits 0 on a clean form', async () => {
    const r = await jixiaoInProcess(['check', CLEAN]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 个错误，0 个警告');
  });

  it('--json gives {file, evaluation, score, findings} per form; several forms make an array', async () => {
    const one = JSON.parse((await jixiaoInProcess(['check', SEED, '--json'])).out);
    expect(Object.keys(one).sort()).toEqual(['evaluation', 'file', 'findings', 'score']);
    expect(one.evaluation.indicators).toHaveLength(21);
    expect(one.score.totals.reportedSum).toBe(92);
    expect(Object.keys(one.findings[0]).sort()).toEqual(['basis', 'code', 'message', 'path', 'severity']);
    expect(one.findings[0]).toMatchObject({
      code: 'total-mismatch',
      severity: 'error',
      path: 'totalReported',
    });
    const two = JSON.parse((await jixiaoInProcess(['check', SEED, CLEAN, '--json'])).out);
    expect(two).toHaveLength(2);
    expect(two[1].findings.filter((f: { severity: string }) => f.severity !== 'info')).toEqual([]);
  });

  it('reads its own --json output back as input', async () => {
    const out = join(dir, 'checked.json');
    writeFileSync(out, (await jixiaoInProcess(['check', SEED, '--json'])).out);
    const r = await jixiaoInProcess(['check', out]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('[total-mismatch]');
  });

  it('writes an HTML and a Markdown audit report with the recomputation and suggested wording', async () => {
    const html = join(dir, 'seed.html');
    const md = join(dir, 'seed.md');
    expect((await jixiaoInProcess(['check', SEED, '--report', html])).code).toBe(1);
    expect((await jixiaoInProcess(['check', SEED, '--report', md])).code).toBe(1);
    const h = readFileSync(html, 'utf8');
    expect(h).toContain('<html lang="zh-CN">');
    expect(h).toContain('得分重新计算');
    expect(h).toContain('党建主题活动次数');
    expect(h).toContain('建议补充的文字');
    const m = readFileSync(md, 'utf8');
    expect(m).toContain('# 2023年度光谷现代服务业园建设服务中心部门（单位）整体绩效自评表复核报告');
    expect(m).toContain('## 复核发现：D 指标归类');
    expect(m).toContain('改进措施及结果应用方案 — 改进措施及结果应用方案：一是');
    expect(m).toContain('“安全生产培训次数”实际完成8次，为目标≥2次的400%，超额完成的原因是……');
  });

  it('numbers the reports when several forms are checked', async () => {
    const out = join(dir, 'many.md');
    await jixiaoInProcess(['check', SEED, CLEAN, '--report', out]);
    expect(existsSync(join(dir, 'many-1.md'))).toBe(true);
    expect(existsSync(join(dir, 'many-2.md'))).toBe(true);
  });

  it('compares with earlier years from --history', async () => {
    const hist = join(dir, 'history');
    mkdirSync(hist, { recursive: true });
    const last = JSON.parse(readFileSync(join(REPO, CLEAN), 'utf8'));
    last.year = 2022;
    // last year the unit already reached 15 works and 97% coverage; this year's targets are lower
    last.indicators[0].actual.raw = '15处';
    last.indicators[5].actual.raw = '97%';
    writeFileSync(join(hist, 'clean-2022.json'), JSON.stringify(last));
    const r = await jixiaoInProcess(['check', CLEAN, '--history', hist, '--json']);
    const doc = JSON.parse(r.out);
    const codes = doc.findings.map((f: { code: string }) => f.code);
    expect(codes).toContain('target-below-last-actual');
    expect(codes).not.toContain('history-unavailable');
  });

  it('exits 2 when a file cannot be read, still checking the others', async () => {
    const r = await jixiaoInProcess(['check', SEED, 'missing.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法读取 missing.json：文件不存在');
    expect(r.out).toContain('[total-mismatch]');
  });

  it('refuses a report name that is neither .html nor .md', async () => {
    const r = await jixiaoInProcess(['check', SEED, '--report', join(dir, 'x.pdf')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('.html 或 .md');
  });
});
