// Staff issue a race-server key, the student sets a secret, the staff API test page uploads a buggy
// with them and gets `ok`, and the student's buggy shows: the race server's three pages end to end.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { browserAvailable, openSession, type Session } from './browser.ts';

describe.skipIf(!browserAvailable)('race-server pages in the browser', () => {
  let server: TestServer;
  let browser: Session;
  /** The key staff issue to the student in the first step; the later steps use it. */
  let key = '';

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.database.db);
    const created = await server.gql(
      `mutation { createUser(input: { name: "student", fullname: "Sam Student", email: "sam@example.com", password: "student-password" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
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

  it('staff search the users, select the student and generate a key, shown in the table', async () => {
    const { page } = browser;
    await browser.signIn('admin', 'admin-password');

    // Staff: API keys page, search and multi-select.
    await page.getByRole('link', { name: 'API keys' }).first().click();
    await page.getByRole('table', { name: 'Users and their API keys' }).waitFor();
    await page.getByLabel('Search users').fill('stud');
    await expect.poll(() => page.getByRole('row').count()).toBe(2); // header + student
    await page.getByLabel('Select student').check();
    await page.getByRole('button', { name: /Generate API keys/ }).click();
    await page.getByText('New API keys for 1 user: student.').waitFor();
    key = (await page.getByTestId('key-student').textContent())!.trim();
    expect(key).toMatch(/^[0-9A-F]{16}$/);
    await browser.check('api-keys');

    // Settings page, as the administrator sees it.
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByLabel(/API_SECRET_TIME_TO_LIVE/).waitFor();
    const ttl = page.getByLabel(/API_SECRET_TIME_TO_LIVE/);
    expect(await ttl.inputValue()).toBe('3600');
    await ttl.fill('7200');
    await page.getByText('= 2 hours').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.', { exact: false }).waitFor();
    await page.getByText('changed by an administrator').waitFor();
    await browser.check('settings');
    await page.getByRole('button', { name: 'reset to default' }).click();
    await page.getByText('API_SECRET_TIME_TO_LIVE is back to its default from the environment.').waitFor();
    expect(await ttl.inputValue()).toBe('3600');
    await browser.signOut();
  });

  it('the student sets a secret, with the rules shown while typing and the expiry after saving', async () => {
    const { page } = browser;
    expect(key).not.toBe('');
    await browser.signIn('student', 'student-password');
    await page.getByRole('link', { name: 'My API secret' }).first().click();
    const secretBox = page.getByLabel('New API secret');
    await secretBox.fill('ab c');
    await expect.poll(() => page.locator('[data-rule="spaces"]').getAttribute('class')).toBe('rule-bad');
    expect(await page.getByRole('button', { name: 'Set API secret' }).isDisabled()).toBe(true);
    await secretBox.fill('abc');
    expect(await page.locator('[data-rule="length"]').getAttribute('class')).toBe('rule-bad');
    await secretBox.fill('race-day-secret');
    expect(await page.locator('[data-rule="length"]').getAttribute('class')).toBe('rule-ok');
    expect(await page.locator('[data-rule="spaces"]').getAttribute('class')).toBe('rule-ok');
    await page.getByLabel('One-time secret?').selectOption({ label: 'No: it works until it expires' });
    await page.getByRole('button', { name: 'Set API secret' }).click();
    await page.getByText(/Your API secret is set\. It is good for about 1 hour from now/).waitFor();
    await expect.poll(() => page.getByTestId('secret-status').textContent()).toMatch(/^expires /);
    // The same secret again is refused by the server, and said so.
    await secretBox.fill('race-day-secret');
    expect(await page.locator('[data-rule="different"]').getAttribute('class')).toBe('rule-bad');
    await browser.check('api-secret');
    await page.getByRole('link', { name: 'My buggy' }).first().click();
    await page.getByText('You have no buggy yet.', { exact: false }).waitFor();
    await browser.signOut();
  });

  it("the staff API test page uploads a buggy with the student's credentials, shows the raw answer, and the student's buggy shows", async () => {
    const { page } = browser;
    await browser.signIn('admin', 'admin-password');
    await page.getByRole('link', { name: 'API test' }).first().click();
    await page.getByLabel('user', { exact: true }).fill('student');
    await page.getByLabel('key', { exact: true }).fill(key);
    await page.getByLabel('secret', { exact: true }).fill('race-day-secret');
    await page.getByLabel('buggy_json').fill('{"qty_wheels": 6, "power_type": "steam", "flag_color": "#FF00FF"}');
    await page.getByRole('button', { name: 'Send request' }).click();
    const raw = page.getByTestId('raw-answer');
    await raw.waitFor();
    const answer = (await raw.textContent())!;
    expect(answer).toMatch(/^HTTP 200/);
    expect(answer).toContain('access-control-allow-origin: *');
    expect(answer).toContain('{"ok": "buggy created OK"}');
    await browser.check('api-test');

    // A wrong key gets the race server's 401, shown raw.
    await page.getByLabel('key', { exact: true }).fill('0000000000000000');
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect.poll(() => raw.textContent()).toContain('not authorised (wrong API key for this user)');
    expect(await raw.textContent()).toMatch(/^HTTP 401/);
    await browser.signOut();

    // The student's buggy shows what was uploaded.
    await browser.signIn('student', 'student-password');
    await page.getByRole('link', { name: 'My buggy' }).first().click();
    const buggy = page.getByRole('table', { name: 'Your buggy' });
    await buggy.waitFor();
    expect(await buggy.getByRole('row', { name: /Wheels/ }).textContent()).toContain('6');
    expect(await buggy.getByRole('row', { name: /^Power/ }).textContent()).toContain('steam');
    await browser.check('buggy');
  });

  it('tells a signed-in non-staff user that the staff pages are not for them', async () => {
    const { page } = browser;
    await page.goto('/api-keys');
    await page.getByRole('alert').filter({ hasText: 'This page is for staff (administrators)' }).waitFor();
    await page.goto('/settings');
    await page.getByRole('alert').filter({ hasText: 'This page is for administrators' }).waitFor();
  });
});
