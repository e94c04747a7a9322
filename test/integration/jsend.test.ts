// Submitty-style JSend token routes (docs/dialects/jsend.md) over HTTP.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadConfig } from '../../src/config.ts';
import { signToken } from '../../src/auth/tokens.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.database.db);
});
afterAll(async () => t?.close());

type Envelope = { status: string; data?: unknown; message?: string | null };

function multipart(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  const boundary = '----gantry-test-boundary';
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { payload: `${parts.join('')}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS', url: string, options: { json?: unknown; form?: Record<string, string>; multipart?: Record<string, string>; raw?: string; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(options.token ? { authorization: options.token } : {}), ...options.headers };
  let payload: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = options.raw;
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(options.form).toString();
  } else if (options.multipart) {
    const body = multipart(options.multipart);
    Object.assign(headers, body.headers);
    payload = body.payload;
  }
  const response = await t.app.inject({ method, url, headers, payload });
  return { status: response.statusCode, headers: response.headers, text: response.body, body: JSON.parse(response.body) as Envelope };
}

async function tokenFor(user: string, password = `${user}-password`): Promise<string> {
  const r = await call('POST', '/api/token', { json: { user_id: user, password } });
  expect(r.body.status).toBe('success');
  return (r.body.data as { token: string }).token;
}

const failText = (message: string) => `{\n    "status": "fail",\n    "message": "${message}"\n}`;

describe('POST /api/token', () => {
  it("answers Submitty's exact pretty-printed envelope, as JSON with HTTP 200", async () => {
    const r = await call('POST', '/api/token', { json: { user_id: 'alice', password: 'alice-password' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const token = (r.body.data as { token: string }).token;
    expect(r.text).toBe(`{\n    "status": "success",\n    "data": {\n        "token": "${token}"\n    }\n}`);
  });

  it('issues an HS256 JWT with iss, iat and the token key', async () => {
    const token = await tokenFor('alice');
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part!, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ iss: 'http://gantry.test', iat: expect.any(Number), tk: expect.any(String) });
    expect(payload.exp).toBeUndefined();
    const { token_key } = await t.database.db.selectFrom('users').select('token_key').where('name', '=', 'alice').executeTakeFirstOrThrow();
    expect(payload.tk).toBe(token_key);
  });

  it('accepts form-encoded and multipart bodies, and a user id in any case with spaces', async () => {
    for (const body of [{ form: { user_id: 'bob', password: 'bob-password' } }, { multipart: { user_id: 'bob', password: 'bob-password' } }, { json: { user_id: '  BoB ', password: 'bob-password' } }]) {
      const r = await call('POST', '/api/token', body);
      expect(r.body.status, JSON.stringify(body)).toBe('success');
    }
  });

  it('fails "Cannot leave user id or password blank" when a field is missing', async () => {
    for (const options of [
      { json: { user_id: 'alice' } },
      { json: { password: 'alice-password' } },
      { json: { user_id: null, password: 'alice-password' } },
      { form: {} },
      { raw: '{"user_id": "alice", "password": ' }, // malformed JSON: every field looks missing
      { raw: '["alice", "alice-password"]' },
      {},
    ]) {
      const r = await call('POST', '/api/token', options);
      expect(r.status).toBe(200);
      expect(r.text, JSON.stringify(options)).toBe(failText('Cannot leave user id or password blank'));
    }
  });

  it('fails "Could not login using that user id or password" for wrong or empty credentials', async () => {
    for (const json of [
      { user_id: 'alice', password: 'wrong-password' },
      { user_id: 'nobody', password: 'alice-password' },
      { user_id: '', password: '' }, // present though empty: PHP's isset
      { user_id: 'alice', password: '' },
      { user_id: 'ali\u0000ce', password: 'alice-password' },
    ]) {
      const r = await call('POST', '/api/token', { json });
      expect(r.text, JSON.stringify(json)).toBe(failText('Could not login using that user id or password'));
    }
  });

  it('refuses inactive users', async () => {
    await t.database.db.insertInto('users').values({ name: 'sleepy', api_key: 'sleepy-key', passwd_hash: null, active: false, info: '{}' }).execute();
    const r = await call('POST', '/api/token', { json: { user_id: 'sleepy', password: 'anything' } });
    expect(r.body).toEqual({ status: 'fail', message: 'Could not login using that user id or password' });
  });
});

describe('GET /api/token and GET /api/me', () => {
  it('say whose a live token is, sent raw or as Bearer', async () => {
    const token = await tokenFor('alice');
    expect((await call('GET', '/api/token', { token })).text).toBe(`{\n    "status": "success",\n    "data": {\n        "user_id": "alice"\n    }\n}`);
    expect((await call('GET', '/api/token', { token: `Bearer ${token}` })).body).toEqual({ status: 'success', data: { user_id: 'alice' } });
    expect((await call('GET', '/api/me', { token })).body).toEqual({
      status: 'success',
      data: { user_id: 'alice', user_given_name: 'Alice', user_family_name: 'Owner' },
    });
  });

  it('fail "Unauthenticated access. Please log in." without a live JSend token', async () => {
    const session = await t.gql<{ login: { token: string } }>('mutation { login(nameOrEmail: "carol", password: "carol-password") { token } }');
    for (const token of [undefined, '', 'garbage', 'Bearer not.a.jwt', `Bearer ${session.data!.login.token}`, session.data!.login.token]) {
      for (const url of ['/api/token', '/api/me']) {
        const r = await call('GET', url, { token });
        expect(r.status).toBe(200);
        expect(r.text, `${url} ${token}`).toBe(failText('Unauthenticated access. Please log in.'));
      }
    }
  });

  it('escape slashes and non-ASCII as PHP does', async () => {
    await t.gql('mutation { createUser(input: { name: "zoe", fullname: "Zoë Ång/ström", email: "zoe@example.com", password: "zoe-password" }) { id } }');
    const r = await call('GET', '/api/me', { token: await tokenFor('zoe') });
    expect(r.text).toContain('"user_given_name": "Zo\\u00eb"');
    expect(r.text).toContain('"user_family_name": "\\u00c5ng\\/str\\u00f6m"');
    expect(r.body.data).toMatchObject({ user_given_name: 'Zoë', user_family_name: 'Ång/ström' });
  });
});

describe('token rotation', () => {
  it('refuses an old token once a new one is issued', async () => {
    const first = await tokenFor('bob');
    const second = await tokenFor('bob');
    expect((await call('GET', '/api/me', { token: first })).body.message).toBe('Unauthenticated access. Please log in.');
    expect((await call('GET', '/api/me', { token: second })).body.status).toBe('success');
  });

  it('refuses the token after invalidate, which answers data null', async () => {
    const token = await tokenFor('bob');
    const r = await call('POST', '/api/token/invalidate', { form: { user_id: 'bob', password: 'bob-password' } });
    expect(r.text).toBe(`{\n    "status": "success",\n    "data": null\n}`);
    expect((await call('GET', '/api/token', { token })).body).toEqual({ status: 'fail', message: 'Unauthenticated access. Please log in.' });
    expect((await call('POST', '/api/token/invalidate', { json: { user_id: 'bob', password: 'nope' } })).text).toBe(failText('Could not login using that user id or password'));
    expect((await call('POST', '/api/token/invalidate', { json: { user_id: 'bob' } })).text).toBe(failText('Cannot leave user id or password blank'));
  });

  it('refuses the token after a password change', async () => {
    const token = await tokenFor('carol');
    const session = await t.gql<{ login: { token: string; user: { id: number } } }>('mutation { login(nameOrEmail: "carol", password: "carol-password") { token user { id } } }');
    const changed = await t.gql(
      'mutation($id: Int!) { updateUser(id: $id, input: { password: "carol-new-password", currentPassword: "carol-password" }) { id } }',
      { id: session.data!.login.user.id },
      { authorization: `Bearer ${session.data!.login.token}` },
    );
    expect(changed.errors).toBeUndefined();
    expect((await call('GET', '/api/me', { token })).body.message).toBe('Unauthenticated access. Please log in.');
    expect((await call('GET', '/api/me', { token: await tokenFor('carol', 'carol-new-password') })).body.status).toBe('success');
  });

  it('holds across gateway processes sharing one database', async () => {
    const other = await buildApp({ config: t.config, database: t.database, logger: false });
    await other.ready();
    try {
      const token = await tokenFor('alice');
      const onOther = await other.inject({ method: 'GET', url: '/api/me', headers: { authorization: token } });
      expect(onOther.json()).toMatchObject({ status: 'success' });
      const invalidated = await other.inject({ method: 'POST', url: '/api/token/invalidate', payload: { user_id: 'alice', password: 'alice-password' } });
      expect(invalidated.json()).toEqual({ status: 'success', data: null });
      expect((await call('GET', '/api/me', { token })).body.status).toBe('fail');
    } finally {
      await other.close();
    }
  });

  it('refuses tokens older than JSEND_TOKEN_MAX_AGE when it is set', async () => {
    const config = loadConfig({ JWT_SECRET: 'test-secret-of-enough-length', BASE_URL: 'http://gantry.test', JSEND_TOKEN_MAX_AGE: '600' }, { persistSecret: false });
    const strict = await buildApp({ config, database: t.database, logger: false });
    await strict.ready();
    try {
      const token = await tokenFor('alice');
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      const old = signToken(config.jwtSecret, { typ: 'jsend', sub: claims.sub, tk: claims.tk, iat: claims.iat - 3600 }, { issuer: config.baseUrl });
      expect((await strict.inject({ method: 'GET', url: '/api/token', headers: { authorization: token } })).json()).toMatchObject({ status: 'success' });
      expect((await strict.inject({ method: 'GET', url: '/api/token', headers: { authorization: old } })).json()).toEqual({ status: 'fail', message: 'Unauthenticated access. Please log in.' });
      // Without a maximum age (Submitty's behaviour) the same old token works.
      expect((await call('GET', '/api/token', { token: old })).body.status).toBe('success');
    } finally {
      await strict.close();
    }
  });
});

describe('routing', () => {
  it('fails "Method not allowed." for a wrong method, before authentication', async () => {
    for (const [method, url] of [
      ['GET', '/api/token/invalidate'],
      ['PUT', '/api/token'],
      ['DELETE', '/api/token'],
      ['OPTIONS', '/api/token'],
      ['POST', '/api/me'],
      ['PATCH', '/api/me'],
    ] as const) {
      const r = await call(method, url);
      expect(r.status).toBe(200);
      expect(r.text, `${method} ${url}`).toBe(failText('Method not allowed.'));
    }
  });

  it('fails "Endpoint not found." for unknown paths under /api/token and /api/me', async () => {
    for (const [method, url] of [
      ['GET', '/api/token/refresh'],
      ['POST', '/api/token/'],
      ['POST', '/api/token/invalidate/now'],
      ['GET', '/api/me/courses'],
      ['DELETE', '/api/me/x'],
    ] as const) {
      const r = await call(method, url);
      expect(r.status).toBe(200);
      expect(r.text, `${method} ${url}`).toBe(failText('Endpoint not found.'));
    }
  });
});
