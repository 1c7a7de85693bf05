/**
 * The work lists in Chromium: each role's workbench shows what waits for it (a form submitted
 * by the filler reaches the approver; returned, it comes back to the filler with the comment),
 * and the list of forms filters by status and year in the URL, pages, opens a form and
 * deletes a draft, which another unit's people never see at all.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type E2eApp, STARTUP_TIMEOUT, screenshot, startApp } from './harness.ts';

interface Summary {
  id: string;
  status: string;
  year: number;
  project: string | null;
  unit: { id: string; name: string };
}

/** A new draft of the filler's unit: the seed form's document under another year and title. */
async function newDraft(page: Page, project: string, year: number): Promise<string> {
  const list = await call<{ items: Summary[] }>(
    page,
    'GET',
    '/api/evaluations?stage=self-evaluation&status=published',
  );
  const seed = list.body.items[0];
  if (!seed) throw new Error('the demo data has no published form of the unit');
  const detail = await call<{ evaluation: Record<string, unknown> }>(
    page,
    'GET',
    `/api/evaluations/${seed.id}`,
  );
  const created = await call<{ id: string }>(page, 'POST', '/api/evaluations', {
    ...detail.body.evaluation,
    year,
    project,
    kind: 'project',
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

const rows = (page: Page) => page.locator('.ant-table-tbody tr[data-id]');

async function rowIds(page: Page): Promise<string[]> {
  await page.locator('.ant-table-tbody').waitFor();
  await page
    .locator('.ant-spin-spinning')
    .waitFor({ state: 'detached' })
    .catch(() => {});
  return rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id') ?? ''));
}

describe('workbench and lists in Chromium', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);

  // One signed-in window per person, shared by the tests: signing in is the slow part.
  const windows = new Map<string, Page>();
  async function as(username: string): Promise<Page> {
    const known = windows.get(username);
    if (known) return known;
    const { page } = await app.open(username);
    // The machine these run on is shared; give a slow answer time before calling it missing.
    page.setDefaultTimeout(30_000);
    windows.set(username, page);
    return page;
  }

  it('brings a submitted form to the approver and, returned, back to the filler with the comment', {
    timeout: 120_000,
  }, async () => {
    const filler = await as('filler');
    const id = await newDraft(filler, '工作台测试项目', 2022);

    await filler.goto('/');
    const drafts = filler.getByTestId('task-drafts');
    await drafts.locator(`[data-id="${id}"]`).waitFor();
    expect(await drafts.locator(`[data-id="${id}"] a`).getAttribute('href')).toBe(`/evaluations/${id}`);
    expect(await filler.getByTestId('task-returned').count()).toBe(0);

    expect((await call(filler, 'POST', `/api/evaluations/${id}/submit`)).status).toBe(200);

    const approver = await as('approver');
    await approver.goto('/');
    const submitted = approver.getByTestId('task-submitted');
    await submitted.locator(`[data-id="${id}"]`).waitFor();
    expect(await submitted.locator(`[data-id="${id}"] a`).getAttribute('href')).toBe(
      `/evaluations/${id}/review`,
    );
    expect(
      (
        await call(approver, 'POST', `/api/evaluations/${id}/return`, {
          comments: [{ path: 'year', body: '请补充偏差原因分析（工作台测试）' }],
        })
      ).status,
    ).toBe(200);
    await approver.reload();
    await approver.getByTestId('task-submitted').waitFor();
    expect(await approver.getByTestId('task-submitted').locator(`[data-id="${id}"]`).count()).toBe(0);

    await filler.reload();
    const returned = filler.getByTestId('task-returned');
    await returned.locator(`[data-id="${id}"]`).waitFor();
    expect(await returned.getByTestId('return-comments').textContent()).toContain(
      '请补充偏差原因分析（工作台测试）',
    );
    // A returned draft is listed once, under 被退回, not again under the drafts to fill.
    expect(await filler.getByTestId('task-drafts').locator(`[data-id="${id}"]`).count()).toBe(0);
    await screenshot(filler, 'workbench-filler');
  });

  it('shows the reviewer the forms to review and to publish, and opens the review page', {
    timeout: 120_000,
  }, async () => {
    const page = await as('reviewer');
    const waiting = await call<{ total: number; items: Summary[] }>(
      page,
      'GET',
      '/api/evaluations?stage=self-evaluation&status=approved',
    );
    expect(waiting.body.total).toBeGreaterThan(0);
    await page.goto('/');
    const approved = page.getByTestId('task-approved');
    await approved.locator('[data-id]').first().waitFor();
    expect(Number(await approved.getAttribute('data-count'))).toBe(waiting.body.total);
    const accepted = await call<{ total: number }>(
      page,
      'GET',
      '/api/evaluations?stage=self-evaluation&status=accepted',
    );
    expect(Number(await page.getByTestId('task-accepted').getAttribute('data-count'))).toBe(
      accepted.body.total,
    );
    await page.getByTestId('task-declared').waitFor();
    await page.getByTestId('task-adjustments').waitFor();
    await screenshot(page, 'workbench-reviewer');
    const first = approved.locator('[data-id]').first();
    const id = await first.getAttribute('data-id');
    await first.getByTestId('task-link').click();
    await page.waitForURL(new RegExp(`/evaluations/${id}/review$`));
  });

  it('filters by status and year in the URL, keeps them over a reload, and pages', {
    timeout: 120_000,
  }, async () => {
    const page = await as('reviewer');
    await page.goto('/evaluations');
    await rows(page).first().waitFor();
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="草稿"]').click();
    await page.waitForURL(/status=draft/);
    // The rows of the new filter replace the old ones once the server answers.
    const statuses = () =>
      rows(page).evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-status')))]);
    await expect.poll(statuses).toEqual(['draft']);

    await page.goto('/evaluations?year=2023&status=published');
    await page.reload();
    await rows(page).first().waitFor();
    const api = await call<{ total: number; items: Summary[] }>(
      page,
      'GET',
      '/api/evaluations?stage=self-evaluation&year=2023&status=published&pageSize=200',
    );
    await expect
      .poll(async () => (await rowIds(page)).sort())
      .toEqual(api.body.items.map((e) => e.id).sort());
    expect(await page.getByRole('combobox', { name: '年度' }).locator('xpath=../..').textContent()).toContain(
      '2023',
    );

    // Pages of four: the second page holds the next four forms, and back returns to the first.
    const all = await call<{ total: number; items: Summary[] }>(
      page,
      'GET',
      '/api/evaluations?stage=self-evaluation&pageSize=200',
    );
    expect(all.body.total).toBeGreaterThan(8);
    await page.goto('/evaluations?pageSize=4');
    await expect.poll(() => rowIds(page)).toEqual(all.body.items.slice(0, 4).map((e) => e.id));
    await page.locator('.ant-pagination-next').click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => rowIds(page)).toEqual(all.body.items.slice(4, 8).map((e) => e.id));
    await page.goBack();
    await expect.poll(() => rowIds(page)).toEqual(all.body.items.slice(0, 4).map((e) => e.id));
    expect(await page.locator('.ant-pagination').textContent()).toContain(`共 ${all.body.total} 张`);
    await screenshot(page, 'list');

    await rows(page).first().getByTestId('open').click();
    await page.waitForURL(new RegExp(`/evaluations/${all.body.items[0]?.id}/review$`));
  });

  it("deletes the unit's draft from the list; another unit's filler never sees the seed unit's forms", {
    timeout: 120_000,
  }, async () => {
    const page = await as('filler');
    const id = await newDraft(page, '待删除的测试草稿', 2021);

    const other = await as('filler2');
    expect((await call(other, 'GET', `/api/evaluations/${id}`)).status).toBe(404);
    expect((await call(other, 'DELETE', `/api/evaluations/${id}`)).status).toBe(404);
    await other.goto('/evaluations');
    await rows(other).first().waitFor();
    const seedForms = await call<{ items: Summary[] }>(page, 'GET', '/api/evaluations?pageSize=200');
    expect(seedForms.body.items.map((e) => e.id)).toContain(id);
    const seen = await rowIds(other);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((x) => seedForms.body.items.some((e) => e.id === x))).toEqual([]);
    const theirs = await call<{ items: Summary[] }>(other, 'GET', '/api/evaluations?pageSize=200');
    expect(new Set(theirs.body.items.map((e) => e.unit.name))).toEqual(new Set(['天长市水利局']));
    expect(await other.locator(`tr[data-id="${id}"]`).count()).toBe(0);

    await page.goto('/evaluations');
    const row = page.locator(`tr[data-id="${id}"]`);
    await row.waitFor();
    // Only drafts have the button: the published form of the unit has none.
    const published = page.locator('tr[data-status="published"]').first();
    await published.waitFor();
    expect(await published.getByTestId('delete').count()).toBe(0);
    // A draft opens in the editor.
    expect(await row.locator('a').first().getAttribute('href')).toBe(`/evaluations/${id}`);

    await row.getByTestId('delete').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('已删除草稿。').waitFor();
    expect((await call(page, 'GET', `/api/evaluations/${id}`)).status).toBe(404);
    await page.reload();
    await rows(page).first().waitFor();
    expect(await page.locator(`tr[data-id="${id}"]`).count()).toBe(0);
  });

  it('shows the demo deadlines with the days left and the unsubmitted forms; the reviewer sets a new date', {
    timeout: 120_000,
  }, async () => {
    const filler = await as('filler');
    await filler.goto('/');
    const item = filler.getByTestId('deadline-2024-self-evaluation');
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('2024 年度绩效自评');
    expect(text).toContain('截止于 2025-04-30');
    expect(text).toContain('演示数据');
    // Whole calendar days from today (the browser's day) to the due day.
    const today = await filler.evaluate(() => {
      const d = new Date();
      return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
    });
    const days = Math.round((Date.UTC(2025, 3, 30) - today) / 86_400_000);
    const left = days > 0 ? `还剩 ${days} 天` : days === 0 ? '今天截止' : `已逾期 ${-days} 天`;
    expect(await item.getByTestId('deadline-left').textContent()).toBe(left);
    if (days <= 14) {
      // The unit's 2024 self-evaluation is still a draft: marked under the deadline, linked to the editor.
      const drafts = await call<{ items: Summary[] }>(
        filler,
        'GET',
        '/api/evaluations?stage=self-evaluation&year=2024&status=draft',
      );
      expect(drafts.body.items.length).toBeGreaterThan(0);
      const marked = item.getByTestId('deadline-unsubmitted');
      await marked.waitFor();
      expect(await marked.textContent()).toContain(`本单位尚未提交 ${drafts.body.items.length} 张`);
      expect(await marked.locator('a').first().getAttribute('href')).toBe(
        `/evaluations/${drafts.body.items[0]?.id}`,
      );
    }
    expect(await filler.getByTestId('deadline-set').count()).toBe(0);
    await screenshot(filler, 'workbench-deadlines-filler');

    const reviewer = await as('reviewer');
    await reviewer.goto('/');
    const row = reviewer.getByTestId('deadline-2024-self-evaluation');
    await row.waitFor();
    await row.getByRole('button', { name: /设置截止日期/ }).click();
    const dialog = reviewer.getByTestId('deadline-dialog');
    await dialog.waitFor();
    const due = dialog.locator('.ant-picker input');
    expect(await due.inputValue()).toBe('2025-04-30');
    await due.click();
    await due.fill('2030-06-30');
    await due.press('Enter');
    await reviewer.getByTestId('deadline-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => row.textContent()).toContain('截止于 2030-06-30');
    expect(await row.getByTestId('deadline-left').textContent()).toMatch(/^还剩 \d+ 天$/);
    const stored = await call<{ items: { stage: string; due: string }[] }>(
      reviewer,
      'GET',
      '/api/deadlines?year=2024',
    );
    expect(stored.body.items.find((d) => d.stage === 'self-evaluation')?.due).toBe('2030-06-30');

    await filler.reload();
    await expect
      .poll(async () => filler.getByTestId('deadline-2024-self-evaluation').textContent())
      .toContain('截止于 2030-06-30');
  });

  it('overflows nowhere horizontally at 1366×768', { timeout: 120_000 }, async () => {
    const page = await as('filler');
    const seed = await call<{ items: Summary[] }>(
      page,
      'GET',
      '/api/evaluations?stage=self-evaluation&year=2023&status=published',
    );
    const id = seed.body.items[0]?.id;
    expect(id).toBeTruthy();
    const paths = [
      '/',
      '/evaluations',
      '/targets',
      '/import',
      '/stats',
      '/public',
      `/evaluations/${id}`,
      `/evaluations/${id}/review`,
    ];
    const overflowing: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await page
        .locator('.ant-spin-spinning')
        .waitFor({ state: 'detached' })
        .catch(() => {});
      const size = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(size.inner).toBe(1366);
      if (size.scroll > size.inner) overflowing.push(`${path}: ${size.scroll}px`);
    }
    expect(overflowing).toEqual([]);
  });
});
