// Browser tests drive Debian's Chromium (/usr/bin/chromium) through playwright-core: Playwright's
// own browser download is not reachable from these machines. Without the executable the tests skip
// with a message, except under CI=true, where a missing browser fails the run.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM);

if (!browserAvailable) {
  const message = `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` to run the browser tests.`;
  if (process.env.CI === 'true') throw new Error(`${message} Under CI the browser tests must not be skipped.`);
  console.warn(`SKIPPING browser tests: ${message}`);
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? fileURLToPath(new URL('../../web/test-results/screenshots/', import.meta.url));
const AXE_REPORT_DIR = fileURLToPath(new URL('../../web/test-results/axe/', import.meta.url));

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Requests that left for another origin (must stay empty). */
  external: string[];
  /** Uncaught errors in the page (must stay empty). */
  pageErrors: string[];
  /** Screenshot of the current page into SCREENSHOT_DIR/<name>.png, then (unless axe is false) an axe-core check of it. */
  check(name: string, options?: { axe?: boolean }): Promise<AxeViolation[]>;
  signIn(name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh Chromium profile per session; every test file gets its own. */
export async function openSession(baseUrl: string, options: { width?: number; height?: number } = {}): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'gantry-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    baseURL: baseUrl,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  // Generous for a loaded CI machine; a passing wait ends as soon as its condition holds.
  context.setDefaultTimeout(15_000);
  const origin = new URL(baseUrl).origin;
  const external: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.origin !== origin) external.push(request.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  mkdirSync(AXE_REPORT_DIR, { recursive: true });

  const session: Session = {
    context,
    page,
    external,
    pageErrors,
    async check(name, { axe = true } = {}) {
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      if (!axe) return [];
      // Evaluated through the DevTools protocol, so the page's script CSP does not block it.
      await page.evaluate(axeSource);
      // A string, as this runs in the page (the test's own tsconfig has no DOM types).
      const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
        result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))`)) as AxeViolation[];
      writeFileSync(join(AXE_REPORT_DIR, `${name}.json`), JSON.stringify({ page: name, url: page.url(), violations }, null, 2) + '\n');
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, `axe-core: serious or critical violations on ${name}`).toEqual([]);
      return violations;
    },
    async signIn(name, password) {
      await page.goto('/signin');
      await page.getByLabel('Name or email').fill(name);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('signed-in-as').filter({ hasText: name }).waitFor();
    },
    async signOut() {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return session;
}
