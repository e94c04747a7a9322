// Shared by the OpenTrack, competition, calendar and OpenAPI tests: sign-in shortcuts and records.
import type { TestApp } from '../helpers/app.ts';

export const year = new Date().getUTCFullYear();

/** A v1 access token for a demo user (password <name>-password). */
export async function bearer(t: TestApp, name: string): Promise<Record<string, string>> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ username: `${name}@example.com`, password: `${name}-password` }).toString(),
  });
  if (response.statusCode !== 200) throw new Error(`token for ${name}: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json().access_token}` };
}

/** POST a JSON body the way python requests' `data=json.dumps(...)` does: no content type at all. */
export function postJson(t: TestApp, url: string, body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
}

export function competition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    full_name: 'Test Open',
    short_name: 'TO',
    slug: 'test-open',
    name_local: '',
    country_id: 'GBR',
    address: '',
    city: 'Leeds',
    venue_id: null,
    latitude: null,
    longitude: null,
    altitude: null,
    date: `${year + 1}-05-08`,
    finish_date: `${year + 1}-05-09`,
    wa_rankings_category_id: null,
    age_groups: ['ALL'],
    national_id: '',
    basic_description: '',
    contact_details: '',
    organiser_id: null,
    website: null,
    entry_link: null,
    results_link: null,
    events: [],
    ...overrides,
  };
}

/** Makes a user through GraphQL (password <name>-password) and returns its id. */
export async function createUser(t: TestApp, name: string): Promise<number> {
  const r = await t.gql<{ createUser: { id: number } }>(
    'mutation($n: String!, $e: String!, $p: String!) { createUser(input: { name: $n, email: $e, password: $p, fullname: "Test User" }) { id } }',
    { n: name, e: `${name}@example.com`, p: `${name}-password` },
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.createUser.id;
}
