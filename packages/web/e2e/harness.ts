/**
 * End-to-end harness: a real server process (the demo data on a fresh SQLite database, or on
 * PostgreSQL) serving the production build of the pages, and Debian's Chromium driven by
 * playwright-core. Screenshots go to .test-results/screenshots/ (CI artefacts) and, when
 * JIXIAO_SCREENSHOTS=docs, also to docs/screenshots/ for the README.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  type ServerProcess,
  STARTUP_TIMEOUT,
  startServerProcess,
  type TestDatabase,
} from '@jixiao/server/testing';
import { type Browser, type BrowserContext, chromium, type Download, type Page } from 'playwright-core';

export { STARTUP_TIMEOUT };

export const DEMO_PASSWORD = 'jixiao-demo';
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHOTS = join(REPO_ROOT, '.test-results', 'screenshots');
const DOC_SHOTS = join(REPO_ROOT, 'docs', 'screenshots');

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let built = false;
/** Builds the pages once per test process when the build is missing or older than the sources. */
function ensureBuild(): void {
  if (built) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'ensure-web-build.mjs')], { stdio: 'inherit' });
  built = true;
}

export interface E2eApp {
  url: string;
  browser: Browser;
  database: TestDatabase;
  server: ServerProcess;
  /** a new browser window (own cookies), 1366×768, signed in as `username` when given */
  open(username?: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startApp(options: { dialect?: 'sqlite' | 'postgres' } = {}): Promise<E2eApp> {
  ensureBuild();
  const database = await createTestDatabase(options.dialect ?? 'sqlite');
  const server = await startServerProcess(database, { demo: true });
  const browser = await chromium.launch({
    executablePath: process.env.JIXIAO_CHROMIUM ?? '/usr/bin/chromium',
    args: LAUNCH_ARGS,
    headless: true,
  });
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    browser,
    database,
    server,
    async open(username?: string) {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
        baseURL: server.url,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      if (username) await login(page, username);
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
      await database.drop();
    },
  };
}

/** Signs in through the login page, as a person would. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
}

/** Saves a full-page screenshot as a test artefact (and in docs/screenshots/ on request). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.JIXIAO_SCREENSHOTS === 'docs') {
    mkdirSync(DOC_SHOTS, { recursive: true });
    copyFileSync(file, join(DOC_SHOTS, `${name}.png`));
  }
  return file;
}

/**
 * Chinese rendered as glyphs, not boxes: with no CJK font every character is drawn as the same
 * missing-glyph box, so each character of `text` is drawn with the page's font and the pictures
 * must all differ from one another (and not be blank).
 */
export async function rendersChinese(page: Page, text = '绩效自评'): Promise<boolean> {
  return page.evaluate((sample) => {
    const font = `24px ${getComputedStyle(document.body).fontFamily}`;
    const pictures = [...sample].map((ch) => {
      const canvas = document.createElement('canvas');
      canvas.width = 32;
      canvas.height = 32;
      const ctx = canvas.getContext('2d');
      if (!ctx) return '';
      ctx.font = font;
      ctx.fillStyle = '#000';
      ctx.fillText(ch, 2, 26);
      const alpha = ctx.getImageData(0, 0, 32, 32).data.filter((_, i) => i % 4 === 3);
      return alpha.some((a) => a > 0) ? alpha.join(',') : '';
    });
    return pictures.every((p) => p !== '') && new Set(pictures).size === pictures.length;
  }, text);
}

/**
 * The people of a story: one window each, opened (signed in) on first use and kept for the
 * rest of it; `screenshots(prefix)` saves what every window shows (for a failed step).
 */
export function cast(app: () => E2eApp, stepTimeout = 45_000) {
  const pages: Record<string, Page> = {};
  return {
    async as(user: string): Promise<Page> {
      if (!pages[user]) {
        const { page } = await app().open(user);
        // the machine running the suite may be busy: allow for slow steps
        page.setDefaultTimeout(stepTimeout);
        pages[user] = page;
      }
      return pages[user] as Page;
    },
    async screenshots(prefix: string): Promise<void> {
      for (const [user, page] of Object.entries(pages)) {
        await screenshot(page, `${prefix}-${user}`).catch(() => {});
      }
    },
  };
}

/**
 * Presses a workflow button on the review page, confirms it and waits for the new status. On a
 * loaded machine a click can land while the page is still settling after a load and the
 * confirmation stays open; it is pressed again then (a second request would only be refused).
 */
export async function workflowStep(page: Page, action: string, status: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.getByTestId(`action-${action}`).click();
  const reached = page.locator(`.ant-card [data-status="${status}"]`).first();
  await confirmUntil(page, (timeout) => reached.waitFor({ timeout }));
}

/**
 * Presses OK on the open confirmation until `reached` holds (given how long to wait each time),
 * pressing again while the confirmation is still open, as workflowStep does.
 */
export async function confirmUntil(
  page: Page,
  reached: (timeout: number) => Promise<unknown>,
): Promise<void> {
  const confirm = page.locator('.ant-modal-confirm .ant-btn-primary');
  for (let attempt = 0; ; attempt++) {
    await confirm.click();
    try {
      await reached(15_000);
      return;
    } catch (e) {
      if (attempt >= 2 || !(await confirm.isVisible())) throw e;
    }
  }
}

/**
 * Downloads an export through the page's 导出 menu. The menu opens on hover; the link is then
 * activated directly, because on a loaded machine a pointer click can land while the menu is
 * still fading in or out.
 */
export async function downloadExport(page: Page, format: string): Promise<Download> {
  await page
    .getByRole('button', { name: /导\s*出/ })
    .first()
    .hover();
  const link = page.locator(`a[data-format="${format}"]`).first();
  await link.waitFor({ state: 'attached' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    link.evaluate((a) => (a as HTMLAnchorElement).click()),
  ]);
  return download;
}

/** A request from inside the signed-in page (its cookie and its CSRF token), for set-up and checks. */
export async function call<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/me')).json();
      const r = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: r.status === 204 ? null : await r.json() };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;
}
