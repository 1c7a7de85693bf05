import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../../test-support/samples.ts';
import { type E2eApp, STARTUP_TIMEOUT, screenshot, startApp } from './harness.ts';

const SEED = join(samplesDir(), 'seed-hubei-dept-2023.md');

describe('导入: many files, a preview of each form, keep or discard', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);

  it('imports the seed file and a damaged one, shows the preview, keeps one form and discards a copy', async () => {
    const { page } = await app.open('filler');
    page.setDefaultTimeout(45_000);
    await page.goto('/import');
    await page.getByTestId('import-page').waitFor();
    const seed = readFileSync(SEED);
    await page.locator('input[type=file]').setInputFiles([
      { name: 'seed-hubei-dept-2023.md', mimeType: 'text/markdown', buffer: seed },
      {
        name: '损坏的文件.xlsx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from([0, 1, 2, 3, 250, 251]),
      },
      { name: '副本.md', mimeType: 'text/markdown', buffer: seed },
    ]);
    await expect.poll(() => page.getByTestId('import-file').count(), { timeout: 45_000 }).toBe(3);
    expect(await page.getByTestId('file-status').allTextContents()).toEqual([
      '等待解析',
      '等待解析',
      '等待解析',
    ]);

    await page.getByTestId('parse').click();
    await expect
      .poll(() => page.getByTestId('import-progress').textContent(), { timeout: 45_000 })
      .toContain('已处理 3 / 3 个文件');

    const first = page.locator('[data-testid="import-file"][data-file="seed-hubei-dept-2023.md"]');
    const form = first.getByTestId('import-form');
    await form.waitFor();
    expect(await form.getByTestId('import-indicator-count').textContent()).toBe('21');
    expect(await form.getByTestId('import-total-reported').textContent()).toBe('95.00');
    expect(await form.getByTestId('import-total-computed').textContent()).toBe('92.00');
    expect(await form.locator('[data-code="total-mismatch"]').count()).toBe(1);

    // the damaged file says what is wrong, in Chinese, with its code
    const bad = page.locator('[data-testid="import-file"][data-file="损坏的文件.xlsx"]');
    const error = await bad.getByTestId('file-error').textContent();
    expect(error).toMatch(/^[a-z-]+：/);
    expect(error).toContain('损坏的文件.xlsx');
    expect(await bad.getByTestId('file-status').textContent()).toBe('未能导入');

    // the repairs the importer made are listed with kind, place, before and after
    await form.getByText(/导入时的修复/).click();
    await expect
      .poll(() => form.getByTestId('repairs').locator('tbody tr').count(), { timeout: 45_000 })
      .toBeGreaterThan(0);
    await screenshot(page, 'import');
    await form.getByText('查看表格').click();
    await expect.poll(() => form.getByTestId('indicator-row').count(), { timeout: 45_000 }).toBe(21);

    const keptId = await form.getAttribute('data-id');
    await form.getByTestId('keep').click();
    expect(await form.getByTestId('form-decision').textContent()).toContain('已保留');

    const copy = page.locator('[data-testid="import-file"][data-file="副本.md"]').getByTestId('import-form');
    const copyId = await copy.getAttribute('data-id');
    await copy.getByTestId('discard').click();
    await page.getByTestId('discard-confirm').click();
    await expect
      .poll(() => copy.getByTestId('form-decision').textContent(), { timeout: 45_000 })
      .toContain('已放弃');

    // the discarded draft is gone, the kept one stays
    expect((await page.request.get(`/api/evaluations/${copyId}`)).status()).toBe(404);
    const kept = await page.request.get(`/api/evaluations/${keptId}`);
    expect(kept.status()).toBe(200);
    expect((await kept.json()).status).toBe('draft');

    // from the kept form to its review page
    await form.getByTestId('review-link').click();
    await page.waitForURL(new RegExp(`/evaluations/${keptId}/review$`));
    await page.getByTestId('review-page').waitFor();
    await expect.poll(() => page.getByTestId('indicator-row').count(), { timeout: 45_000 }).toBe(21);
  }, 180_000);
});
