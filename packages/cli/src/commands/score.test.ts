import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jixiao, jixiaoInProcess } from '../run-cli.ts';

const SEED = 'examples/seed-hubei-dept-2023.expected.json';
const dir = mkdtempSync(join(tmpdir(), 'jixiao-score-'));

describe('jixiao score', () => {
  it('--json reports the seed as the foundation issue asks', () => {
    const r = jixiao(['score', SEED, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.profile).toBe('hubei-2020');
    expect(doc.score.budget.rate.computed).toBe(1);
    expect(doc.score.budget.score.computed).toBe(20);
    expect(doc.score.totals.indicatorsReported).toBe(72);
    expect(doc.score.totals.reported).toBe(95);
    expect(doc.score.totals.reportedSum).toBe(92);
    expect(doc.score.indicators).toHaveLength(21);
    expect(doc.score.indicators.every((i: { status: string }) => i.status === 'unverifiable')).toBe(true);
    expect(doc.score.differences.map((d: { what: string }) => d.what)).toEqual(['total']);
  });

  it('prints a table per indicator, the explanations, totals and differences', async () => {
    const r = await jixiaoInProcess(['score', SEED]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('党建主题活动次数');
    expect(r.out).toContain('正向指标：实际 19次 ≥ 目标 12次');
    expect(r.out).toContain('总分：填报 95；分项合计 92（预算 20 + 指标 72）');
    expect(r.out).toContain('无法核验 21');
    expect(r.out).toContain('相差 3 分');
  });

  it('scores under another profile when asked', async () => {
    const r = await jixiaoInProcess(['score', SEED, '--profile', 'national-2020', '--json']);
    const doc = JSON.parse(r.out);
    expect(doc.profile).toBe('national-2020');
    // national budget weight is 10, so the reported 20 now differs
    expect(doc.score.budget.score.computed).toBe(10);
    expect(doc.score.differences.map((d: { what: string }) => d.what)).toContain('budget-score');
  });

  it('exits 2 naming the file when it does not exist', async () => {
    const r = await jixiaoInProcess(['score', 'no/such/form.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法读取 no/such/form.json：文件不存在');
  });

  it('exits 2 with the line and column of a JSON syntax error', async () => {
    const f = join(dir, 'broken.json');
    writeFileSync(f, '{\n  "kind": "project",\n  "year": 2023,,\n}');
    const r = await jixiaoInProcess(['score', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不是有效的 JSON');
    expect(r.err).toContain('第 3 行');
  });

  it('exits 2 naming the path inside the file and the problem', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(
      f,
      JSON.stringify({
        kind: 'project',
        budget: { planned: '一百' },
        indicators: [{ name: '指标', target: { raw: '≥1' }, actual: { raw: '1' }, score: 'x' }],
      }),
    );
    const r = await jixiaoInProcess(['score', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(f);
    expect(r.err).toContain('budget.planned');
    expect(r.err).toContain('全年预算数');
    expect(r.err).toContain('indicators[0].score');
    expect(r.err).toContain('应为数字，实际为文本“x”');
  });

  it('exits 2 on an unknown profile, listing the known ones', async () => {
    const r = await jixiaoInProcess(['score', SEED, '--profile', 'mars-2099']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知的评分规则“mars-2099”');
    expect(r.err).toContain('hubei-2020');
  });

  it('explains every option in --help, and exits 2 on a usage mistake', async () => {
    const top = await jixiaoInProcess(['--help']);
    expect(top.code).toBe(0);
    expect(top.out).toContain('score');
    expect(top.out).toContain('check');
    const help = await jixiaoInProcess(['score', '--help']);
    expect(help.code).toBe(0);
    for (const opt of ['--profile', '--json', '退出码']) expect(help.out).toContain(opt);
    expect((await jixiaoInProcess(['score'])).code).toBe(2);
    expect((await jixiaoInProcess(['frobnicate'])).code).toBe(2);
  });
});
