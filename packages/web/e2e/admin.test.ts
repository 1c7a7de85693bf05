/**
 * Statistics and administration in Chromium: the statistics page draws its charts and its
 * tables show the same counts as GET /api/dashboard; the administrator creates a unit and a
 * user, who can then sign in, and finds it in the audit trail.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, login, STARTUP_TIMEOUT, screenshot, startApp } from './harness.ts';

interface Dashboard {
  total: number;
  byGrade: Record<string, number>;
  findingsByRule: { code: string; severity: string; count: number }[];
  units: { unitName: string; count: number }[];
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
}

/** The table's rows as their cells' text. */
async function tableRows(page: Page, testId: string): Promise<string[][]> {
  const table = page.getByTestId(testId);
  await table.locator('tbody tr').first().waitFor();
  return table
    .locator('tbody tr.ant-table-row')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
}

describe('statistics and administration in Chromium', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);

  it('draws the charts, and the table view shows the counts of GET /api/dashboard', {
    timeout: 120_000,
  }, async () => {
    const { page } = await app.open('reviewer');
    page.setDefaultTimeout(30_000);
    const newest = await getJson<{ items: { year: number }[] }>(
      page,
      '/api/evaluations?stage=self-evaluation&pageSize=1',
    );
    const year = newest.items[0]?.year as number;
    const dashboard = await getJson<Dashboard>(page, `/api/dashboard?year=${year}`);
    expect(dashboard.total).toBeGreaterThan(0);

    await page.goto(`/stats?year=${year}`);
    await page.getByTestId('summary').waitFor();
    await expect.poll(() => page.locator('[data-testid="chart"] canvas').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('summary-total').locator('.ant-statistic-content').textContent()).toBe(
      String(dashboard.total),
    );
    await page.waitForTimeout(500); // let the charts finish their entry animation for the picture
    await screenshot(page, 'stats');

    await page.getByTestId('view-all').getByText('表格').click();
    await page.getByTestId('table-grades').waitFor();
    expect(await page.locator('[data-testid="chart"] canvas').count()).toBe(0);

    // Grades: each row's count for this year (the third cell) is the dashboard's.
    const grades = await tableRows(page, 'table-grades');
    // (a grade only last year had shows 0 for this year; the dashboard leaves it out)
    const shown = grades.filter((r) => Number(r[2]) > 0 || (r[0] as string) in dashboard.byGrade);
    expect(Object.fromEntries(shown.map((r) => [r[0], Number(r[2])]))).toEqual(dashboard.byGrade);

    // Findings by rule: code → this year's count, for the rows of the first page.
    const findings = await tableRows(page, 'table-findings');
    // A rule may report at more than one severity: a row is a code at a severity.
    const severity: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
    const expected = new Map(
      dashboard.findingsByRule.map((f) => [`${f.code}:${severity[f.severity]}`, f.count]),
    );
    expect(findings.length).toBe(Math.min(15, dashboard.findingsByRule.length));
    for (const r of findings) expect(Number(r[4]), r[1]).toBe(expected.get(`${r[1]}:${r[2]}`));
    // Rules are named in Chinese (the catalogue's titles), not only by code.
    expect(findings.every((r) => /[\u4e00-\u9fa5]/.test(r[0] ?? ''))).toBe(true);

    const units = await tableRows(page, 'table-units');
    expect(Object.fromEntries(units.map((r) => [r[0], Number(r[1])]))).toEqual(
      Object.fromEntries(dashboard.units.map((u) => [u.unitName, u.count])),
    );
    await screenshot(page, 'stats-table');

    // One card back to its chart while the others stay tables.
    await page.getByTestId('chart-grades').getByText('图表').click();
    await expect.poll(() => page.locator('[data-testid="chart"] canvas').count()).toBe(1);
  });

  it('creates a unit and a user who can then sign in, and records both', { timeout: 120_000 }, async () => {
    const { page } = await app.open('admin');
    page.setDefaultTimeout(30_000);
    await page.goto('/admin');
    await page.getByTestId('unit-tree').locator('tbody tr').first().waitFor();

    await page.getByTestId('new-unit').click();
    const unitForm = page.getByTestId('unit-form');
    await unitForm.getByLabel('名称').fill('端到端测试单位');
    await unitForm.getByLabel('所属主管部门').fill('演示主管部门');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新建“端到端测试单位”。').waitFor();
    const unitRow = page.getByTestId('unit-tree').locator('tr', { hasText: '端到端测试单位' });
    await unitRow.waitFor();
    // Under its department: one level deeper in the tree.
    expect(await unitRow.locator('.ant-table-row-indent.indent-level-1').count()).toBe(1);

    await page.getByRole('tab', { name: '用户' }).click();
    await page.waitForURL(/tab=users/);
    await page.getByTestId('user-table').locator('tbody tr').first().waitFor();
    await page.getByTestId('new-user').click();
    const userForm = page.getByTestId('user-form');
    await userForm.getByLabel('用户名').fill('e2e-filler');
    await userForm.getByLabel('姓名').fill('端到端填报人');
    await userForm.getByLabel('所属单位').fill('端到端测试单位');
    await page.keyboard.press('Enter');
    await userForm.getByLabel('初始密码').fill('short');
    await userForm.getByLabel('再次输入密码').fill('short');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await userForm.getByText('密码至少 8 个字符').first().waitFor();
    await userForm.getByLabel('初始密码').fill('e2e-password-1');
    await userForm.getByLabel('再次输入密码').fill('e2e-password-1');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新建用户“e2e-filler”。').waitFor();
    const userRow = page.getByTestId('user-table').locator('tr', { hasText: 'e2e-filler' });
    await userRow.waitFor();
    expect(await userRow.textContent()).toContain('端到端测试单位');
    expect(await userRow.textContent()).toContain('单位填报人');
    await screenshot(page, 'admin');

    const newcomer = (await app.open()).page;
    await login(newcomer, 'e2e-filler', 'e2e-password-1');
    expect(await newcomer.getByTestId('current-user').textContent()).toContain('端到端测试单位');

    await page.getByRole('tab', { name: '审计记录' }).click();
    await page.getByRole('combobox', { name: '按操作筛选' }).fill('新建用户');
    await page.keyboard.press('Enter');
    await page.waitForURL(/action=user.create/);
    const first = page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first();
    await expect.poll(() => first.textContent()).toContain('e2e-filler');
  });
});
