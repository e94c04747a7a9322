// Every kind of credential Gantry issues is accepted only by the routes of its own kind, and refused
// by every other route in that route's dialect (RFC 8725: one audience per kind). A matrix: each kind
// x each authenticated route. Plus tokens signed with the right secret but the wrong or no issuer.
import 'reflect-metadata';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';
import { competition, postJson, year } from './opentrack-helpers.ts';

let t: TestApp;
let demo: DemoSession;
/** One genuine credential of each kind, all for carol (federation admin of GBR). */
const kinds: Record<string, string> = {};
let projectId: number;
let v1: Record<string, string>;
const duplicateDate = `${year + 1}-09-19`;

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedAndSignIn(t);
  kinds.session = demo.as('carol').authorization!.slice('Bearer '.length);
  kinds.jsend = (await t.app.inject({ method: 'POST', url: '/api/token', payload: { user_id: 'carol', password: 'carol-password' } })).json().data.token;
  kinds.opentrack = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', ...form({ username: 'carol', password: 'carol-password' }) })).json().access_token;
  kinds.staticToken = (await t.app.inject({ method: 'POST', url: '/api/get-auth-token/', ...form({ username: 'carol', password: 'carol-password' }) })).json().token;
  kinds.apiKey = demo.apiKeys.carol!;
  // A project of carol's with one task, and its external-uid token.
  const created = await t.app.inject({ method: 'POST', url: `/api/project?api_key=${kinds.apiKey}`, payload: { name: 'Kinds', short_name: 'kinds', description: 'd' } });
  projectId = created.json().id;
  await t.app.inject({ method: 'POST', url: `/api/task?api_key=${kinds.apiKey}`, payload: { project_id: projectId, info: {} } });
  // Drafts serve their owners only: published, the project serves its partner's external users.
  await t.gql(`mutation { publishProject(id: ${projectId}) { id } }`, {}, { authorization: `Bearer ${kinds.session}` });
  kinds.projectToken = (await t.app.inject({ url: '/api/auth/project/kinds/token', headers: { authorization: created.json().secret_key } })).body;
  // A duplicate competition's override token.
  v1 = { authorization: `Bearer ${kinds.opentrack}` };
  expect((await postJson(t, '/api/v1/competitions/', duplicateCompetition('kinds-0'), v1)).statusCode).toBe(201);
  const refused = await postJson(t, '/api/v1/competitions/', duplicateCompetition('kinds-1'), v1);
  kinds.override = refused.json().detail.override_token;
  for (const [kind, value] of Object.entries(kinds)) expect(value, kind).toMatch(/\S{16,}/);
});
afterAll(async () => t?.close());

function duplicateCompetition(slug: string, overrides: Record<string, unknown> = {}) {
  return competition({ full_name: 'Kinds Meeting', slug, date: duplicateDate, finish_date: duplicateDate, ...overrides });
}

let slugs = 2;

/** Each authenticated route, with the credential put where that route's clients put theirs; true when accepted. */
const routes: Record<string, (credential: string) => Promise<boolean>> = {
  async 'graphql me (Bearer)'(credential) {
    return (await t.gql<{ me: { name: string } | null }>('{ me { name } }', {}, { authorization: `Bearer ${credential}` })).data?.me?.name === 'carol';
  },
  async 'graphql me (raw)'(credential) {
    return (await t.gql<{ me: { name: string } | null }>('{ me { name } }', {}, { authorization: credential })).data?.me?.name === 'carol';
  },
  async 'jsend GET /api/token'(credential) {
    return (await t.app.inject({ url: '/api/token', headers: { authorization: credential } })).json().status === 'success';
  },
  async 'jsend GET /api/token (Bearer)'(credential) {
    return (await t.app.inject({ url: '/api/token', headers: { authorization: `Bearer ${credential}` } })).json().status === 'success';
  },
  async 'jsend GET /api/me'(credential) {
    return (await t.app.inject({ url: '/api/me', headers: { authorization: credential } })).json().status === 'success';
  },
  async 'opentrack v1 GET /api/v1/competitions/'(credential) {
    const r = await t.app.inject({ url: '/api/v1/competitions/?limit=1', headers: { authorization: `Bearer ${credential}` } });
    if (r.statusCode !== 200 && r.statusCode !== 401) throw new Error(`v1 list: ${r.statusCode} ${r.body}`);
    return r.statusCode === 200;
  },
  async 'opentrack v1 POST /api/v1/competitions/'(credential) {
    const slug = `kinds-write-${slugs++}`;
    const r = await postJson(t, '/api/v1/competitions/', competition({ full_name: `Kinds Write ${slug}`, slug }), { authorization: `Bearer ${credential}` });
    if (r.statusCode !== 201 && r.statusCode !== 401) throw new Error(`v1 create: ${r.statusCode} ${r.body}`);
    return r.statusCode === 201;
  },
  async 'opentrack legacy GET /api/hello/ (Token)'(credential) {
    const r = await t.app.inject({ url: '/api/hello/', headers: { authorization: `Token ${credential}` } });
    if (r.statusCode !== 200 && r.statusCode !== 401) throw new Error(`hello: ${r.statusCode} ${r.body}`);
    return r.statusCode === 200;
  },
  async 'pybossa PUT /api/user (raw Authorization)'(credential) {
    const r = await t.app.inject({ method: 'PUT', url: `/api/user/${demo.ids.carol}`, headers: { authorization: credential }, payload: { locale: 'en' } });
    if (r.statusCode !== 200 && r.statusCode !== 401) throw new Error(`pybossa: ${r.statusCode} ${r.body}`);
    return r.statusCode === 200;
  },
  async 'pybossa PUT /api/user (?api_key=)'(credential) {
    const r = await t.app.inject({ method: 'PUT', url: `/api/user/${demo.ids.carol}?api_key=${encodeURIComponent(credential)}`, payload: { locale: 'en' } });
    if (r.statusCode !== 200 && r.statusCode !== 401) throw new Error(`pybossa: ${r.statusCode} ${r.body}`);
    return r.statusCode === 200;
  },
  async 'pybossa newtask?external_uid= (Bearer)'(credential) {
    const r = await t.app.inject({ url: `/api/project/${projectId}/newtask?external_uid=partner-1`, headers: { authorization: `Bearer ${credential}` } });
    if (r.statusCode !== 200 && r.statusCode !== 401) throw new Error(`newtask: ${r.statusCode} ${r.body}`);
    if (r.statusCode === 401) expect(r.json()).toMatchObject({ description: 'Signature verification failed' });
    return r.statusCode === 200;
  },
  async 'graphql newTask(externalUid) (Bearer)'(credential) {
    const r = await t.gql(`{ newTask(projectId: ${projectId}, externalUid: "partner-2") { id } }`, {}, { authorization: `Bearer ${credential}` });
    return r.errors === undefined;
  },
  async 'opentrack v1 create with override_token'(credential) {
    const r = await postJson(t, '/api/v1/competitions/', duplicateCompetition(`kinds-${slugs++}`, { override_token: credential }), v1);
    if (r.statusCode !== 201 && r.statusCode !== 409) throw new Error(`override: ${r.statusCode} ${r.body}`);
    return r.statusCode === 201;
  },
  async 'graphql createCompetition(overrideToken)'(credential) {
    const r = await t.gql(
      `mutation($token: String) { createCompetition(input: { fullName: "Kinds Meeting", slug: "kinds-${slugs++}", countryId: "GBR", date: "${duplicateDate}", finishDate: "${duplicateDate}", city: "Leeds" }, overrideToken: $token) { id } }`,
      { token: credential },
      demo.as('carol'),
    );
    if (r.errors && r.errors[0]!.extensions?.code !== 'CONFLICT') throw new Error(JSON.stringify(r.errors));
    return r.errors === undefined;
  },
};

/** Where each kind belongs. */
const home: Record<string, string[]> = {
  session: ['graphql me (Bearer)'],
  jsend: ['jsend GET /api/token', 'jsend GET /api/token (Bearer)', 'jsend GET /api/me'],
  opentrack: ['opentrack v1 GET /api/v1/competitions/', 'opentrack v1 POST /api/v1/competitions/'],
  staticToken: ['opentrack legacy GET /api/hello/ (Token)'],
  apiKey: ['pybossa PUT /api/user (raw Authorization)', 'pybossa PUT /api/user (?api_key=)'],
  projectToken: ['pybossa newtask?external_uid= (Bearer)', 'graphql newTask(externalUid) (Bearer)'],
  override: ['opentrack v1 create with override_token', 'graphql createCompetition(overrideToken)'],
};

describe('each credential kind is accepted only by its own routes', () => {
  it('the whole matrix: kind x route', async () => {
    const seen: Record<string, string[]> = {};
    for (const [kind, credential] of Object.entries(kinds)) {
      seen[kind] = [];
      for (const [route, accepts] of Object.entries(routes)) if (await accepts(credential)) seen[kind]!.push(route);
    }
    expect(seen).toEqual(home);
  });
});

describe('tokens signed with the gateway secret but not issued by this gateway', () => {
  const claimsOf = (token: string) => {
    const { iat: _iat, exp: _exp, iss: _iss, ...claims } = jwt.decode(token) as Record<string, unknown>;
    return claims;
  };
  const resign = (token: string, issuer: string | null) =>
    jwt.sign(claimsOf(token), t.config.jwtSecret, { algorithm: 'HS256', expiresIn: 3600, ...(issuer === null ? {} : { issuer }) });

  it('are refused at home: a JSend, session, OpenTrack or override token with another issuer or none', async () => {
    for (const issuer of ['https://elsewhere.example', null]) {
      const forged = {
        jsend: resign(kinds.jsend!, issuer),
        session: resign(kinds.session!, issuer),
        opentrack: resign(kinds.opentrack!, issuer),
        override: resign(kinds.override!, issuer),
      };
      for (const [kind, token] of Object.entries(forged)) {
        for (const route of home[kind]!) expect(await routes[route]!(token), `${kind} issued by ${issuer} at ${route}`).toBe(false);
      }
    }
  });

  it('the same claims re-signed with this gateway as issuer are accepted (the control)', async () => {
    for (const kind of ['jsend', 'session', 'opentrack', 'override']) {
      const token = resign(kinds[kind]!, t.config.baseUrl);
      expect(await routes[home[kind]![0]!]!(token), kind).toBe(true);
    }
  });
});
