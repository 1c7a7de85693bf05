import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, rendersChinese, STARTUP_TIMEOUT, screenshot, startApp } from './harness.ts';

describe('the application shell in Chromium', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);

  it('sends a signed-out visitor to the login page and back after signing in', async () => {
    const { page } = await app.open();
    await page.goto('/evaluations');
    await page.waitForURL(/\/login\?next=%2Fevaluations/);
    await screenshot(page, 'login');
    expect(await rendersChinese(page)).toBe(true);
    await page.getByLabel('用户名').fill('filler');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码不正确');
    await page.getByLabel('密码').fill('jixiao-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/evaluations$/);
    expect(await page.getByTestId('current-user').textContent()).toContain('单位填报人');
  });

  it('keeps the session over a reload and ends it on logout', async () => {
    const { page } = await app.open('reviewer');
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(
      expect.arrayContaining(['工作台', '自评表', '统计', '公开']),
    );
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/');
    await page.waitForURL(/\/login/);
  });

  it('shows the admin page only to admins', async () => {
    const { page } = await app.open('filler');
    await page.goto('/admin');
    await expect.poll(() => page.locator('.ant-result-403').count()).toBe(1);
    const admin = await app.open('admin');
    await admin.page.goto('/admin');
    await admin.page.getByTestId('current-user').waitFor();
    expect(await admin.page.locator('.ant-result-403').count()).toBe(0);
  });
});
