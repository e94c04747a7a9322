// Recently cancelled competitions in the console: federation admins see their countries' ones,
// visitors do not see the section at all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { browserAvailable, openSession, type Session } from './browser.ts';

describe.skipIf(!browserAvailable)('recently cancelled competitions in the browser', () => {
  let server: TestServer;
  let browser: Session;

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.database.db);
    browser = await openSession(server.url);
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const r = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await r.json()) as { data: Record<string, any> };
    };
    const login = await gql('mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token } }', { n: 'admin', p: 'admin-password' });
    const token = login.data.login.token as string;
    const year = new Date().getUTCFullYear();
    const created = await gql(
      'mutation($input: CompetitionInput!) { createCompetition(input: $input) { id } }',
      { input: { fullName: 'Cancelled Classic', slug: 'cancelled-classic', countryId: 'GBR', date: `${year + 1}-04-04`, finishDate: `${year + 1}-04-05` } },
      token,
    );
    await gql('mutation($id: ID!) { deleteCompetition(id: $id) }', { id: created.data.createCompetition.id }, token);
  });

  afterEach(() => {
    expect(browser.external, 'requests to other hosts').toEqual([]);
    expect(browser.pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a visitor sees no cancelled section; the GBR federation admin sees the cancelled GBR competition', async () => {
    const { page } = browser;
    await page.goto('/competitions');
    await page.getByRole('table', { name: 'Competitions' }).waitFor();
    expect(await page.getByRole('region', { name: 'Recently cancelled' }).count()).toBe(0);

    await browser.signIn('carol', 'carol-password');
    await page.goto('/competitions');
    const section = page.getByRole('region', { name: 'Recently cancelled' });
    await section.waitFor();
    expect(await section.textContent()).toContain('Cancelled Classic');
    expect(await section.textContent()).toContain('GBR');
  });
});
