import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, STARTUP_TIMEOUT, screenshot, startApp } from './harness.ts';

const SEED_UNIT = '光谷现代服务业园建设服务中心';

interface Call {
  status: number;
  body: any;
}

/** The API as the signed-in person of `page` (cookie + CSRF token), for set-up and verification. */
async function call(page: Page, method: string, path: string, body?: unknown): Promise<Call> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/me')).json();
      const r = await fetch(path, {
        method,
        headers: {
          'Content-Type': 'application/json',
          'X-CSRF-Token': me.csrfToken,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: r.status === 204 ? null : await r.json() };
    },
    { method, path, body },
  );
}

async function seedId(page: Page): Promise<string> {
  const r = await call(page, 'GET', '/api/evaluations?year=2023&stage=self-evaluation&pageSize=200');
  const seed = r.body.items.find((e: any) => e.unit.name === SEED_UNIT && e.kind === 'department');
  expect(seed, 'the demo seed form').toBeTruthy();
  return seed.id;
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

// Generous time limits: the CI machine is shared, and a loaded one is several times slower.
describe('the editor in Chromium', { timeout: 120_000 }, () => {
  let app: E2eApp;
  let id: string;

  beforeAll(async () => {
    app = await startApp();
    // The seed form is published in the demo; the reviewer returns it with a comment on a row,
    // which makes it the filler's draft again.
    const { page } = await app.open('reviewer');
    id = await seedId(page);
    const r = await call(page, 'POST', `/api/evaluations/${id}/return`, {
      comments: [{ path: 'indicators[3].actual', body: '实际完成值请附证明材料' }],
    });
    expect(r.status).toBe(200);
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);

  it('fills in the seed form with live scoring and checks, saves, and moves to a finding', async () => {
    const { page } = await app.open('filler');
    await page.goto(`/evaluations/${id}`);
    await page.getByTestId('editor').waitFor();
    expect(await page.getByTestId('indicator-row').count()).toBe(21);
    const panel = page.getByTestId('findings-panel');
    await panel.locator('[data-code="total-mismatch"]').waitFor();
    // the reviewer's comment: in the banner and on its row
    expect(await page.getByTestId('comments-banner').textContent()).toContain('实际完成值请附证明材料');
    expect(await page.locator('[data-row="3"] [data-testid="row-comment"]').textContent()).toContain(
      '证明材料',
    );
    // how the target of row 1 (≥12次) was read
    expect(await page.getByTestId('parsed-0-target').textContent()).toBe('≥ 12 次');
    expect(await page.getByTestId('total-computed').textContent()).toContain('92.00');
    const before = Number(await page.getByTestId('editor').getAttribute('data-version'));
    await screenshot(page, 'editor');

    await page.getByLabel('改进措施').fill('加强项目前期论证，细化绩效指标。');
    await page.getByLabel('第1行 填报得分').fill('2');
    await expect.poll(() => page.getByTestId('total-computed').textContent()).toContain('91.00');
    await expect
      .poll(() => panel.locator('[data-code="total-mismatch"]').textContent())
      .toContain('相差 4 分');
    expect(await page.getByTestId('dirty-state').textContent()).toContain('未保存');

    // the live re-score + re-check time, measured in the page
    const ms = Number(await panel.getAttribute('data-assess-ms'));
    console.log(`re-score + re-check of the seed (21 indicators) in the page: ${ms.toFixed(2)} ms`);
    expect(ms).toBeLessThan(50);

    await page.getByTestId('save').click();
    await expect
      .poll(async () => Number(await page.getByTestId('editor').getAttribute('data-version')))
      .toBe(before + 1);
    const saved = await call(page, 'GET', `/api/evaluations/${id}`);
    expect(saved.body.evaluation.improvementPlan).toBe('加强项目前期论证，细化绩效指标。');
    expect(saved.body.evaluation.indicators[0].score).toBe(2);

    // a finding moves the focus to its cell
    await panel.locator('[data-code="total-mismatch"]').click();
    expect(await activeId(page)).toBe('field-totalReported');
    const rowFinding = panel.locator('[data-path^="indicators["]').first();
    const path = (await rowFinding.getAttribute('data-path')) ?? '';
    await rowFinding.click();
    const row = /^indicators\[(\d+)\]/.exec(path)?.[1];
    expect(await activeId(page)).toMatch(new RegExp(`^cell-${row}-`));

    // keyboard: Enter goes down a row in the same column, Alt+↑ goes back up
    await page.getByLabel('第1行 实际完成值').focus();
    await page.keyboard.press('Enter');
    expect(await activeId(page)).toBe('cell-1-actual');
    await page.keyboard.press('Alt+ArrowDown');
    expect(await activeId(page)).toBe('cell-2-actual');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await activeId(page)).toBe('cell-1-actual');
  });

  it('shows the conflict to the second of two windows and keeps both changes', async () => {
    const a = await app.open('filler');
    const b = await app.open('approver');
    b.page.on('pageerror', (e) => console.log('page error', e.message));
    b.page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
    for (const w of [a, b]) {
      await w.page.goto(`/evaluations/${id}`);
      await w.page.getByTestId('editor').waitFor();
    }
    const start = Number(await a.page.getByTestId('editor').getAttribute('data-version'));
    await a.page.getByLabel('偏差分析').fill('个别指标未达预期，原因已逐项说明。');
    await a.page.getByTestId('save').click();
    await expect
      .poll(async () => Number(await a.page.getByTestId('editor').getAttribute('data-version')))
      .toBe(start + 1);

    await b.page.getByLabel('第2行 填报得分').fill('2.5');
    await b.page.getByTestId('save').click();
    const dialog = b.page.getByTestId('conflict-dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('偏差分析');
    expect(text).toContain('个别指标未达预期');
    await screenshot(b.page, 'editor-conflict');
    await b.page.getByTestId('conflict-keep-mine').click();
    await expect
      .poll(async () => Number(await b.page.getByTestId('editor').getAttribute('data-version')))
      .toBe(start + 2);

    const final = await call(b.page, 'GET', `/api/evaluations/${id}`);
    expect(final.body.version).toBe(start + 2);
    expect(final.body.evaluation.deviationAnalysis).toBe('个别指标未达预期，原因已逐项说明。');
    expect(final.body.evaluation.indicators[1].score).toBe(2.5);
    // and the first window's earlier save is still there
    expect(final.body.evaluation.improvementPlan).toBe('加强项目前期论证，细化绩效指标。');
  });

  it('declares targets with the weight sum shown as they are typed', async () => {
    const { page } = await app.open('filler');
    await page.goto('/evaluations/new?stage=targets');
    await page.getByTestId('new-evaluation').waitFor();
    await page.getByTestId('create').click();
    await page.getByTestId('editor').waitFor();
    expect(await page.getByTestId('editor').getAttribute('data-stage')).toBe('targets');
    // the unit's region (湖北省) gives the profile: 80 points for the indicators
    const sum = page.getByTestId('weight-sum');
    expect(await sum.textContent()).toContain('/ 80');
    await page.getByLabel('目标1 内容').fill('完成年度招商引资考核目标');
    for (const [i, name, target, weight] of [
      [0, '新签约项目数', '≥10个', '50'],
      [1, '服务对象满意度', '≥90%', '20'],
    ] as const) {
      await page.getByRole('button', { name: '在目标1下添加指标' }).click();
      await page.getByLabel(`第${i + 1}行 三级指标`).fill(name);
      await page.getByLabel(`第${i + 1}行 目标值`).fill(target);
      await page.getByLabel(`第${i + 1}行 分值`).fill(weight);
    }
    await page.getByLabel('第1行 一级指标').selectOption('产出指标');
    await page.getByLabel('第1行 二级指标').selectOption('数量指标');
    expect(await page.getByTestId('parsed-1-target').textContent()).toBe('≥ 90 %');
    expect(await page.getByLabel('第1行 实际完成值').count()).toBe(0);
    await expect.poll(() => sum.textContent()).toContain('70 / 80');
    expect(await sum.getAttribute('data-ok')).toBe('false');
    await page.getByLabel('第2行 分值').fill('30');
    await expect.poll(() => sum.getAttribute('data-ok')).toBe('true');
    await screenshot(page, 'targets');
    await page.getByTestId('save').click();
    await expect
      .poll(async () => Number(await page.getByTestId('editor').getAttribute('data-version')))
      .toBe(2);
    await page.getByTestId('submit').click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.locator('[data-status="declared"]').count()).toBeGreaterThan(0);
  });

  it('sends a reviewer to the review page: reviewers never edit', async () => {
    const { page } = await app.open('reviewer');
    await page.goto(`/evaluations/${id}`);
    await page.waitForURL(new RegExp(`/evaluations/${id}/review$`));
  });

  it('locks the approved targets in the self-evaluation made from them', async () => {
    const { page } = await app.open('filler');
    const list = await call(page, 'GET', '/api/evaluations?year=2024&stage=self-evaluation');
    const made = list.body.items.find((e: any) => e.targets !== null);
    expect(made).toBeTruthy();
    await page.goto(`/evaluations/${made.id}`);
    await page.getByTestId('editor').waitFor();
    expect(await page.getByLabel('第1行 目标值').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByLabel('第1行 实际完成值').getAttribute('readonly')).toBeNull();
    // asking to adjust the locked targets: a reason and the targets as they should be
    await page.getByTestId('adjust').click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByLabel('调整理由').fill('上级下达任务调整，活动次数相应增加。');
    await dialog.getByLabel('第1行 目标值').fill('≥15次');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('目标调整申请已提交').waitFor();
    const adjustments = await call(page, 'GET', `/api/evaluations/${made.id}/adjustments`);
    const items = adjustments.body.items ?? adjustments.body;
    expect(items.at(-1)).toMatchObject({ status: 'pending', reason: '上级下达任务调整，活动次数相应增加。' });
    expect(items.at(-1).document.indicators[0].target.raw).toBe('≥15次');
  });

  it('re-scores and re-checks a 200-indicator form in the page', async () => {
    const { page } = await app.open('filler');
    const seed = await call(page, 'GET', `/api/evaluations/${id}`);
    const doc = seed.body.evaluation;
    const indicators = Array.from({ length: 200 }, (_, k) => ({
      ...doc.indicators[k % doc.indicators.length],
      name: `${doc.indicators[k % doc.indicators.length].name}${k + 1}`,
      weight: 0.4,
    }));
    const created = await call(page, 'POST', '/api/evaluations', { ...doc, year: 2022, indicators });
    expect(created.status).toBe(201);
    page.on('pageerror', (e) => console.log('page error', e.message));
    const opened = Date.now();
    await page.goto(`/evaluations/${created.body.id}`);
    await page.getByTestId('editor').waitFor({ timeout: 60_000 });
    console.log(`200-indicator editor opened in ${Date.now() - opened} ms`);
    expect(await page.getByTestId('indicator-row').count()).toBe(200);
    const panel = page.getByTestId('findings-panel');
    const times: number[] = [];
    for (const value of ['18次', '17次', '16次', '15次', '14次', '13次', '12次', '11次', '10次']) {
      // the assessment's number, not its time: two in a row can take the same 0.1 ms (a flake)
      const previous = await panel.getAttribute('data-assess-seq');
      await page.getByLabel('第150行 实际完成值').fill(value);
      await expect.poll(() => panel.getAttribute('data-assess-seq')).not.toBe(previous);
      times.push(Number(await panel.getAttribute('data-assess-ms')));
    }
    times.sort((x, y) => x - y);
    console.log(
      `re-score + re-check of 200 indicators in the page: min ${times[0]?.toFixed(2)} ms, median ${times[4]?.toFixed(2)} ms (${times.map((x) => x.toFixed(2)).join(', ')})`,
    );
    // a loose bound (the machine running the tests may be loaded): catches a slip by an order of magnitude
    expect(times[0]).toBeLessThan(50);
  });
});
