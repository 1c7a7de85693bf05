import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, STARTUP_TIMEOUT, screenshot, startApp } from './harness.ts';

describe('公开: published forms without signing in', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);

  it('lists, filters and opens a published form', async () => {
    const { page } = await app.open();
    page.setDefaultTimeout(45_000);
    await page.goto('/public');
    await expect
      .poll(() => page.getByTestId('public-row').count(), { timeout: 45_000 })
      .toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('current-user').count()).toBe(0);
    await screenshot(page, 'public-list');

    // by unit name
    await page.getByLabel('单位名称').fill('光谷');
    // the filter takes the unit's full name: pick it from the names offered
    await page.locator('.ant-select-item-option', { hasText: '光谷现代服务业园建设服务中心' }).click();
    await page.getByTestId('public-search').click();
    await page.waitForURL(/unit=/);
    await expect.poll(() => page.getByTestId('public-row').count(), { timeout: 45_000 }).toBe(1);
    const row = page.getByTestId('public-row').first();
    // the unit published 95, Jixiao computes 92: both are shown, the difference marked
    expect(await row.textContent()).toContain('95.00');
    expect(await row.locator('[data-differs="true"]').textContent()).toContain('92.00');

    // by a year with nothing published
    await page.getByLabel('年度').fill('2001');
    await page.getByTestId('public-search').click();
    await expect
      .poll(() => page.locator('.ant-table-placeholder').textContent(), { timeout: 45_000 })
      .toContain('没有符合条件');

    await page.goto('/public?unit=光谷现代服务业园建设服务中心');
    await page.getByTestId('public-row').first().locator('a').click();
    await page.getByTestId('public-view').waitFor();
    expect(await page.getByTestId('indicator-row').count()).toBe(21);
    expect(await page.getByTestId('total-reported').textContent()).toBe('95.00');
    expect(await page.getByTestId('total-computed').textContent()).toContain('92.00');
    expect(await page.getByTestId('total-differs').count()).toBe(1);
    // no comment buttons for the public
    expect(await page.locator('[data-testid^="comment-btn-"]').count()).toBe(0);
    await screenshot(page, 'public-view');

    await page.goto('/public/no-such-form');
    await expect
      .poll(() => page.locator('.ant-result-title').textContent(), { timeout: 45_000 })
      .toContain('没有找到');
  }, 180_000);
});
