/**
 * Statistics and administration in Chromium: the statistics page draws its charts and its
 * tables show the same counts as GET /api/dashboard, its units table a page of 20 units at a
 * time as the server pages them; the administrator creates a unit and a user, who can then
 * sign in, and finds it in the audit trail.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type E2eApp, login, STARTUP_TIMEOUT, screenshot, startApp } from './harness.ts';

interface DashboardUnit {
  unitId: string;
  unitName: string;
  count: number;
  averageTotal: number | null;
  errors: number;
  warnings: number;
}

interface Dashboard {
  total: number;
  byGrade: Record<string, number>;
  findingsByRule: { code: string; severity: string; count: number }[];
  errors: number;
  warnings: number;
  unitsTotal: number;
  units: DashboardUnit[];
}

async function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
}

/** A summary figure as shown. */
async function statistic(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`summary-${key}`).locator('.ant-statistic-content').textContent());
}

const sum = (units: DashboardUnit[], key: 'errors' | 'warnings') => units.reduce((a, u) => a + u[key], 0);

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

    // Units: the server's first page of 20, in its order (by name), with each unit's count.
    const firstPage = await getJson<Dashboard>(page, `/api/dashboard?year=${year}&unitsPageSize=20`);
    const units = await tableRows(page, 'table-units');
    expect(units.map((r) => [r[0], Number(r[1])])).toEqual(firstPage.units.map((u) => [u.unitName, u.count]));
    // Errors and warnings are the totals of every form, which the units of all pages add up to.
    const all = await getJson<Dashboard>(page, `/api/dashboard?year=${year}&unitsPageSize=500`);
    expect(all.units.length).toBe(all.unitsTotal);
    expect(await statistic(page, 'errors')).toBe(dashboard.errors);
    expect(await statistic(page, 'warnings')).toBe(dashboard.warnings);
    expect(dashboard.errors).toBe(sum(all.units, 'errors'));
    expect(dashboard.warnings).toBe(sum(all.units, 'warnings'));
    await screenshot(page, 'stats-table');

    // One card back to its chart while the others stay tables.
    await page.getByTestId('chart-grades').getByText('图表').click();
    await expect.poll(() => page.locator('[data-testid="chart"] canvas').count()).toBe(1);
  });

  it("pages the units table on the server, with last year's figures of the units shown", {
    timeout: 180_000,
  }, async () => {
    // 23 units with a form in 2026 (the demo has none that year), each form with errors, and
    // last year's forms for two of them: more units than a page of 20, and page 1 alone does
    // not add up to the year's errors.
    const { page: admin } = await app.open('admin');
    const { page } = await app.open('reviewer');
    page.setDefaultTimeout(30_000);
    const year = 2026;
    const source = await getJson<{ items: { id: string; errorCount: number }[] }>(
      page,
      '/api/evaluations?stage=self-evaluation&hasErrors=true&pageSize=1',
    );
    const sourceId = source.items[0]?.id as string;
    expect(source.items[0]?.errorCount).toBeGreaterThan(0);
    const detail = await getJson<{ evaluation: Record<string, unknown> }>(
      page,
      `/api/evaluations/${sourceId}`,
    );
    const names = Array.from({ length: 23 }, (_, i) => `分页测试单位${String(i + 1).padStart(2, '0')}`);
    const ids = new Map<string, string>();
    for (const name of names) {
      const unit = await call<{ id: string }>(admin, 'POST', '/api/units', { name, kind: 'unit' });
      expect(unit.status, name).toBe(201);
      ids.set(name, unit.body.id);
    }
    const create = async (name: string, y: number) => {
      const r = await call<{ id: string }>(page, 'POST', `/api/evaluations?unit=${ids.get(name)}`, {
        ...detail.evaluation,
        unit: name,
        year: y,
      });
      expect(r.status, `${name} ${y}`).toBe(201);
    };
    for (const name of names) await create(name, year);
    // the last two units by name: on page 2, with a figure for last year
    for (const name of names.slice(-2)) await create(name, year - 1);

    const dashboard = await getJson<Dashboard>(page, `/api/dashboard?year=${year}&unitsPageSize=500`);
    expect(dashboard.unitsTotal).toBe(23);
    expect(dashboard.units.map((u) => u.unitName)).toEqual(names);
    const previous = await getJson<Dashboard>(page, `/api/dashboard?year=${year - 1}&unitsPageSize=500`);
    const before = new Map(previous.units.map((u) => [u.unitName, u]));

    await page.goto(`/stats?year=${year}`);
    await page.getByTestId('summary').waitFor();
    // the year's totals, more than the first page of units has
    expect(await statistic(page, 'errors')).toBe(dashboard.errors);
    expect(await statistic(page, 'warnings')).toBe(dashboard.warnings);
    expect(dashboard.errors).toBe(sum(dashboard.units, 'errors'));
    expect(dashboard.errors).toBeGreaterThan(sum(dashboard.units.slice(0, 20), 'errors'));

    await page.getByTestId('view-all').getByText('表格').click();
    // the card: antd puts the table's test id on the table, its pagination beside it
    const table = page.getByTestId('units-table');
    const shown = async () => (await tableRows(page, 'table-units')).map((r) => [r[0], Number(r[1]), r[4]]);
    const expected = (units: DashboardUnit[]) =>
      units.map((u) => {
        const b = before.get(u.unitName)?.averageTotal;
        return [u.unitName, u.count, b === null || b === undefined ? '—' : b.toFixed(2)];
      });
    expect(await shown()).toEqual(expected(dashboard.units.slice(0, 20)));
    expect(await table.locator('.ant-pagination-item').count()).toBe(2);

    await table.locator('.ant-pagination-item-2').click();
    await expect.poll(async () => (await shown())[0]?.[0]).toBe(names[20]);
    expect(await shown()).toEqual(expected(dashboard.units.slice(20)));
    expect(await table.locator('.ant-pagination-item-active').textContent()).toBe('2');
    // last year's averages are there for the units of this page
    expect((await shown()).filter((r) => r[2] !== '—').length).toBe(2);
    await screenshot(page, 'stats-units-page-2');

    await table.locator('.ant-pagination-item-1').click();
    await expect.poll(async () => (await shown())[0]?.[0]).toBe(names[0]);
    expect((await shown()).length).toBe(20);
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
