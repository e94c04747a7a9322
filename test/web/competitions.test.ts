// Federation calendars in the browser: a country admin creates a competition, a second one with the
// same name and date raises the duplicate warning, "Create anyway" creates it, and the calendar shows
// both with a Subscribe link to the country's iCalendar feed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { browserAvailable, openSession, type Session } from './browser.ts';

describe.skipIf(!browserAvailable)('competitions in the browser', () => {
  let server: TestServer;
  let browser: Session;
  const year = new Date().getUTCFullYear();

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

  it('shows the calendar as a month and as a list, filtered by country and dates', async () => {
    const { page } = browser;
    await page.goto(`/competitions?view=month&month=${year}-07`);
    const month = page.getByRole('table', { name: `Competitions in July ${year}` });
    await month.getByText('British', { exact: false }).first().waitFor();
    await browser.check('competitions-month');

    await page.getByRole('button', { name: 'List' }).click();
    await page.getByLabel('From').fill(`${year}-01-01`);
    await page.getByLabel('To').fill(`${year + 1}-12-31`);
    const rows = page.getByRole('table', { name: 'Competitions' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(8);
    await page.getByLabel('Country (IOC code)').fill('nor');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Bislett Games'), expect.stringContaining('Norwegian Cross Country Cup')]);
    expect(await page.getByTestId('subscribe').getAttribute('href')).toBe('/calendar/nor.ics');
    await page.getByLabel('Country (IOC code)').fill('');
    expect(await page.getByTestId('subscribe').getAttribute('href')).toBe('/calendar/european.ics');
    await browser.check('competitions-list');
  });

  it('a country admin creates a competition, is warned of a duplicate, and creates it anyway', async () => {
    const { page } = browser;
    await browser.signIn('carol', 'carol-password');
    await page.goto('/competitions');
    await page.getByRole('link', { name: 'New competition' }).click();
    const day = `${year + 1}-05-16`;
    const fill = async () => {
      await page.getByLabel('Name', { exact: true }).fill('Manchester Open');
      await page.getByLabel('First day').fill(day);
      await page.getByLabel('City').fill('Manchester');
    };
    await fill();
    // A federation admin of one country only gets that country.
    expect(await page.getByLabel('Country').inputValue()).toBe('GBR');
    expect(await page.getByLabel(/^Slug/).inputValue()).toBe(`manchester-open-${year + 1}`);
    await browser.check('competition-new');
    await page.getByRole('button', { name: 'Create competition' }).click();
    const rows = page.getByRole('table', { name: 'Competitions' }).locator('tbody tr');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Manchester Open')]);

    await page.getByRole('link', { name: 'New competition' }).click();
    await fill();
    await page.getByRole('button', { name: 'Create competition' }).click();
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`slug manchester-open-${year + 1}`);
    expect(await page.getByLabel(/^Slug/).inputValue()).toBe(`manchester-open-${year + 1}-2`);
    await browser.check('competition-duplicate');
    await page.getByRole('button', { name: 'Create anyway' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Manchester Open'), expect.stringContaining('Manchester Open')]);
    expect(await page.getByTestId('subscribe').getAttribute('href')).toBe('/calendar/gbr.ics');
    // The feed behind the Subscribe link has both.
    const feed = await page.evaluate(async () => (await fetch('/calendar/gbr.ics')).text());
    expect(feed.match(/SUMMARY:Manchester Open/g)).toHaveLength(2);

    // Both are in the database, the second under its own slug.
    const stored = await server.database.db.selectFrom('competitions').select('slug').where('full_name', '=', 'Manchester Open').orderBy('slug').execute();
    expect(stored.map((s) => s.slug)).toEqual([`manchester-open-${year + 1}`, `manchester-open-${year + 1}-2`]);

    // Editing offers only the countries Carol administers.
    await page.getByRole('link', { name: 'Edit' }).first().click();
    await page.getByLabel('Country').waitFor();
    expect(await page.getByLabel('Country').locator('option').allTextContents()).toEqual(['GBR']);
  });
});
