/**
 * The year as a story (issue 6): the filler imports the seed file through the import page, fills
 * it in the editor and submits; the approver approves; the reviewer returns it with a comment on
 * a row; the filler sees the comment, fixes and resubmits; the reviewer accepts and publishes;
 * an anonymous visitor finds it on 公开; the xlsx exported from the editor reads back to the same
 * data. Every step goes through the pages, as people would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithExpected, importBytes } from '@jixiao/formats';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../../test-support/samples.ts';
import {
  cast,
  confirmUntil,
  downloadExport,
  type E2eApp,
  rendersChinese,
  STARTUP_TIMEOUT,
  screenshot,
  startApp,
  workflowStep,
} from './harness.ts';

const SEED = join(samplesDir(), 'seed-hubei-dept-2023.md');
const UNIT = '光谷现代服务业园建设服务中心';
const STEP = 150_000;

describe('the year as a story, in Chromium', () => {
  let app: E2eApp;
  let id = '';
  const people = cast(() => app);
  const as = people.as;
  const version = async (page: Page) => Number(await page.getByTestId('editor').getAttribute('data-version'));

  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await people.screenshots('failed-year');
  });

  it(
    'the filler imports the seed file and sees its 21 indicators and the total mismatch',
    async () => {
      const filler = await as('filler');
      await filler.goto('/import');
      await filler
        .locator('input[type=file]')
        .setInputFiles([
          { name: 'seed-hubei-dept-2023.md', mimeType: 'text/markdown', buffer: readFileSync(SEED) },
        ]);
      await filler.getByTestId('parse').click();
      const form = filler.getByTestId('import-form');
      await form.waitFor();
      expect(await form.getByTestId('import-indicator-count').textContent()).toBe('21');
      expect(await form.locator('[data-code="total-mismatch"]').count()).toBe(1);
      id = (await form.getAttribute('data-id')) ?? '';
      expect(id).not.toBe('');
      await form.getByTestId('keep').click();
    },
    STEP,
  );

  it(
    'fills 改进措施, corrects the reported total in the editor, saves, exports xlsx that reads back the same, and submits',
    async () => {
      const filler = await as('filler');
      await filler.goto(`/evaluations/${id}`);
      await filler.getByTestId('editor').waitFor();
      expect(await filler.getByTestId('indicator-row').count()).toBe(21);
      const panel = filler.getByTestId('findings-panel');
      await panel.locator('[data-code="total-mismatch"]').waitFor();
      expect(await rendersChinese(filler)).toBe(true);

      const v1 = await version(filler);
      await filler.getByLabel('改进措施').fill('加强项目前期论证，按季度跟踪绩效目标完成情况。');
      await filler.locator('#field-totalReported').fill('92');
      await filler.locator('#field-totalReported').press('Tab');
      await expect.poll(() => panel.locator('[data-code="total-mismatch"]').count()).toBe(0);
      await filler.getByTestId('save').click();
      await expect.poll(() => version(filler)).toBe(v1 + 1);

      // the export menu's xlsx, as the browser downloads it, imports back to the saved form
      const link = filler.locator('a[data-format="xlsx"]');
      const download = await downloadExport(filler, 'xlsx');
      expect(await link.getAttribute('href')).toBe(`/api/evaluations/${id}/export?format=xlsx`);
      const bytes = readFileSync((await download.path()) ?? '');
      const saved = await (await filler.request.get(`/api/evaluations/${id}`)).json();
      const [back] = await importBytes(new Uint8Array(bytes), download.suggestedFilename());
      expect(back && 'evaluation' in back, 'the exported xlsx imports').toBe(true);
      const { import: _record, ...expected } = saved.evaluation;
      const judged = compareWithExpected(back && 'evaluation' in back ? back.evaluation : null, expected);
      expect(judged.wrong).toEqual([]);
      expect(judged.fields).toBeGreaterThan(300);

      await filler.getByTestId('submit').click();
      // the review page, or the error the editor shows instead (said in the failure, not a timeout)
      await confirmUntil(filler, (timeout) =>
        filler.waitForURL(new RegExp(`/evaluations/${id}/review$`), { timeout }).catch(async (e) => {
          const error = filler.locator('.ant-message-error').first();
          if (await error.isVisible())
            throw new Error(`submitting showed an error: ${await error.textContent()}`);
          throw e;
        }),
      );
      await filler.locator('.ant-card [data-status="submitted"]').first().waitFor();
    },
    STEP,
  );

  it(
    'filler2 of another unit cannot open the form; the approver approves',
    async () => {
      const other = await as('filler2');
      await other.goto(`/evaluations/${id}/review`);
      expect(await other.getByTestId('review-error').textContent()).toMatch(/[\u4e00-\u9fa5]{4}/);
      expect((await other.request.get(`/api/evaluations/${id}`)).status()).toBe(404);

      const approver = await as('approver');
      await approver.goto(`/evaluations/${id}/review`);
      await workflowStep(approver, 'approve', 'approved');
    },
    STEP,
  );

  it(
    'the reviewer returns it with a comment on row 4',
    async () => {
      const reviewer = await as('reviewer');
      await reviewer.goto(`/evaluations/${id}/review`);
      await reviewer.getByTestId('comment-btn-indicators[3]').click();
      await reviewer.getByTestId('comment-input').fill('实际完成值请附证明材料，并说明偏差原因');
      await reviewer.getByTestId('comment-submit').click();
      await expect.poll(() => reviewer.getByTestId('tab-comments').textContent()).toContain('（1）');
      await reviewer.getByTestId('action-return').click();
      await reviewer.getByTestId('return-reason').fill('请补充第4行的偏差原因');
      await reviewer.getByTestId('return-submit').click();
      await reviewer.locator('.ant-card [data-status="draft"]').first().waitFor();
    },
    STEP,
  );

  it(
    'the filler sees the comment on its row in the editor, fixes and resubmits',
    async () => {
      const filler = await as('filler');
      await filler.goto(`/evaluations/${id}`);
      await filler.getByTestId('editor').waitFor();
      expect(await filler.getByTestId('comments-banner').textContent()).toContain('实际完成值请附证明材料');
      expect(await filler.locator('[data-row="3"] [data-testid="row-comment"]').textContent()).toContain(
        '证明材料',
      );
      await screenshot(filler, 'year-returned');
      const before = await version(filler);
      await filler.getByLabel('第4行 偏差原因').fill('已附会议纪要作为证明材料');
      await filler.getByTestId('save').click();
      await expect.poll(() => version(filler)).toBe(before + 1);
      await filler.getByTestId('submit').click();
      const submitted = filler.locator('.ant-card [data-status="submitted"]').first();
      await confirmUntil(filler, (timeout) => submitted.waitFor({ timeout }));

      const approver = await as('approver');
      await approver.goto(`/evaluations/${id}/review`);
      await workflowStep(approver, 'approve', 'approved');
    },
    STEP,
  );

  it(
    'the reviewer accepts and publishes; an anonymous visitor finds it on 公开',
    async () => {
      const reviewer = await as('reviewer');
      await reviewer.goto(`/evaluations/${id}/review`);
      await workflowStep(reviewer, 'accept', 'accepted');
      await workflowStep(reviewer, 'publish', 'published');

      const { page: visitor } = await app.open();
      await visitor.goto('/public');
      const link = visitor.locator(`a[href="/public/${id}"]`);
      await link.waitFor();
      await link.click();
      await visitor.waitForURL(new RegExp(`/public/${id}$`));
      await visitor.getByText(UNIT).first().waitFor();
      await expect.poll(() => visitor.getByTestId('indicator-row').count()).toBe(21);
      expect(await visitor.getByText('已附会议纪要作为证明材料').count()).toBeGreaterThan(0);
      await screenshot(visitor, 'year-public');
    },
    STEP,
  );
});
