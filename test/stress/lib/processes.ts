// Two gateway processes on one database, no load balancer: the test drives both and checks that what
// must be shared is shared — rate-limit counters, token revocation, one-time secrets, newtask stamps.
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import pg from 'pg';
import { allAtOnce, http } from './http.ts';
import { graphql, signIn } from './concurrency.ts';
import type { GatewayProcess } from './gateway-process.ts';

export async function redisAnswers(host = '127.0.0.1', port = 6379): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const timer = setTimeout(() => (socket.destroy(), resolve(false)), 500);
    socket.once('connect', () => (clearTimeout(timer), socket.destroy(), resolve(true)));
    socket.once('error', () => (clearTimeout(timer), resolve(false)));
  });
}

export interface SharedStateFigures {
  rateLimit: { remaining: number[]; strictlyDecreasing: boolean; byOne: boolean; sameReset: boolean };
  revocation: {
    tokenFromAWorksOnB: boolean;
    oldTokenRefusedAfterNewIssueOnB: boolean;
    newTokenRefusedOnBAfterInvalidateOnA: boolean;
    sessionRefusedOnAAfterPasswordChangeOnB: boolean;
  };
  oneTimeSecret: { attempts: number; succeeded: number; refused: number; other: string[] };
  stamps: { servedOnASubmittedOnB: number; unservedRefusedOnB: boolean; answeredTwiceAcceptedOnce: boolean };
}

const alternate = <T>(a: T, b: T, i: number) => (i % 2 === 0 ? a : b);

export async function sharedStateAcrossProcesses(a: GatewayProcess, b: GatewayProcess, databaseUrl: string, options: { uploads: number; rateRequests: number }): Promise<SharedStateFigures> {
  // Rate limits: one endpoint, one client address, requests alternating between the processes.
  const remaining: number[] = [];
  const resets = new Set<string>();
  for (let i = 0; i < options.rateRequests; i++) {
    const r = await http(alternate(a, b, i).url, 'GET', '/api/category?limit=1');
    remaining.push(Number(r.headers.get('x-ratelimit-remaining')));
    resets.add(r.headers.get('x-ratelimit-reset') ?? '');
  }
  const rateLimit = {
    remaining,
    strictlyDecreasing: remaining.every((v, i) => i === 0 || v < remaining[i - 1]!),
    byOne: remaining.every((v, i) => i === 0 || v === remaining[i - 1]! - 1),
    sameReset: resets.size === 1,
  };

  // JSend tokens: one live token per user, whichever process issued or revoked it.
  const issue = async (p: GatewayProcess) => (await http(p.url, 'POST', '/api/token', { body: { user_id: 'carol', password: 'carol-password' } })).json().data.token as string;
  const live = async (p: GatewayProcess, token: string) => (await http(p.url, 'GET', '/api/token', { headers: { authorization: token } })).json().status === 'success';
  const first = await issue(a);
  const tokenFromAWorksOnB = await live(b, first);
  const second = await issue(b);
  const oldTokenRefusedAfterNewIssueOnB = !(await live(a, first)) && (await live(a, second));
  await http(a.url, 'POST', '/api/token/invalidate', { body: { user_id: 'carol', password: 'carol-password' } });
  const newTokenRefusedOnBAfterInvalidateOnA = !(await live(b, second));
  // Sessions: a password change through B revokes the session token A issued.
  const name = `proc-${randomBytes(4).toString('hex')}`;
  await graphql(a.url, 'mutation($n: String!, $e: String!) { createUser(input: { name: $n, email: $e, password: "first-password" }) { id } }', { n: name, e: `${name}@example.com` });
  const session = await signIn(a.url, name, 'first-password');
  const me = await graphql<{ me: { id: number } }>(b.url, '{ me { id } }', {}, session);
  await graphql(b.url, 'mutation($id: Int!) { updateUser(id: $id, input: { password: "second-password", currentPassword: "first-password" }) { id } }', { id: me.data!.me.id }, session);
  const after = await graphql<{ me: unknown }>(a.url, '{ me { id } }', {}, session);
  const sessionRefusedOnAAfterPasswordChangeOnB = me.data?.me !== null && after.data?.me === null;

  // One-time secret: uploads spread over both processes, exactly one accepted.
  const admin = await signIn(a.url, 'admin');
  const keys = await graphql<{ generateApiKeys: { raceApiKey: string }[] }>(a.url, 'mutation { generateApiKeys(usernames: ["alice"]) { raceApiKey } }', {}, admin);
  const key = keys.data!.generateApiKeys[0]!.raceApiKey;
  const secret = `otp-${randomBytes(5).toString('hex')}`;
  await graphql(b.url, 'mutation($s: String!) { setApiSecret(secret: $s, oneTime: true) { oneTime } }', { s: secret }, await signIn(b.url, 'alice'));
  const uploads = await allAtOnce(
    Array.from({ length: options.uploads }, (_, i) => () =>
      http(alternate(a, b, i).url, 'POST', '/api/upload', { body: new URLSearchParams({ user: 'alice', key, secret, buggy_json: '{"qty_wheels": 8}' }) }),
    ),
  );
  const oneTimeSecret = { attempts: uploads.length, succeeded: 0, refused: 0, other: [] as string[] };
  for (const u of uploads) {
    if (u instanceof Error) oneTimeSecret.other.push(u.message);
    else if (u.status === 200 && /"ok"/.test(u.text)) oneTimeSecret.succeeded += 1;
    else if (u.status === 401 && /one-time secret/.test(u.text)) oneTimeSecret.refused += 1;
    else oneTimeSecret.other.push(`${u.status} ${u.text}`);
  }

  // newtask stamps: served by A, accepted by B; never served, refused by B; the same task twice, once.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const apiKeys = Object.fromEntries((await client.query<{ name: string; api_key: string }>('SELECT name, api_key FROM users')).rows.map((r) => [r.name, r.api_key]));
  const project = (await client.query<{ id: number }>("SELECT id FROM projects ORDER BY id LIMIT 1")).rows[0]!.id;
  await client.end();
  let servedOnASubmittedOnB = 0;
  for (const user of ['alice', 'admin']) {
    const task = (await http(a.url, 'GET', `/api/project/${project}/newtask?api_key=${apiKeys[user]}`)).json();
    if (!task.id) continue;
    const submitted = await http(b.url, 'POST', `/api/taskrun?api_key=${apiKeys[user]}`, { body: { project_id: project, task_id: task.id, info: { via: 'b' } } });
    if (submitted.status === 200) servedOnASubmittedOnB += 1;
  }
  const carolTask = (await http(b.url, 'GET', `/api/project/${project}/newtask?api_key=${apiKeys.carol}`)).json();
  const unserved = await http(b.url, 'POST', `/api/taskrun?api_key=${apiKeys.bob}`, { body: { project_id: project, task_id: carolTask.id, info: {} } });
  const unservedRefusedOnB = unserved.status === 403 && /request a task first/i.test(unserved.text);
  const twice = await allAtOnce([a, b].map((p) => () => http(p.url, 'POST', `/api/taskrun?api_key=${apiKeys.carol}`, { body: { project_id: project, task_id: carolTask.id, info: {} } })));
  const statuses = twice.map((r) => (r instanceof Error ? 0 : r.status)).sort();
  return {
    rateLimit,
    revocation: { tokenFromAWorksOnB, oldTokenRefusedAfterNewIssueOnB, newTokenRefusedOnBAfterInvalidateOnA, sessionRefusedOnAAfterPasswordChangeOnB },
    oneTimeSecret: { ...oneTimeSecret, other: oneTimeSecret.other.slice(0, 5) },
    stamps: { servedOnASubmittedOnB, unservedRefusedOnB, answeredTwiceAcceptedOnce: JSON.stringify(statuses) === JSON.stringify([200, 403]) },
  };
}
