/**
 * Cross-site scripting (issue 9): every text a person can type — unit, department and user
 * names made by the administrator, the form's project, goals, indicators, targets, actual values,
 * deviation notes and narratives, comments, a return reason, an imported file's name — carries a
 * script payload. Every page that shows them must show them as text (and must show them: a field
 * that silently disappears fails too), nothing from a payload may run or become an element, and
 * every export carries them inert. One server and one browser for the whole file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { samplesDir } from '../../../test-support/samples.ts';
import { downloadExport, type E2eApp, STARTUP_TIMEOUT, screenshot, startApp } from './harness.ts';

const SEED_MD = join(samplesDir(), 'seed-hubei-dept-2023.md');
const SEED_JSON = join(samplesDir(), 'seed-hubei-dept-2023.expected.json');
const PASSWORD = 'xss-password-1';
const STEP = 90_000;

const P = {
  img: `<img src=x onerror="window.__xss=(window.__xss||0)+1">`,
  script: '<script>window.__xss=1</script>',
  svg: '"><svg onload=window.__xss=1>',
  js: 'javascript:window.__xss=1',
  tpl: "{{constructor.constructor('window.__xss=1')()}}",
  long: `${'本年度项目执行情况说明，'.repeat(30)}</textarea><iframe srcdoc="<script>parent.__xss=1</script>">`,
  formula: '=HYPERLINK("http://x","y")',
};

/** What each field carries (a Chinese word first, so the texts differ from one another). */
const T = {
  department: `主管部门${P.svg}`,
  unit: `单位${P.img}`,
  filler: `填报人${P.script}`,
  approver: `负责人${P.tpl}`,
  project: `项目${P.svg}`,
  goal1: `目标一${P.img}`,
  goal2: P.js,
  goal3: `目标三${P.tpl}`,
  name0: `指标${P.script}`,
  name1: P.formula,
  name2: `满意度${P.svg}`,
  target0: `≥12次${P.img}`,
  actual3: `完成${P.script}`,
  deviation0: `偏差${P.tpl}`,
  deviationAnalysis: P.long,
  improvementPlan: `改进${P.script}`,
  improvementPlan2: `再次改进${P.img}`,
  comment: `批注${P.img}`,
  comment2: `总体意见${P.svg}`,
  reason: `退回原因${P.script}`,
  fileName: `${P.img}.md`,
};

/** Elements or links a payload would have made, had it been taken for markup. */
const INJECTED =
  'img[src="x"], [onerror], [onload], svg[onload], iframe[srcdoc], a[href^="javascript:" i], [href^="javascript:" i]';

interface Call {
  status: number;
  body: any;
}

/** A signed-in API client (session cookie of `context` + its CSRF token). */
async function signIn(context: BrowserContext, username: string, password: string) {
  const r = await context.request.post('/api/auth/login', { data: { username, password } });
  expect(r.status(), `${username} signs in`).toBe(200);
  const token = (await r.json()).csrfToken as string;
  const request: APIRequestContext = context.request;
  return async (
    method: string,
    path: string,
    data?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Call> => {
    const r = await request.fetch(path, {
      method,
      headers: { 'X-CSRF-Token': token, ...headers },
      ...(data === undefined ? {} : { data }),
    });
    const text = await r.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: r.status(), body };
  };
}

/** The canonical seed document with a payload in every text field. */
function payloadDocument(): any {
  const doc = JSON.parse(readFileSync(SEED_JSON, 'utf8'));
  doc.unit = T.unit;
  doc.project = T.project;
  doc.goals[0].text = T.goal1;
  doc.goals[1].text = T.goal2;
  doc.goals[2].text = T.goal3;
  doc.indicators[0].name = T.name0;
  doc.indicators[1].name = T.name1;
  doc.indicators[2].name = T.name2;
  doc.indicators[0].target = { raw: T.target0, op: null, value: null, unit: null, kind: 'qualitative' };
  doc.indicators[3].actual = { raw: T.actual3, op: null, value: null, unit: null, kind: 'qualitative' };
  doc.indicators[0].deviation = T.deviation0;
  doc.deviationAnalysis = T.deviationAnalysis;
  doc.improvementPlan = T.improvementPlan;
  // 80 % executed: a place of its own on the statistics' scatter chart
  doc.budget.executed = 312.608;
  doc.budget.rate = 0.8;
  return doc;
}

describe('script payloads in every text field stay text (issue 9)', () => {
  let app: E2eApp;
  let id = '';
  const dialogs: string[] = [];
  const pages: Record<string, Page> = {};
  const apis: Record<string, Awaited<ReturnType<typeof signIn>>> = {};

  /** A window of `user`, signed in through the API (the login page has its own tests). */
  const as = async (user: string) => {
    if (!pages[user]) {
      const { context, page } = await app.open();
      page.setDefaultTimeout(45_000);
      page.on('dialog', (d) => {
        dialogs.push(`${user}: ${d.message()}`);
        void d.dismiss();
      });
      // 'anonymous' stays signed out
      if (user !== 'anonymous')
        apis[user] = await signIn(context, user, user.startsWith('xss-') ? PASSWORD : 'jixiao-demo');
      pages[user] = page;
    }
    return { page: pages[user] as Page, api: apis[user] as Awaited<ReturnType<typeof signIn>> };
  };

  /** Everything the page shows as text: the rendered text and what its inputs hold. */
  const shown = (page: Page) =>
    page.evaluate(() => {
      const values = [...document.querySelectorAll('input, textarea')].map(
        (e) => (e as HTMLInputElement).value,
      );
      return `${document.body.innerText}\n${values.join('\n')}`;
    });

  /** The page shows every text of `texts`, and nothing from a payload ran or became an element. */
  async function inert(page: Page, where: string, texts: string[]) {
    await expect
      .poll(
        async () => {
          const text = await shown(page);
          return texts.filter((x) => !text.includes(x));
        },
        { timeout: 20_000 },
      )
      .toEqual([]);
    const state = await page.evaluate((selector) => {
      const w = window as unknown as { __xss?: unknown };
      return {
        xss: w.__xss ?? null,
        injected: [...document.querySelectorAll(selector)].map((e) => e.outerHTML.slice(0, 120)),
        scripts: [...document.scripts].filter((s) => s.textContent?.includes('__xss')).length,
        frames: document.querySelectorAll('iframe').length,
      };
    }, INJECTED);
    expect(state, where).toEqual({ xss: null, injected: [], scripts: 0, frames: 0 });
    expect(dialogs, where).toEqual([]);
  }

  beforeAll(async () => {
    app = await startApp();
  }, STARTUP_TIMEOUT);
  afterAll(async () => app?.close(), STARTUP_TIMEOUT);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [user, page] of Object.entries(pages))
      await screenshot(page, `failed-xss-${user}`).catch(() => {});
  });

  it(
    'set-up through the API: payload unit and users, a payload form, comments, a return, a new version, publication',
    async () => {
      const { api: admin } = await as('admin');
      const dept = await admin('POST', '/api/units', { name: T.department, kind: 'department' });
      expect(dept.status, JSON.stringify(dept.body)).toBe(201);
      const unit = await admin('POST', '/api/units', { name: T.unit, kind: 'unit', parentId: dept.body.id });
      expect(unit.status, JSON.stringify(unit.body)).toBe(201);
      for (const [username, displayName, role] of [
        ['xss-filler', T.filler, 'filler'],
        ['xss-approver', T.approver, 'approver'],
      ] as const) {
        const u = await admin('POST', '/api/users', {
          username,
          password: PASSWORD,
          displayName,
          role,
          unitId: unit.body.id,
        });
        expect(u.status, JSON.stringify(u.body)).toBe(201);
      }

      const { api: filler } = await as('xss-filler');
      const created = await filler('POST', '/api/evaluations', payloadDocument());
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      id = created.body.id;
      expect(created.body.unit.name).toBe(T.unit);
      expect(created.body.project).toBe(T.project);

      const c1 = await filler('POST', `/api/evaluations/${id}/comments`, {
        path: 'indicators[0].name',
        body: T.comment,
      });
      expect(c1.status, JSON.stringify(c1.body)).toBe(201);
      expect((await filler('POST', `/api/evaluations/${id}/submit`)).status).toBe(200);

      const { api: approver } = await as('xss-approver');
      const returned = await approver('POST', `/api/evaluations/${id}/return`, { reason: T.reason });
      expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    },
    STEP,
  );

  it(
    'workbench and editor of the returned draft show the texts as text',
    async () => {
      const { page } = await as('xss-filler');
      await page.goto('/');
      await page.getByTestId('workbench').waitFor();
      await inert(page, 'workbench', [T.filler, T.unit, T.reason]);

      await page.goto(`/evaluations/${id}`);
      await page.getByTestId('editor').waitFor();
      await inert(page, 'editor', [
        T.project,
        T.goal1,
        T.goal2,
        T.goal3,
        T.name0,
        T.name1,
        T.name2,
        T.target0,
        T.actual3,
        T.deviation0,
        T.deviationAnalysis,
        T.improvementPlan,
        T.comment,
        T.reason,
      ]);
    },
    STEP,
  );

  it(
    'a new version, submitted, approved, accepted and published',
    async () => {
      const { api: filler } = await as('xss-filler');
      const current = await filler('GET', `/api/evaluations/${id}`);
      const doc = current.body.evaluation;
      doc.improvementPlan = T.improvementPlan2;
      const saved = await filler('PUT', `/api/evaluations/${id}`, doc, {
        'If-Match': `"v${current.body.version}"`,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect((await filler('POST', `/api/evaluations/${id}/comments`, { body: T.comment2 })).status).toBe(
        201,
      );
      expect((await filler('POST', `/api/evaluations/${id}/submit`)).status).toBe(200);
      const { api: approver } = await as('xss-approver');
      expect((await approver('POST', `/api/evaluations/${id}/approve`)).status).toBe(200);
      const { api: reviewer } = await as('reviewer');
      expect((await reviewer('POST', `/api/evaluations/${id}/accept`)).status).toBe(200);
      expect((await reviewer('POST', `/api/evaluations/${id}/publish`)).status).toBe(200);
    },
    STEP,
  );

  it(
    'the import page shows a payload file name as text',
    async () => {
      const { page } = await as('xss-filler');
      await page.goto('/import');
      await page.getByTestId('import-page').waitFor();
      await page
        .locator('input[type=file]')
        .setInputFiles([{ name: T.fileName, mimeType: 'text/markdown', buffer: readFileSync(SEED_MD) }]);
      await page.getByTestId('parse').click();
      await page.getByTestId('import-form').waitFor();
      await inert(page, 'import', [T.fileName, T.unit]);

      await page.goto('/evaluations');
      await page.getByTestId('evaluation-table').waitFor();
      await inert(page, 'list', [T.unit, T.project]);
    },
    STEP,
  );

  it(
    'the review page, all its tabs, shows the texts as text',
    async () => {
      const { page } = await as('reviewer');
      await page.goto(`/evaluations/${id}/review`);
      await page.getByTestId('review-page').waitFor();
      await inert(page, 'review: findings', [
        T.unit,
        T.project,
        T.goal1,
        T.goal2,
        T.name0,
        T.name1,
        T.target0,
        T.actual3,
        T.improvementPlan2,
      ]);
      await page.getByTestId('tab-comments').click();
      await page.getByTestId('comments').waitFor();
      await inert(page, 'review: comments', [T.comment, T.comment2, T.reason, T.filler, T.approver]);
      await screenshot(page, 'xss-review');

      await page.getByTestId('tab-versions').click();
      await page.getByTestId('diff').waitFor();
      await inert(page, 'review: versions', [T.improvementPlan, T.improvementPlan2, T.filler]);
      await page.getByTestId('tab-audit').click();
      await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
      await inert(page, 'review: audit', [T.improvementPlan2, T.reason]);
    },
    STEP,
  );

  it(
    'the public list and view show the texts as text',
    async () => {
      const { page } = await as('anonymous');
      await page.goto(`/public?unit=${encodeURIComponent(T.unit)}`);
      await page.locator(`[data-testid="public-row"][data-id="${id}"]`).waitFor();
      await inert(page, 'public list', [T.unit, T.project]);
      await page.goto(`/public/${id}`);
      await page.getByTestId('public-view').waitFor();
      await inert(page, 'public view', [
        T.unit,
        T.project,
        T.goal1,
        T.goal2,
        T.goal3,
        T.name0,
        T.name1,
        T.name2,
        T.target0,
        T.actual3,
        T.deviation0,
        T.deviationAnalysis,
        T.improvementPlan2,
      ]);
    },
    STEP,
  );

  it(
    'administration (units, users, audit) and statistics show the names as text',
    async () => {
      const { page } = await as('admin');
      await page.goto('/admin');
      await page.getByTestId('unit-tree').locator('tbody tr').first().waitFor();
      await inert(page, 'admin: units', [T.department, T.unit]);
      await page.goto('/admin?tab=users');
      await page.getByTestId('user-table').locator('tbody tr').first().waitFor();
      await inert(page, 'admin: users', [T.filler, T.approver, T.unit]);
      await page.goto('/admin?tab=audit');
      await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
      await inert(page, 'admin: audit', [T.unit]);

      const { page: reviewer } = await as('reviewer');
      await reviewer.goto('/stats?year=2023');
      await reviewer.getByTestId('summary').waitFor();
      await expect.poll(() => reviewer.locator('[data-testid="chart"] canvas').count()).toBeGreaterThan(0);
      // the scatter's tooltip is HTML: move over the chart until it shows the payload form
      const form = await apis.reviewer?.('GET', `/api/evaluations/${id}`);
      expect(await hoverScatter(reviewer, form?.body.total), 'the tooltip of the payload form').toContain(
        '项目">',
      );
      await inert(reviewer, 'stats: charts', []);
      await reviewer.getByTestId('view-all').getByText('表格').click();
      await reviewer.getByTestId('table-units').waitFor();
      await inert(reviewer, 'stats: tables', [T.unit, T.project]);
    },
    STEP,
  );

  it(
    'the HTML pages are served with a Content-Security-Policy that forbids inline script',
    async () => {
      const { page } = await as('reviewer');
      for (const path of ['/', '/login', '/public', `/public/${id}`, `/evaluations/${id}/review`, '/stats']) {
        const r = await page.request.get(path);
        expect(r.status(), path).toBe(200);
        expect(r.headers()['content-type'], path).toContain('text/html');
        const csp = r.headers()['content-security-policy'] ?? '';
        const script = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
        expect(script, `${path}: ${csp}`).toContain("'self'");
        expect(script, path).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
        expect(csp, path).toContain("object-src 'none'");
      }
    },
    STEP,
  );

  it(
    'every export carries the payloads inert, with a correctly encoded file name',
    async () => {
      const { page } = await as('reviewer');
      const dir = mkdtempSync(join(tmpdir(), 'jixiao-xss-'));
      /** The export as a file, after checking its download name (RFC 6266 / 5987). */
      const download = async (format: string) => {
        const r = await page.request.get(`/api/evaluations/${id}/export?format=${format}`);
        expect(r.status(), format).toBe(200);
        const disposition = r.headers()['content-disposition'] ?? '';
        // after UTF-8'' only attr-chars and %XX: ' ( ) * must be encoded too, or browsers drop it
        const m = /filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(disposition);
        expect(m, disposition).not.toBeNull();
        expect(decodeURIComponent(m?.[1] ?? '')).toBe(`2023-${T.unit}-${T.project}.${format}`);
        const file = join(dir, `export.${format}`);
        writeFileSync(file, await r.body());
        return { file, text: readFileSync(file, 'utf8') };
      };

      // html: payloads only as escaped text
      const { text: html } = await download('html');
      for (const raw of ['<img src=x', '<script>window', '<svg onload', '<iframe srcdoc', '__xss=1</script>'])
        expect(html, raw).not.toContain(raw);
      expect(html).toContain('&lt;img src=x onerror=');
      expect(html).toContain('&lt;/textarea&gt;&lt;iframe srcdoc=');

      // json: the canonical document, texts unchanged
      const json = JSON.parse((await download('json')).text);
      expect(json.improvementPlan).toBe(T.improvementPlan2);
      expect(json.indicators[0].name).toBe(T.name0);

      // md: the texts, but `<` escaped so a Markdown viewer renders no tag
      const { text: md } = await download('md');
      expect(md).not.toMatch(/(^|[^\\])<(img|script|svg|iframe)\b/im);
      expect(md).toContain('单位\\<img src=x onerror=');

      // csv: formula-like cell neutralised as the writers' own tests expect
      const { text: csv } = await download('csv');
      expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);

      // xlsx: a string cell, never a formula
      const { file: xlsx } = await download('xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx);
      const cells: ExcelJS.Cell[] = [];
      book.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((c) => {
            if (String(c.value).includes('HYPERLINK')) cells.push(c);
          }),
        ),
      );
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(execFileSync('unzip', ['-p', xlsx, 'xl/worksheets/*.xml']).toString()).not.toContain('<f>');

      // docx: escaped in the document's XML
      const docx = execFileSync('unzip', [
        '-p',
        (await download('docx')).file,
        'word/document.xml',
      ]).toString();
      expect(docx).toContain('&lt;img src=x');
      expect(docx).not.toContain('<img src=x');

      // pdf: the payload as literal text
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', (await download('pdf')).file, '-']).toString();
      // (a table cell wraps onto several lines: long payloads are compared up to the cell's edge)
      const flat = (s: string) => s.replace(/\s+/g, '');
      for (const literal of [
        `单位名称：${T.unit}`,
        T.goal2,
        '指标<script>window.__xss=1</scrip',
        '</textarea><iframe srcdoc="<script>parent.__xss=',
      ])
        expect(flat(text), literal).toContain(flat(literal));
      rmSync(dir, { recursive: true, force: true });

      // the browser takes the Chinese name from filename* (not the ASCII fallback "evaluation.md")
      await page.goto(`/evaluations/${id}/review`);
      await page.getByTestId('review-page').waitFor();
      const saved = await downloadExport(page, 'md');
      expect(saved.suggestedFilename()).toMatch(/^2023-单位.*\.md$/);
    },
    STEP,
  );
});

/**
 * Moves the mouse along the scatter chart's row of the payload form's total until its tooltip
 * (HTML that ECharts writes into the page) shows that form. The chart's grid leaves 36 px above
 * and 44 px below the plot, whose y axis runs from 0 to 100.
 */
async function hoverScatter(page: Page, total: number): Promise<string> {
  const chart = page.getByTestId('chart-scatter').getByTestId('chart');
  const box = await chart.boundingBox();
  if (!box) throw new Error('the scatter chart is not on the page');
  const y = box.y + 36 + (1 - total / 100) * (box.height - 80);
  const tip = chart.locator(':scope > div:nth-child(2)');
  for (let x = box.x + 40; x < box.x + box.width - 10; x += 4) {
    await page.mouse.move(x, y);
    if ((await tip.count()) > 0 && (await tip.innerText()).includes('项目">')) return tip.innerText();
  }
  return '';
}
