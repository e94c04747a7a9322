// Concurrency scenarios with nothing lost, run against a listening gateway (real HTTP) and checked
// in the database afterwards. Each returns its figures (expected vs found) for the report.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../../../src/db/index.ts';
import { allAtOnce, http, withConcurrency } from './http.ts';

export async function graphql<T = any>(base: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const r = await http(base, 'POST', '/graphql', { headers, body: { query, variables } });
  return r.json<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>();
}

/** A session header for a user with password `<name>-password`. */
export async function signIn(base: string, name: string, password = `${name}-password`): Promise<Record<string, string>> {
  const r = await graphql<{ login: { token: string } }>(base, 'mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token } }', { n: name, p: password });
  if (!r.data) throw new Error(`sign-in of ${name} failed: ${JSON.stringify(r.errors)}`);
  return { authorization: `Bearer ${r.data.login.token}` };
}

export interface SubmissionFigures {
  submissions: number;
  accepted: number;
  refused: Record<string, number>;
  rowsExpected: number;
  rowsFound: number;
  tasks: number;
  tasksCompletedExpected: number;
  tasksCompletedFound: number;
  resultsExpected: number;
  resultsFound: number;
  /** Tasks whose counter, state or result disagree with their task runs. */
  inconsistentTasks: number[];
  seconds: number;
}

/** A project with count/10 tasks and `count` users, each already served a task by the scheduler (10 per task). */
export async function servedUsers(base: string, db: DB, count: number) {
  const tag = randomBytes(4).toString('hex');
  const taskCount = Math.max(1, Math.ceil(count / 10));
  const owner = await db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow();
  const project = await db
    .insertInto('projects')
    .values({ name: `Load ${tag}`, short_name: `load${tag}`, description: 'Concurrent submissions', owner_id: owner.id, published: true, info: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const tasks = await db
    .insertInto('tasks')
    .values(Array.from({ length: taskCount }, (_, i) => ({ project_id: project.id, n_answers: i % 4 === 3 ? 20 : 10, info: JSON.stringify({ n: i }) })))
    .returning(['id', 'n_answers'])
    .execute();
  const users: { id: number; key: string }[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, j) => ({
      name: `load-${tag}-${start + j}`,
      email_addr: `load-${tag}-${start + j}@example.com`,
      api_key: randomUUID(),
      info: '{}',
    }));
    const rows = await db.insertInto('users').values(batch).returning(['id', 'api_key']).execute();
    users.push(...rows.map((r) => ({ id: r.id, key: r.api_key })));
  }

  // Each user is served the task at offset (i mod taskCount): 10 users per task.
  const served = await withConcurrency(50, users.map((user, i) => async () => {
    const r = await http(base, 'GET', `/api/project/${project.id}/newtask?offset=${i % taskCount}&api_key=${user.key}`);
    if (r.status !== 200) throw new Error(`newtask for user ${i}: ${r.status} ${r.text}`);
    return r.json<{ id: number }>().id;
  }));
  return { project, tasks, users, served };
}

/**
 * `count` distinct users each ask the PYBOSSA scheduler for a task (spread over count/10 tasks with
 * offset) and then all submit their task run at once through POST /api/taskrun. Every fourth task
 * needs 20 answers and stays ongoing; the others need 10 and complete, each with one result.
 */
export async function concurrentSubmissions(base: string, db: DB, count: number): Promise<SubmissionFigures> {
  const { project, tasks, users, served } = await servedUsers(base, db, count);
  const started = Date.now();
  const answers = await allAtOnce(users.map((user, i) => () =>
    http(base, 'POST', `/api/taskrun?api_key=${user.key}`, { body: { project_id: project.id, task_id: served[i], info: { answer: i % 3, user: i } } }),
  ));
  const seconds = (Date.now() - started) / 1000;

  const refused: Record<string, number> = {};
  let accepted = 0;
  for (const a of answers) {
    if (a instanceof Error) refused[`network: ${a.message}`] = (refused[`network: ${a.message}`] ?? 0) + 1;
    else if (a.status === 200) accepted += 1;
    else refused[`${a.status} ${a.text.slice(0, 120)}`] = (refused[`${a.status} ${a.text.slice(0, 120)}`] ?? 0) + 1;
  }

  const expectedRunsPerTask = new Map<number, number>();
  served.forEach((taskId) => expectedRunsPerTask.set(taskId, (expectedRunsPerTask.get(taskId) ?? 0) + 1));
  const check = await taskConsistency(db, project.id);
  const misallocated = check.tasks.filter((t) => t.runs !== (expectedRunsPerTask.get(t.id) ?? 0)).map((t) => t.id);
  return {
    submissions: count,
    accepted,
    refused,
    rowsExpected: count,
    rowsFound: check.runs,
    tasks: check.tasks.length,
    tasksCompletedExpected: tasks.filter((t) => t.n_answers <= (expectedRunsPerTask.get(t.id) ?? 0)).length,
    tasksCompletedFound: check.tasks.filter((t) => t.state === 'completed').length,
    resultsExpected: check.tasks.filter((t) => t.runs >= t.n_answers).length,
    resultsFound: check.currentResults,
    inconsistentTasks: [...new Set([...check.inconsistent, ...misallocated])],
    seconds,
  };
}

export interface RaceFigures {
  attempts: number;
  succeeded: number;
  refusedAsExpected: number;
  other: string[];
  rowsExpected: number;
  rowsFound: number;
  seconds: number;
}

/** `count` concurrent race-server uploads with one one-time secret: exactly one may succeed. */
export async function oneTimeSecretRace(base: string, db: DB, count: number, user = 'bob'): Promise<RaceFigures> {
  const admin = await signIn(base, 'admin');
  const keys = await graphql<{ generateApiKeys: { raceApiKey: string }[] }>(base, 'mutation($u: [String!]!) { generateApiKeys(usernames: $u) { raceApiKey } }', { u: [user] }, admin);
  if (!keys.data) throw new Error(JSON.stringify(keys.errors));
  const key = keys.data.generateApiKeys[0]!.raceApiKey;
  const secret = `otp-${randomBytes(6).toString('hex')}`;
  const set = await graphql(base, 'mutation($s: String!) { setApiSecret(secret: $s, oneTime: true) { oneTime } }', { s: secret }, await signIn(base, user));
  if (set.errors) throw new Error(JSON.stringify(set.errors));
  const before = await db.selectFrom('users').select('api_secret_count').where('name', '=', user).executeTakeFirstOrThrow();
  const form = () => new URLSearchParams({ user, key, secret, buggy_json: JSON.stringify({ qty_wheels: 4 + (count % 3) * 2 }) });
  const started = Date.now();
  const answers = await allAtOnce(Array.from({ length: count }, () => () => http(base, 'POST', '/api/upload', { body: form() })));
  const seconds = (Date.now() - started) / 1000;
  let succeeded = 0;
  let refusedAsExpected = 0;
  const other: string[] = [];
  for (const a of answers) {
    if (a instanceof Error) other.push(a.message);
    else if (a.status === 200 && /"ok"/.test(a.text)) succeeded += 1;
    else if (a.status === 401 && /one-time secret has already been used/.test(a.text)) refusedAsExpected += 1;
    else other.push(`${a.status} ${a.text}`);
  }
  const after = await db.selectFrom('users').select('api_secret_count').where('name', '=', user).executeTakeFirstOrThrow();
  return { attempts: count, succeeded, refusedAsExpected, other: other.slice(0, 5), rowsExpected: 1, rowsFound: after.api_secret_count - before.api_secret_count, seconds };
}

/** `count` concurrent OpenTrack creates of one competition: exactly one row, the rest 409 duplicates. */
export async function duplicateCompetitionRace(base: string, db: DB, count: number, user = 'admin'): Promise<RaceFigures> {
  const token = await http(base, 'POST', '/api/v1/auth/token', { body: new URLSearchParams({ username: user, password: `${user}-password` }) });
  if (token.status !== 200) throw new Error(`token: ${token.status} ${token.text}`);
  const headers = { authorization: `Bearer ${token.json().access_token}` };
  const tag = randomBytes(4).toString('hex');
  const year = new Date().getUTCFullYear() + 1;
  const body = {
    full_name: `Race Open ${tag}`,
    short_name: 'RO',
    slug: `race-open-${tag}`,
    country_id: 'GBR',
    city: 'Leeds',
    date: `${year}-06-01`,
    finish_date: `${year}-06-02`,
    age_groups: ['ALL'],
    events: [],
  };
  const started = Date.now();
  const answers = await allAtOnce(Array.from({ length: count }, () => () => http(base, 'POST', '/api/v1/competitions', { headers, body })));
  const seconds = (Date.now() - started) / 1000;
  let succeeded = 0;
  let refusedAsExpected = 0;
  const other: string[] = [];
  for (const a of answers) {
    if (a instanceof Error) other.push(a.message);
    else if (a.status === 201) succeeded += 1;
    else if (a.status === 409) refusedAsExpected += 1;
    else other.push(`${a.status} ${a.text.slice(0, 200)}`);
  }
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM competitions WHERE full_name = ${body.full_name}`.execute(db);
  return { attempts: count, succeeded, refusedAsExpected, other: other.slice(0, 5), rowsExpected: 1, rowsFound: rows.rows[0]!.n, seconds };
}

export interface TokenFigures {
  issues: number;
  issued: number;
  liveExpected: number;
  liveFound: number;
  staticTokensDistinct: number;
  staticRowsFound: number;
  other: string[];
  seconds: number;
}

/**
 * `count` concurrent JSend token issues for one user: every issue answers success, and afterwards
 * exactly one of the tokens is live. The same for the older OpenTrack static token: one row, one key.
 */
export async function concurrentTokenIssues(base: string, db: DB, count: number, user = 'bob'): Promise<TokenFigures> {
  const started = Date.now();
  const answers = await allAtOnce(Array.from({ length: count }, () => () => http(base, 'POST', '/api/token', { body: { user_id: user, password: `${user}-password` } })));
  const other: string[] = [];
  const tokens: string[] = [];
  for (const a of answers) {
    if (a instanceof Error) other.push(a.message);
    else if (a.status === 200 && a.json().status === 'success') tokens.push(a.json().data.token);
    else other.push(`${a.status} ${a.text.slice(0, 200)}`);
  }
  const checks = await withConcurrency(20, tokens.map((token) => () => http(base, 'GET', '/api/token', { headers: { authorization: token } })));
  const live = checks.filter((c) => c.json().status === 'success').length;

  const statics = await allAtOnce(Array.from({ length: count }, () => () => http(base, 'POST', '/api/get-auth-token/', { body: new URLSearchParams({ username: user, password: `${user}-password` }) })));
  const keys = new Set<string>();
  for (const a of statics) {
    if (a instanceof Error) other.push(a.message);
    else if (a.status === 200) keys.add(a.json().token);
    else other.push(`${a.status} ${a.text.slice(0, 200)}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM auth_tokens a JOIN users u ON u.id = a.user_id WHERE u.name = ${user}`.execute(db);
  return { issues: count, issued: tokens.length, liveExpected: 1, liveFound: live, staticTokensDistinct: keys.size, staticRowsFound: rows.rows[0]!.n, other: other.slice(0, 5), seconds };
}

export interface TaskCheck {
  runs: number;
  currentResults: number;
  tasks: { id: number; state: string; n_answers: number; runs: number }[];
  /** Tasks whose counter, state or current result disagree with their task runs. */
  inconsistent: number[];
}

/** Each task of the project: its counter equals its task runs, completed exactly at n_answers, one current result listing them. */
export async function taskConsistency(db: DB, projectId: number): Promise<TaskCheck> {
  const rows = await db.selectFrom('task_runs').select(['id', 'task_id']).where('project_id', '=', projectId).execute();
  const taskRows = await db.selectFrom('tasks').selectAll().where('project_id', '=', projectId).execute();
  const results = await db.selectFrom('results').selectAll().where('project_id', '=', projectId).execute();
  const runsByTask = new Map<number, number[]>();
  for (const r of rows) runsByTask.set(r.task_id, [...(runsByTask.get(r.task_id) ?? []), r.id]);
  const inconsistent: number[] = [];
  const tasks = taskRows.map((task) => {
    const runs = (runsByTask.get(task.id) ?? []).sort((a, b) => a - b);
    const complete = runs.length >= task.n_answers;
    const current = results.filter((r) => r.task_id === task.id && r.last_version);
    const resultOk = complete ? current.length === 1 && JSON.stringify([...current[0]!.task_run_ids].sort((a, b) => a - b)) === JSON.stringify(runs) : current.length === 0;
    if (task.n_task_runs !== runs.length || (task.state === 'completed') !== complete || !resultOk) inconsistent.push(task.id);
    return { id: task.id, state: task.state, n_answers: task.n_answers, runs: runs.length };
  });
  return { runs: rows.length, currentResults: results.filter((r) => r.last_version).length, tasks, inconsistent };
}
