// The console as a whole: keyboard sign-in with errors said as sentences, deep links served by the
// gateway, a phone-sized screen, and GraphiQL at /graphql, all without any request to another host.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { browserAvailable, openSession, type Session } from './browser.ts';

describe.skipIf(!browserAvailable)('the console in the browser', () => {
  let server: TestServer;
  let browser: Session;

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.database.db);
    browser = await openSession(server.url);
  });

  // Every page loads only from the gateway, and runs without uncaught errors.
  afterEach(() => {
    expect(browser.external, 'requests to other hosts').toEqual([]);
    expect(browser.pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in and out with the keyboard alone; a wrong password is said as a sentence', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Gantry console' }).waitFor();
    await browser.check('home-anonymous');
    await page.goto('/signin?next=/projects');
    await page.getByLabel('Name or email').focus();
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong-password');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Not signed in. You need to sign in to do this. The name/email or password is not right.');
    await browser.check('sign-in-error');

    await page.getByLabel('Password').fill('alice-password');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/projects');
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('alice');

    // The session survives a reload (token in localStorage) and ends with Sign out.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome, Alice Owner' }).waitFor();
    await browser.check('home');
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Gantry console' }).waitFor();
    expect(await page.evaluate(`localStorage.getItem('gantry.token')`)).toBeNull();
  });

  it('serves deep links to client-side pages, and says when a page or project does not exist', async () => {
    const { page } = browser;
    const project = await server.database.db.selectFrom('projects').select('id').where('short_name', '=', 'galaxyzoo').executeTakeFirstOrThrow();
    const response = await page.goto(`/projects/${project.id}`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Galaxy Zoo Lite' }).waitFor();
    expect(await page.getByTestId('progress').textContent()).toBe('3 of 10 tasks completed · 9 answers received');
    await browser.check('project');

    await page.goto('/projects/999999');
    await page.getByRole('heading', { level: 1, name: 'Project not found' }).waitFor();
    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.goto('/api-secret');
    await page.getByText('You need to sign in to see this page.').waitFor();
  });

  it('fits a phone screen: no page scrolls sideways', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 375, height: 740 });
    try {
      await browser.signIn('admin', 'admin-password');
      for (const [path, ready] of [
        ['/', 'Welcome, Ada Admin'],
        ['/projects', 'Projects'],
        ['/competitions?view=month', 'Competitions'],
        ['/api-keys', 'API keys'],
        ['/api-test', 'API test'],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: ready }).waitFor();
        await page.waitForLoadState('networkidle');
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
        expect(overflow, `${path} is wider than the phone screen`).toBeLessThanOrEqual(0);
        if (path === '/projects') await browser.check('projects-phone');
        if (path.startsWith('/competitions')) await browser.check('competitions-phone');
      }
      await browser.signOut();
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('opens GraphiQL from local files at /graphql, while API clients still get JSON there', async () => {
    const { page } = browser;
    const introspection = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('IntrospectionQuery'));
    const response = await page.goto('/graphql');
    expect(response?.headers()['content-type']).toContain('text/html');
    await page.locator('.graphiql-container').waitFor();
    expect((await introspection).status()).toBe(200);
    await page.locator('.graphiql-query-editor').getByText('projectsConnection').waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 10_000 }).toContain('"totalCount": 3');
    await browser.check('graphiql', { axe: false });

    const api = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ server { version } }')}`, { headers: { accept: 'application/json' } });
    expect(api.headers.get('content-type')).toContain('application/json');
    expect(((await api.json()) as any).data.server.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
