import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../../test-support/samples.ts';
import { cast, type E2eApp, STARTUP_TIMEOUT, screenshot, startApp, workflowStep } from './harness.ts';

const SEED = join(samplesDir(), 'seed-hubei-dept-2023.md');
const STEP = 120_000;

async function csrf(page: Page): Promise<string> {
  const me = await page.request.get('/api/me');
  return (await me.json()).csrfToken as string;
}

// One form's year as a story, step by step (each step starts where the previous one ended).
describe('复核: comments, return, versions, accept and publish', () => {
  let app: E2eApp;
  let id = '';
  let review = '';
  const people = cast(() => app);
  const as = people.as;

  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);
  // what each window showed when a step failed, beside the other screenshots
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await people.screenshots('failed-review');
  });

  it(
    'the filler imports the seed file and submits it from the review page',
    async () => {
      const filler = await as('filler');
      // the import page has its own test; here the form only needs to exist
      const imported = await filler.request.post('/api/evaluations/import', {
        headers: { 'X-CSRF-Token': await csrf(filler) },
        multipart: {
          file: { name: 'seed-hubei-dept-2023.md', mimeType: 'text/markdown', buffer: readFileSync(SEED) },
        },
      });
      expect(imported.status()).toBe(201);
      id = (await imported.json()).files[0].forms[0].id;
      review = `/evaluations/${id}/review`;
      await filler.goto(review);
      await filler.getByTestId('indicator-row').first().waitFor();
      expect(await filler.getByTestId('indicator-row').count()).toBe(21);
      expect(await filler.getByTestId('total-differs').count()).toBe(1);
      await workflowStep(filler, 'submit', 'submitted');
    },
    STEP,
  );

  it(
    "another unit's filler gets the server's Chinese refusal",
    async () => {
      const other = await as('filler2');
      await other.goto(review);
      const text = await other.getByTestId('review-error').textContent();
      expect(text).toMatch(/[\u4e00-\u9fa5]{4}/);
    },
    STEP,
  );

  it(
    'the approver approves',
    async () => {
      const approver = await as('approver');
      await approver.goto(review);
      await workflowStep(approver, 'approve', 'approved');
    },
    STEP,
  );

  it(
    'the reviewer comments on a row and returns the form with a reason',
    async () => {
      const reviewer = await as('reviewer');
      await reviewer.goto(review);
      await reviewer.getByTestId('comment-btn-indicators[3]').click();
      await reviewer.getByTestId('comment-input').fill('实际完成值请附证明材料');
      await reviewer.getByTestId('comment-submit').click();
      await expect
        .poll(() => reviewer.getByTestId('tab-comments').textContent(), { timeout: 45_000 })
        .toContain('（1）');
      // a finding moves to its row
      await reviewer.locator('[data-testid="findings"] [data-path^="indicators["]').first().click();
      await expect.poll(() => reviewer.locator('tr.ev-highlight').count(), { timeout: 45_000 }).toBe(1);

      await reviewer.getByTestId('action-return').click();
      expect(await reviewer.getByTestId('return-session-comments').textContent()).toContain(
        '实际完成值请附证明材料',
      );
      await reviewer.getByTestId('return-submit').click();
      await expect
        .poll(() => reviewer.locator('.ant-modal').getByRole('alert').textContent(), { timeout: 45_000 })
        .toContain('请填写退回原因');
      await reviewer.getByTestId('return-reason').fill('请补充第4行的证明材料并填写改进措施');
      await reviewer.getByTestId('return-submit').click();
      await reviewer.locator('.ant-card [data-status="draft"]').first().waitFor();
    },
    STEP,
  );

  it(
    'the filler sees the comment and the reason, fixes the form and submits again',
    async () => {
      const filler = await as('filler');
      await filler.goto(review);
      await filler.getByTestId('tab-comments').click();
      await filler.getByTestId('comments').waitFor();
      const comments = await filler.getByTestId('comments').textContent();
      expect(comments).toContain('实际完成值请附证明材料');
      expect(comments).toContain('第4行');
      expect(comments).toContain('请补充第4行的证明材料并填写改进措施');
      expect(
        await filler
          .locator('.ant-badge', { has: filler.getByTestId('comment-btn-indicators[3]') })
          .textContent(),
      ).toContain('1');

      const current = await (await filler.request.get(`/api/evaluations/${id}`)).json();
      const doc = current.evaluation;
      doc.improvementPlan = '加强项目前期论证，按季度跟踪绩效目标完成情况。';
      doc.totalReported = 92;
      const saved = await filler.request.put(`/api/evaluations/${id}`, {
        headers: { 'X-CSRF-Token': await csrf(filler), 'If-Match': `"v${current.version}"` },
        data: doc,
      });
      expect(saved.status()).toBe(200);
      await filler.reload();
      await workflowStep(filler, 'submit', 'submitted');
      const approver = await as('approver');
      await approver.goto(review);
      await workflowStep(approver, 'approve', 'approved');
    },
    STEP,
  );

  it(
    'the reviewer sees what changed between the versions, accepts and publishes',
    async () => {
      const reviewer = await as('reviewer');
      await reviewer.goto(review);
      await reviewer.getByTestId('diff').waitFor();
      const places = (await reviewer.getByTestId('diff-place').allTextContents()).join('|');
      expect(places).toContain('改进措施及结果应用方案');
      expect(places).toContain('总分');
      await reviewer.getByTestId('diff').scrollIntoViewIfNeeded();
      await screenshot(reviewer, 'review-diff');

      await workflowStep(reviewer, 'accept', 'accepted');
      await workflowStep(reviewer, 'publish', 'published');
      await reviewer.evaluate(() => window.scrollTo(0, 0));
      await screenshot(reviewer, 'review');

      await reviewer.getByTestId('tab-audit').click();
      // the table first shows its empty row (暂无数据) while the trail loads: wait for the events
      const table = reviewer.getByTestId('audit-table');
      await expect.poll(() => table.textContent()).toContain('退回');
      const audit = await table.textContent();
      for (const word of ['退回', '复核通过', '公开', '批注']) expect(audit).toContain(word);
    },
    STEP,
  );

  it(
    'an anonymous visitor finds it on 公开 and opens it',
    async () => {
      const visitor = (await app.open()).page;
      visitor.setDefaultTimeout(45_000);
      await visitor.goto(`/public?unit=${encodeURIComponent('光谷现代服务业园建设服务中心')}`);
      await visitor.locator(`[data-testid="public-row"][data-id="${id}"] a`).click();
      await visitor.waitForURL(new RegExp(`/public/${id}$`));
      await visitor.getByTestId('indicator-row').first().waitFor();
      expect(await visitor.getByTestId('indicator-row').count()).toBe(21);
      expect(await visitor.getByTestId('narrative-improvementPlan').textContent()).toContain(
        '加强项目前期论证',
      );
    },
    STEP,
  );

  it(
    'targets first: the unit declares, the reviewer approves the targets and decides an adjustment',
    async () => {
      const filler = await as('filler');
      const token = await csrf(filler);
      const list = await (await filler.request.get('/api/evaluations?stage=targets')).json();
      const approved = list.items.find((e: { status: string }) => e.status === 'approved');
      expect(approved).toBeTruthy();
      const targets = await (await filler.request.get(`/api/evaluations/${approved.id}`)).json();

      // a new declaration for another year, declared from its review page
      const draft = { ...targets.evaluation, year: 2025 };
      const created = await filler.request.post('/api/evaluations?stage=targets', {
        headers: { 'X-CSRF-Token': token },
        data: draft,
      });
      expect(created.status()).toBe(201);
      const declarationId = (await created.json()).id;
      await filler.goto(`/evaluations/${declarationId}/review`);
      await workflowStep(filler, 'declare', 'declared');

      const reviewer = await as('reviewer');
      await reviewer.goto(`/evaluations/${declarationId}/review`);
      await reviewer.getByTestId('action-approveTargets').waitFor();
      expect(await reviewer.getByTestId('action-return').count()).toBe(1);
      await workflowStep(reviewer, 'approveTargets', 'approved');

      // an adjustment (目标调整) of the demo's approved targets, decided by the reviewer
      const changed = structuredClone(targets.evaluation);
      changed.indicators[0].target.raw = '≥10次';
      const requested = await filler.request.post(`/api/evaluations/${approved.id}/adjustments`, {
        headers: { 'X-CSRF-Token': token },
        data: { reason: '上级调整了活动安排', document: changed },
      });
      expect(requested.status()).toBe(201);
      await reviewer.goto(`/evaluations/${approved.id}/review`);
      await reviewer.getByTestId('tab-adjustments').click();
      await expect
        .poll(() => reviewer.getByTestId('tab-adjustments').textContent(), { timeout: 45_000 })
        .toContain('（1）');
      await reviewer.getByRole('button', { name: /驳\s*回/ }).click();
      await reviewer
        .locator('.ant-modal')
        .getByRole('button', { name: /驳\s*回/ })
        .click();
      await expect
        .poll(() => reviewer.locator('.ant-modal').getByRole('alert').textContent(), { timeout: 45_000 })
        .toContain('驳回时请写明理由');
      await reviewer.getByLabel('审核意见').fill('活动次数不宜减少，请维持原目标');
      await reviewer
        .locator('.ant-modal')
        .getByRole('button', { name: /驳\s*回/ })
        .click();
      await expect
        .poll(() => reviewer.getByTestId('tab-adjustments').textContent(), { timeout: 45_000 })
        .toContain('（0）');
      await reviewer.getByText('审核意见：活动次数不宜减少，请维持原目标').waitFor();
    },
    STEP,
  );
});
