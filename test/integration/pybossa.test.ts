import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seedAndSignIn, type DemoSession } from '../helpers/demo.ts';

let t: TestApp;
let s: DemoSession;
let galaxy: number;
const BASE = 'http://gantry.test';

type Res = { status: number; body: any; headers: Record<string, unknown>; text: string };
async function api(method: string, url: string, options: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Res> {
  const sep = url.includes('?') ? '&' : '?';
  const response = await t.app.inject({
    method: method as 'GET',
    url: options.key ? `${url}${sep}api_key=${options.key}` : url,
    headers: { 'content-type': 'application/json', ...options.headers },
    payload: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  let body: unknown;
  try {
    body = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, body, headers: response.headers, text: response.body };
}

const error = (status: number, cls: string, action: string, target: string) => ({ status: 'failed', status_code: status, exception_cls: cls, action, target, exception_msg: expect.any(String) });

beforeAll(async () => {
  t = await startTestApp();
  s = await seedAndSignIn(t);
  galaxy = (await api('GET', '/api/project?short_name=galaxyzoo')).body[0].id;
});
afterAll(async () => t?.close());

describe('reading objects', () => {
  it('lists projects with PYBOSSA fields, timestamps and HATEOAS links; non-owners see no secrets', async () => {
    const r = await api('GET', '/api/project');
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(3);
    const p = r.body.find((x: any) => x.id === galaxy);
    expect(p.link).toBe(`<link rel='self' title='project' href='${BASE}/api/project/${galaxy}'/>`);
    expect(p.links).toEqual([`<link rel='category' title='category' href='${BASE}/api/category/${p.category_id}'/>`]);
    expect(p.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(Object.keys(p).sort()).toEqual(['category_id', 'created', 'description', 'featured', 'id', 'info', 'link', 'links', 'long_description', 'name', 'owner_id', 'owners_ids', 'short_name', 'updated']);
    expect(p).not.toHaveProperty('secret_key');
    const own = await api('GET', `/api/project/${galaxy}`, { key: s.apiKeys.alice });
    expect(own.body).toMatchObject({ secret_key: expect.any(String), published: true, allow_anonymous_contributors: true });
  });

  it('gives tasks, task runs and results their parent links', async () => {
    const task = (await api('GET', `/api/task?project_id=${galaxy}&limit=1`)).body[0];
    expect(task.links).toEqual([`<link rel='parent' title='project' href='${BASE}/api/project/${galaxy}'/>`]);
    expect(Object.keys(task).sort()).toEqual(['calibration', 'created', 'fav_user_ids', 'id', 'info', 'link', 'links', 'n_answers', 'priority_0', 'project_id', 'quorum', 'state']);
    const run = (await api('GET', `/api/taskrun?project_id=${galaxy}&limit=1`)).body[0];
    expect(run.links).toEqual([`<link rel='parent' title='project' href='${BASE}/api/project/${galaxy}'/>`, `<link rel='parent' title='task' href='${BASE}/api/task/${run.task_id}'/>`]);
    const category = (await api('GET', '/api/category')).body[0];
    expect(category.link).toMatch(/title='category'/);
    expect(category).not.toHaveProperty('links');
  });

  it('filters by fields, info pairs, full text, created, several projects, and pages', async () => {
    expect((await api('GET', '/api/task?state=completed&limit=100')).body.length).toBe(9);
    expect((await api('GET', '/api/task?info=kind::galaxy|number::2')).body.map((x: any) => x.info.number)).toEqual([2]);
    const fts = await api('GET', '/api/task?info=description::logbook&fulltextsearch=1');
    expect(fts.body[0]).toMatchObject({ rank: expect.any(Number), headline: expect.stringContaining('<b>logbook</b>') });
    expect((await api('GET', '/api/task?info={"kind":"photo"}&limit=100')).body.length).toBe(10);
    const year = new Date().getUTCFullYear();
    expect((await api('GET', `/api/task?created=${year}&limit=100`)).body.length).toBe(30);
    expect((await api('GET', `/api/task?created=${year - 5}`)).body).toEqual([]);
    expect((await api('GET', `/api/task?project_id=[${galaxy}, ${galaxy + 1}]&limit=100`)).body.length).toBe(20);
    const all = (await api('GET', '/api/task?limit=100')).body.map((x: any) => x.id);
    expect((await api('GET', '/api/task?limit=5&offset=5')).body.map((x: any) => x.id)).toEqual(all.slice(5, 10));
    expect((await api('GET', `/api/task?limit=5&last_id=${all[4]}`)).body.map((x: any) => x.id)).toEqual(all.slice(5, 10));
    expect((await api('GET', '/api/task?limit=1000')).body.length).toBe(30);
    expect((await api('GET', '/api/task?limit=abc')).body.length).toBe(20);
    const desc = (await api('GET', '/api/task?orderby=id&desc=true&limit=3')).body.map((x: any) => x.id);
    expect(desc).toEqual([...all].reverse().slice(0, 3));
  });

  it('refuses unknown filters and orderby with 415 AttributeError, bad desc with 415 ValueError', async () => {
    const unknown = await api('GET', '/api/project?something_invalid=1');
    expect(unknown.status).toBe(415);
    expect(unknown.body).toEqual({ ...error(415, 'AttributeError', 'GET', 'project'), exception_msg: "type object 'Project' has no attribute 'something_invalid'" });
    expect((await api('GET', '/api/task?orderby=wrongcolumn')).body.exception_msg).toContain('has no attribute');
    expect((await api('GET', '/api/task?desc=maybe')).body).toMatchObject({ status_code: 415, exception_cls: 'ValueError' });
    expect((await api('GET', '/api/task?info=a::b::c')).status).toBe(415);
    expect((await api('GET', '/api/task?n_answers=lots')).status).toBe(415);
  });

  it('applies the owner context to signed-in callers unless all=1', async () => {
    expect((await api('GET', '/api/taskrun', { key: s.apiKeys.bob })).body).toEqual([]);
    expect((await api('GET', '/api/taskrun?all=1&limit=100', { key: s.apiKeys.bob })).body.length).toBe(27);
    expect((await api('GET', '/api/project', { key: s.apiKeys.alice })).body.length).toBe(3);
    // The raw Authorization header carries the api key too.
    expect((await api('GET', '/api/taskrun', { headers: { authorization: s.apiKeys.bob } })).body).toEqual([]);
  });

  it('embeds related objects on request', async () => {
    const task = (await api('GET', `/api/task?project_id=${galaxy}&state=completed&limit=1&related=True`)).body[0];
    expect(task.task_runs.length).toBe(2);
    expect(task.result.task_run_ids.length).toBe(2);
    const item = await api('GET', `/api/task/${task.id}?related=1`);
    expect(item.body.task_runs.length).toBe(2);
  });

  it('answers missing objects, non-integer ids, unknown paths and wrong methods with the error object', async () => {
    expect((await api('GET', '/api/project/0')).body).toEqual({ ...error(404, 'NotFound', 'GET', 'project'), exception_msg: expect.stringMatching(/^404 Not Found/) });
    expect((await api('GET', '/api/project/abc')).body).toMatchObject({ status_code: 404, target: 'project' });
    expect((await api('GET', '/api/nothing-here')).body).toMatchObject({ status: 'failed', status_code: 404, target: 'nothing-here' });
    expect((await api('PUT', '/api/project', { body: {} })).body).toMatchObject({ status_code: 405, exception_cls: 'MethodNotAllowed' });
    expect((await api('POST', '/api/user', { body: {} })).body).toMatchObject({ status_code: 405, action: 'POST', target: 'user' });
    expect((await api('DELETE', `/api/user/${s.ids.bob}`)).body).toMatchObject({ status_code: 405, action: 'DEL' });
  });

  it('keeps users private as PYBOSSA does', async () => {
    const list = (await api('GET', '/api/user')).body;
    expect(list.every((u: any) => Object.keys(u).sort().join() === 'locale,name')).toBe(true);
    const self = (await api('GET', `/api/user/${s.ids.bob}`, { key: s.apiKeys.bob })).body;
    expect(self).toMatchObject({ id: s.ids.bob, name: 'bob', email_addr: 'bob@example.com', n_answers: null });
    expect(self).not.toHaveProperty('api_key');
    expect(self).not.toHaveProperty('link');
  });
});

describe('writing objects', () => {
  it('runs the pbclient project life cycle: create (200, plain), read, update with everything re-sent, delete (204)', async () => {
    const created = await api('POST', '/api/project', { key: s.apiKeys.bob, body: { name: 'PB client', short_name: 'pbclient', description: 'From pbclient' } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'PB client', owner_id: s.ids.bob, owners_ids: [s.ids.bob], published: false, secret_key: expect.any(String) });
    expect(created.body).not.toHaveProperty('link');
    const read = (await api('GET', `/api/project/${created.body.id}`, { key: s.apiKeys.bob })).body;
    const { id, created: _c, updated: _u, contacted: _ct, published: _p, secret_key: _sk, ...resend } = read;
    const updated = await api('PUT', `/api/project/${id}`, { key: s.apiKeys.bob, body: { ...resend, description: 'Changed' } });
    expect(updated.status).toBe(200);
    expect(updated.body.description).toBe('Changed');
    const deleted = await api('DELETE', `/api/project/${id}`, { key: s.apiKeys.bob, raw: 'null' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api('GET', `/api/project/${id}`, { key: s.apiKeys.bob })).status).toBe(404);
  });

  it('answers bad writes in PYBOSSA’s order and shapes', async () => {
    expect((await api('POST', '/api/project?foo=1', { key: s.apiKeys.bob, body: {} })).body).toMatchObject({ status_code: 415, exception_cls: 'AttributeError' });
    expect((await api('POST', '/api/project', { key: s.apiKeys.bob, raw: '{"name": ' })).body).toMatchObject({ status_code: 415, exception_cls: 'ValueError' });
    expect((await api('POST', '/api/project', { key: s.apiKeys.bob, raw: '' })).body.exception_msg).toBe('Expecting value: line 1 column 1 (char 0)');
    expect((await api('POST', '/api/project', { body: { id: 5, name: 'x' } })).body).toEqual({ ...error(400, 'BadRequest', 'POST', 'project'), exception_msg: 'Reserved keys in payload' });
    expect((await api('POST', '/api/project', { key: s.apiKeys.bob, body: { name: 'x', short_name: 'x', description: 'x', published: true } })).body).toMatchObject({ status_code: 403, exception_msg: 'You cannot publish a project via the API' });
    expect((await api('POST', '/api/project', { key: s.apiKeys.bob, body: { name: 'x', short_name: 'x', description: 'x', wrong: 1 } })).body).toMatchObject({ status_code: 415, exception_cls: 'TypeError', exception_msg: "'wrong' is an invalid keyword argument for Project" });
    expect((await api('POST', '/api/project', { body: { name: 'x', short_name: 'x', description: 'x' } })).body).toMatchObject({ status_code: 401, exception_cls: 'Unauthorized' });
    expect((await api('POST', '/api/project', { key: s.apiKeys.bob, body: { name: 'x', short_name: 'x' } })).body).toMatchObject({ status_code: 415, exception_cls: 'DBIntegrityError' });
    expect((await api('POST', '/api/project', { key: s.apiKeys.bob, body: { name: 'x', short_name: 'new', description: 'x' } })).body.exception_msg).toBe("Project short_name is not valid, as it's used by the system.");
    expect((await api('POST', '/api/project', { key: s.apiKeys.bob, body: { name: 'x', short_name: 'xx', description: 'x', category_id: 9999 } })).body).toMatchObject({ status_code: 400, exception_msg: 'category_id does not exist' });
    expect((await api('POST', '/api/project', { key: s.apiKeys.bob, body: { name: 'Galaxy Zoo Lite', short_name: 'gz2', description: 'dup' } })).body).toMatchObject({ status_code: 415, exception_cls: 'DBIntegrityError' });
    expect((await api('PUT', `/api/project/${galaxy}`, { body: { description: 'x' } })).body).toMatchObject({ status_code: 401, action: 'PUT' });
    expect((await api('PUT', `/api/project/${galaxy}`, { key: s.apiKeys.bob, body: { description: 'x' } })).body).toMatchObject({ status_code: 403 });
    expect((await api('POST', '/api/category', { key: s.apiKeys.admin, body: { id: 1, name: 'c' } })).body.exception_msg).toBe('Reserved keys in payload: id');
    expect((await api('POST', '/api/result', { key: s.apiKeys.admin, body: {} })).status).toBe(403);
    expect((await api('POST', '/api/result', { body: {} })).status).toBe(401);
    expect((await api('POST', '/api/task', { key: s.apiKeys.alice, body: { project_id: 99999, info: {} } })).body).toMatchObject({ status_code: 415, exception_cls: 'AttributeError' });
  });

  it('creates tasks for owners and refuses others', async () => {
    const ok = await api('POST', '/api/task', { key: s.apiKeys.alice, body: { project_id: galaxy, info: { q: 'new' }, n_answers: 3, calibration: 0, priority_0: 0, quorum: 0 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ project_id: galaxy, n_answers: 3, state: 'ongoing', info: { q: 'new' } });
    expect((await api('POST', '/api/task', { key: s.apiKeys.bob, body: { project_id: galaxy, info: {} } })).status).toBe(403);
    expect((await api('POST', '/api/task', { key: s.apiKeys.alice, body: { project_id: galaxy, state: 'completed' } })).body.exception_msg).toBe('Reserved keys in payload');
    expect((await api('DELETE', `/api/task/${ok.body.id}`, { key: s.apiKeys.alice })).status).toBe(204);
  });
});

describe('scheduler and task runs', () => {
  /** PYBOSSA publishes from its web pages (the API refuses `published`): the owner publishes in GraphQL, as the console does. */
  const publish = async (id: number) => {
    const r = await t.gql('mutation($id: Int!) { publishProject(id: $id) { id } }', { id }, s.as('alice'));
    expect(r.errors).toBeUndefined();
  };

  it('serves {} / one task / a list, then accepts the answer once', async () => {
    const project = (await api('POST', '/api/project', { key: s.apiKeys.alice, body: { name: 'Sched REST', short_name: 'schedrest', description: 'd' } })).body.id;
    for (let i = 0; i < 3; i++) await api('POST', '/api/task', { key: s.apiKeys.alice, body: { project_id: project, info: { i }, n_answers: 1 } });
    // Volunteers other than the owners get a draft's tasks refused.
    expect((await api('GET', `/api/project/${project}/newtask`, { key: s.apiKeys.bob })).body).toMatchObject({ status_code: 403, exception_cls: 'Forbidden', target: 'project' });
    expect((await api('GET', `/api/project/${project}/newtask`)).body).toMatchObject({ status_code: 401, exception_cls: 'Unauthorized', target: 'project' });
    await publish(project);
    const one = await api('GET', `/api/project/${project}/newtask`, { key: s.apiKeys.bob });
    expect(one.body).toMatchObject({ project_id: project, info: { i: 0 } });
    expect(one.body).not.toHaveProperty('link');
    expect(Array.isArray((await api('GET', `/api/${project}/newtask?limit=2`, { key: s.apiKeys.bob })).body)).toBe(true);
    expect((await api('GET', `/api/project/${project}/newtask?offset=1000`, { key: s.apiKeys.bob })).text).toBe('{}');
    expect((await api('GET', `/api/project/${project}/newtask?limit=x`)).body).toMatchObject({ status_code: 415, exception_cls: 'ValueError' });
    expect((await api('GET', '/api/project/99999/newtask')).body).toMatchObject({ status_code: 404, target: 'project' });
    const first = await api('POST', '/api/taskrun', { key: s.apiKeys.bob, body: { project_id: project, task_id: one.body.id, info: { answer: 1 } } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ user_id: s.ids.bob, user_ip: null, task_id: one.body.id, finish_time: expect.any(String) });
    const second = await api('POST', '/api/taskrun', { key: s.apiKeys.bob, body: { project_id: project, task_id: one.body.id, info: {} } });
    expect(second.body).toEqual({ ...error(403, 'Forbidden', 'POST', 'taskrun'), exception_msg: 'You must request a task first!' });
    expect((await api('POST', '/api/taskrun', { key: s.apiKeys.bob, body: { project_id: project, task_id: 999999 } })).body.exception_msg).toBe('Invalid task_id');
    expect((await api('POST', '/api/taskrun', { key: s.apiKeys.bob, body: { project_id: galaxy, task_id: one.body.id } })).body.exception_msg).toBe('Invalid project_id');
    expect((await api('POST', '/api/taskrun', { body: { project_id: project, task_id: one.body.id, id: 3 } })).body).toMatchObject({ status_code: 400, exception_msg: 'Reserved keys in payload' });
    // Completed with n_answers = 1: the task has a result.
    const result = (await api('GET', `/api/result?task_id=${one.body.id}`)).body[0];
    expect(result).toMatchObject({ task_id: one.body.id, task_run_ids: [first.body.id], last_version: true });
    expect(result.links).toHaveLength(2);
    const progress = await api('GET', `/api/project/${project}/userprogress`, { key: s.apiKeys.bob });
    expect(progress.body).toEqual({ done: 1, total: 3 });
  });

  it('gives a placeholder task to anonymous callers where anonymous answers are not allowed', async () => {
    const project = (await api('POST', '/api/project', { key: s.apiKeys.alice, body: { name: 'No anon', short_name: 'noanon', description: 'd', allow_anonymous_contributors: false } })).body.id;
    await api('POST', '/api/task', { key: s.apiKeys.alice, body: { project_id: project, info: {} } });
    await publish(project);
    const r = await api('GET', `/api/project/${project}/newtask`);
    expect(r.body.project_id).toBeNull();
    expect(r.body.info).toEqual({ error: 'This project does not allow anonymous contributors' });
  });

  it('runs the external user flow with the project token', async () => {
    const created = (await api('POST', '/api/project', { key: s.apiKeys.alice, body: { name: 'Ext', short_name: 'ext', description: 'd' } })).body;
    await api('POST', '/api/task', { key: s.apiKeys.alice, body: { project_id: created.id, info: {} } });
    await publish(created.id);
    expect((await api('GET', '/api/auth/project/ext/token')).status).toBe(403);
    expect((await api('GET', '/api/auth/project/ext/token', { headers: { authorization: 'wrong' } })).status).toBe(404);
    const token = await api('GET', '/api/auth/project/ext/token', { headers: { authorization: created.secret_key } });
    expect(token.status).toBe(200);
    expect(token.text.split('.')).toHaveLength(3);
    const missing = await api('GET', `/api/project/${created.id}/newtask?external_uid=u1`);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ code: 'invalid_header', description: 'Missing Authorization header' });
    expect((await api('GET', `/api/project/${created.id}/newtask?external_uid=u1`, { headers: { authorization: `Token ${token.text}` } })).body).toEqual({
      code: 'invalid_header',
      description: 'Authorization header must start with Bearer',
    });
    const headers = { authorization: `Bearer ${token.text}` };
    const task = (await api('GET', `/api/project/${created.id}/newtask?external_uid=u1`, { headers })).body;
    const run = await api('POST', '/api/taskrun?external_uid=u1', { headers, body: { project_id: created.id, task_id: task.id, info: {}, external_uid: 'u1' } });
    expect(run.body).toMatchObject({ external_uid: 'u1', user_id: null, user_ip: null });
  });
});

describe('rate limits', () => {
  it('sends the headers on every answer and refuses the LIMITth request of a window with 429', async () => {
    const limited = await startTestApp({ RATE_LIMIT: '3' });
    try {
      const remaining: string[] = [];
      let last;
      for (let i = 0; i < 3; i++) {
        last = await limited.app.inject({ method: 'GET', url: '/api/category' });
        remaining.push(String(last.headers['x-ratelimit-remaining']));
      }
      expect(remaining).toEqual(['2', '1', '0']);
      expect(last!.statusCode).toBe(429);
      expect(last!.json()).toMatchObject({ status: 'failed', status_code: 429, exception_cls: 'TooManyRequests', target: '/api/category', action: 'get' });
      expect(Number(last!.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
      // Another endpoint has its own counter.
      expect((await limited.app.inject({ method: 'GET', url: '/api/project' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
