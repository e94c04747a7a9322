// Rotating secrets in the browser: an owner makes a new project secret key on the project page, a
// user a new PYBOSSA API key on "My API secret"; each new value is shown once and is the one in force.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { browserAvailable, openSession, type Session } from './browser.ts';

describe.skipIf(!browserAvailable)('rotating secrets in the browser', () => {
  let server: TestServer;
  let browser: Session;

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.database.db);
    browser = await openSession(server.url);
    // Both buttons ask first.
    browser.page.on('dialog', (dialog) => void dialog.accept());
  });
  afterEach(() => {
    expect(browser.external, 'requests to other hosts').toEqual([]);
    expect(browser.pageErrors, 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const db = () => server.database.db;

  it("an owner makes a new project secret key; the old one is gone", async () => {
    const project = await db().selectFrom('projects').select(['id', 'secret_key']).orderBy('id').executeTakeFirstOrThrow();
    await browser.signIn('alice', 'alice-password');
    await browser.page.goto(`/projects/${project.id}`);
    await browser.page.getByRole('button', { name: 'Make a new secret key' }).click();
    const shown = (await browser.page.getByTestId('project-secret').textContent())!.trim();
    const now = await db().selectFrom('projects').select('secret_key').where('id', '=', project.id).executeTakeFirstOrThrow();
    expect(shown).toBe(now.secret_key);
    expect(shown).not.toBe(project.secret_key);
    await browser.check('project-secret');
  });

  it('a user makes a new API key on My API secret', async () => {
    const before = await db().selectFrom('users').select('api_key').where('name', '=', 'alice').executeTakeFirstOrThrow();
    await browser.page.goto('/api-secret');
    await browser.page.getByRole('button', { name: 'Make a new API key' }).click();
    const shown = (await browser.page.getByTestId('api-key').textContent())!.trim();
    const after = await db().selectFrom('users').select('api_key').where('name', '=', 'alice').executeTakeFirstOrThrow();
    expect(shown).toBe(after.api_key);
    expect(shown).not.toBe(before.api_key);
    await browser.check('api-key');
  });
});
