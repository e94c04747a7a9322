// Projects in the browser: cursors ("load more"), search and category filter; an owner creates a
// project and imports tasks from a CSV file; a volunteer answers until none is left; results show.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { browserAvailable, openSession, type Session } from './browser.ts';

const EXTRA_PROJECTS = 12;

describe.skipIf(!browserAvailable)('projects in the browser', () => {
  let server: TestServer;
  let browser: Session;
  /** The project the owner creates; the volunteer answers its tasks next. */
  let projectUrl = '';

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.database.db);
    const { db } = server.database;
    const alice = await db.selectFrom('users').select('id').where('name', '=', 'alice').executeTakeFirstOrThrow();
    const science = await db.selectFrom('categories').select('id').where('short_name', '=', 'science').executeTakeFirstOrThrow();
    await db
      .insertInto('projects')
      .values(
        Array.from({ length: EXTRA_PROJECTS }, (_, i) => ({
          name: `Survey ${String(i + 1).padStart(2, '0')}`,
          short_name: `survey-${i + 1}`,
          description: `Count the stones in field ${i + 1}.`,
          long_description: '',
          owner_id: alice.id,
          owners_ids: [alice.id],
          category_id: science.id,
          published: true,
          info: '{}',
        })),
      )
      .execute();
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

  it('lists projects ten at a time, loads more through the cursor, searches and filters by category', async () => {
    const { page } = browser;
    await page.goto('/projects');
    const cards = page.locator('.project-card');
    await page.getByText(`${3 + EXTRA_PROJECTS} projects`).waitFor();
    expect(await cards.count()).toBe(10);
    await browser.check('projects');
    await page.getByRole('button', { name: 'Load more projects' }).click();
    await expect.poll(() => cards.count()).toBe(3 + EXTRA_PROJECTS);
    expect(await page.getByRole('button', { name: 'Load more projects' }).count()).toBe(0);
    const names = await cards.locator('h2').allTextContents();
    expect(new Set(names).size).toBe(names.length); // no project twice across the pages

    await page.getByLabel('Search').fill('galaxies');
    await page.getByText('1 project matching “galaxies”').waitFor();
    expect(await cards.locator('h2').allTextContents()).toEqual(['Galaxy Zoo Lite']);

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Category').selectOption({ label: 'History' });
    await page.getByText('1 project', { exact: true }).waitFor();
    expect(await cards.locator('h2').allTextContents()).toEqual(['Old Weather']);
    expect(page.url()).toMatch(/\/projects\?category=\d+$/);

    await page.getByLabel('Search').fill('no such words anywhere');
    await page.getByText('No project matches.', { exact: false }).waitFor();
  });

  it('an owner creates a project and imports 10 tasks from CSV, with a progress bar and a report of the bad row', async () => {
    const { page } = browser;
    await browser.signIn('alice', 'alice-password');
    await page.goto('/projects/new');
    await page.getByLabel('Name', { exact: true }).fill('Street Trees');
    expect(await page.getByLabel(/Short name/).inputValue()).toBe('street-trees');
    await page.getByLabel(/Description \(one line/).fill('Which tree is in the photo?');
    await page.getByLabel('Category').selectOption({ label: 'Nature' });
    await browser.check('project-new');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { level: 1, name: 'Street Trees' }).waitFor();
    projectUrl = page.url();
    await page.getByText('No tasks yet: import some', { exact: false }).waitFor();

    // Ten good rows and one with a missing value: the report names row 11.
    const rows = Array.from({ length: 10 }, (_, i) => `Tree ${i + 1},"oak, beech or ash?",https://example.org/trees/${i + 1}.jpg`);
    const csv = ['question,hint,image_url', ...rows, 'Tree 11,only two values'].join('\n') + '\n';
    await page.getByLabel('File (CSV or JSON)').setInputFiles({ name: 'trees.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('trees.csv: 10 tasks ready, 1 row with problems', { exact: false }).waitFor();
    await page.getByLabel(/Answers needed per task/).fill('1');
    await page.getByRole('button', { name: 'Import 10 tasks' }).click();
    await page.getByText('Imported 10 of 11 rows; 1 row failed.').waitFor();
    expect(await page.getByRole('progressbar', { name: 'Tasks imported' }).getAttribute('aria-valuenow')).toBe('10');
    const report = page.getByRole('table', { name: 'Rows that were not imported' });
    expect(await report.getByRole('row').nth(1).textContent()).toBe('11This line has 2 values; the header names 3 columns.');
    await expect.poll(() => page.getByRole('table', { name: 'Tasks' }).locator('tbody tr').count()).toBe(10);
    await expect.poll(() => page.getByTestId('progress').textContent()).toContain('0 of 10 tasks completed');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('button', { name: 'Publish' }).waitFor({ state: 'detached' });
    await browser.check('project-import');
    await browser.signOut();
  });

  it('a volunteer answers until no task is left; the project then shows its progress and results', async () => {
    const { page } = browser;
    expect(projectUrl).not.toBe('');
    await browser.signIn('bob', 'bob-password');
    await page.goto(projectUrl);
    await page.getByRole('link', { name: 'Contribute' }).click();
    let answered = 0;
    for (;;) {
      const task = page.getByRole('heading', { level: 2, name: /^Task \d+$/ });
      const done = page.getByTestId('no-tasks-left');
      await task.or(done).first().waitFor();
      if (await done.isVisible()) break;
      const heading = await task.textContent();
      expect(await page.locator('dl.info').textContent()).toContain('oak, beech or ash?');
      if (answered === 0) await browser.check('contribute');
      await page.getByLabel('Your answer').fill(answered % 2 ? 'oak' : 'beech');
      await page.getByRole('button', { name: 'Submit answer' }).click();
      await page.getByText(`Thank you: your answer to ${heading!.toLowerCase()} was saved.`).waitFor();
      answered++;
      expect(answered).toBeLessThanOrEqual(10);
    }
    expect(answered).toBe(10);
    await page.getByRole('heading', { name: 'No tasks left' }).waitFor();
    expect(await page.getByRole('progressbar', { name: 'Tasks you answered' }).getAttribute('aria-valuenow')).toBe('10');
    await browser.check('contribute-done');

    await page.getByRole('link', { name: 'Back to the project' }).click();
    await expect.poll(() => page.getByTestId('progress').textContent()).toContain('10 of 10 tasks completed · 10 answers received');
    const results = page.getByRole('table', { name: 'Results' });
    await expect.poll(() => results.locator('tbody tr').count()).toBe(10);
    expect(await results.locator('tbody tr').first().textContent()).toMatch(/bob: (oak|beech)/);
    expect(await page.getByRole('table', { name: 'Latest task runs' }).locator('tbody tr').count()).toBe(10);
    await browser.check('project-results');
  });
});
