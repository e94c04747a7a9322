// Fault scenarios against real gateway processes: the database stopped and restarted under load,
// clients that go away mid-request, and SIGTERM while requests are in flight.
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { http, type HttpAnswer } from './http.ts';
import { graphql, signIn } from './concurrency.ts';
import { shapeProblem, dialectOf } from './shapes.ts';
import type { GatewayProcess } from './gateway-process.ts';
import type { PrivatePostgres } from './private-postgres.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Operation {
  name: string;
  method: string;
  path: string;
  /** A write whose acknowledgement names a row: [table, id]. */
  write?: (answer: HttpAnswer) => [string, string | number] | null;
  call(): Promise<HttpAnswer>;
}

export interface Outcome {
  op: string;
  dialect: string;
  started: number;
  ended: number;
  status: number;
  /** A successful answer (2xx and not a JSend/race-server refusal). */
  ok: boolean;
  problem: string | null;
  ack: [string, string | number] | null;
}

export interface RestartFigures {
  requests: number;
  duringOutage: { requests: number; cleanUnavailable: number; succeeded: number; slowestMs: number; byOperation: Record<string, string> };
  recoveryMs: number;
  /** Per operation: ms from the database's return to its first success. */
  recoveryByOperation: Record<string, number>;
  acknowledgedWrites: number;
  acknowledgedWritesLost: number;
  shapeProblems: string[];
  serverErrors: number;
  hung: number;
  gatewayAlive: boolean;
}

/** The operations a load worker cycles through: a write and a read in every dialect. */
export async function loadOperations(base: string, databaseUrl: string): Promise<Operation[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const keys = Object.fromEntries((await client.query<{ name: string; api_key: string }>('SELECT name, api_key FROM users')).rows.map((r) => [r.name, r.api_key]));
  await client.end();
  const admin = await signIn(base, 'admin');
  const race = await graphql<{ generateApiKeys: { raceApiKey: string }[] }>(base, 'mutation { generateApiKeys(usernames: ["bob"]) { raceApiKey } }', {}, admin);
  const raceKey = race.data!.generateApiKeys[0]!.raceApiKey;
  await graphql(base, 'mutation { setApiSecret(secret: "bob-load-secret", oneTime: false) { oneTime } }', {}, await signIn(base, 'bob'));
  const bearer = (await http(base, 'POST', '/api/v1/auth/token', { body: new URLSearchParams({ username: 'admin', password: 'admin-password' }) })).json().access_token as string;
  const staticToken = (await http(base, 'POST', '/api/get-auth-token/', { body: new URLSearchParams({ username: 'admin', password: 'admin-password' }) })).json().token as string;
  const unique = () => randomBytes(5).toString('hex');
  const year = new Date().getUTCFullYear() + 1;
  const signal = () => AbortSignal.timeout(15_000);
  return [
    {
      name: 'graphql createCategory',
      method: 'POST',
      path: '/graphql',
      write: (a) => (a.status === 200 && a.json().data?.createCategory ? ['categories', a.json().data.createCategory.id] : null),
      call: () => {
        const tag = unique();
        return http(base, 'POST', '/graphql', {
          headers: admin,
          signal: signal(),
          body: { query: 'mutation($i: CreateCategoryInput!) { createCategory(input: $i) { id } }', variables: { i: { name: `GQL ${tag}`, shortName: `gql-${tag}`, description: 'load' } } },
        });
      },
    },
    { name: 'graphql projects', method: 'POST', path: '/graphql', call: () => http(base, 'POST', '/graphql', { signal: signal(), body: { query: '{ projects(limit: 5) { id name tasks(limit: 3) { id } } }' } }) },
    {
      name: 'pybossa POST category',
      method: 'POST',
      path: '/api/category',
      write: (a) => (a.status === 200 ? ['categories', a.json().id] : null),
      call: () => {
        const tag = unique();
        return http(base, 'POST', `/api/category?api_key=${keys.admin}`, { signal: signal(), body: { name: `PB ${tag}`, short_name: `pb-${tag}`, description: 'load' } });
      },
    },
    { name: 'pybossa GET project', method: 'GET', path: '/api/project', call: () => http(base, 'GET', `/api/project?limit=5&api_key=${keys.alice}`, { signal: signal() }) },
    {
      name: 'opentrack POST competition',
      method: 'POST',
      path: '/api/v1/competitions',
      write: (a) => (a.status === 201 ? ['competitions', a.json().id] : null),
      call: () => {
        const tag = unique();
        return http(base, 'POST', '/api/v1/competitions', {
          headers: { authorization: `Bearer ${bearer}` },
          signal: signal(),
          body: { full_name: `Load Open ${tag}`, slug: `load-open-${tag}`, country_id: 'GBR', city: 'Leeds', date: `${year}-07-01`, finish_date: `${year}-07-01`, age_groups: ['ALL'], events: [] },
        });
      },
    },
    { name: 'opentrack GET competitions', method: 'GET', path: '/api/v1/competitions', call: () => http(base, 'GET', '/api/v1/competitions?limit=5', { headers: { authorization: `Bearer ${bearer}` }, signal: signal() }) },
    { name: 'legacy GET hello', method: 'GET', path: '/api/hello/', call: () => http(base, 'GET', '/api/hello/', { headers: { authorization: `Token ${staticToken}` }, signal: signal() }) },
    { name: 'jsend POST token', method: 'POST', path: '/api/token', call: () => http(base, 'POST', '/api/token', { signal: signal(), body: { user_id: 'carol', password: 'carol-password' } }) },
    {
      name: 'raceserver POST upload',
      method: 'POST',
      path: '/api/upload',
      call: () => http(base, 'POST', '/api/upload', { signal: signal(), body: new URLSearchParams({ user: 'bob', key: raceKey, secret: 'bob-load-secret', buggy_json: '{"qty_wheels": 6}' }) }),
    },
  ];
}

function succeeded(op: Operation, a: HttpAnswer): boolean {
  if (a.status >= 300) return false;
  const dialect = dialectOf(op.method, op.path);
  if (dialect === 'jsend') return a.json().status === 'success';
  if (dialect === 'raceserver') return 'ok' in a.json();
  if (dialect === 'graphql') return !a.json().errors;
  return true;
}

/** Workers send requests back to back (cycling through the operations) until stopped. */
export function startLoad(operations: Operation[], workers: number) {
  const outcomes: Outcome[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = w; running; i += workers) {
      const op = operations[i % operations.length]!;
      const started = Date.now();
      let outcome: Outcome;
      try {
        const a = await op.call();
        const problem = shapeProblem({ method: op.method, path: op.path, status: a.status, headers: Object.fromEntries(a.headers), body: a.text }, { allowUnavailable: true });
        const ok = !problem && succeeded(op, a);
        outcome = { op: op.name, dialect: dialectOf(op.method, op.path), started, ended: Date.now(), status: a.status, ok, problem, ack: ok && op.write ? op.write(a) : null };
      } catch (error) {
        outcome = { op: op.name, dialect: dialectOf(op.method, op.path), started, ended: Date.now(), status: 0, ok: false, problem: `no answer: ${(error as Error).name} ${(error as Error).message}`, ack: null };
        await sleep(20);
      }
      outcomes.push(outcome);
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

/** True when the answer is the dialect's way of saying "the database is unavailable". */
function isCleanUnavailable(o: Outcome, body: string | undefined): boolean {
  if (o.dialect === 'jsend') return o.status === 200 && !o.ok && !o.problem && (body === undefined || /"error"/.test(body));
  return o.status === 503 && !o.problem;
}

/**
 * Load on every dialect; the database is stopped for `downMs`, then started again. Requests during
 * the outage must fail fast and cleanly, the gateway must recover by itself, and every write that
 * was acknowledged must be in the database afterwards.
 */
export async function restartUnderLoad(
  gateway: GatewayProcess,
  server: PrivatePostgres,
  options: { workers: number; healthyMs: number; downMs: number; cycles: number; stopMode?: 'fast' | 'immediate' },
): Promise<RestartFigures> {
  const operations = await loadOperations(gateway.url, server.url);
  const load = startLoad(operations, options.workers);
  const outages: { down: number; up: number }[] = [];
  await sleep(options.healthyMs);
  for (let cycle = 0; cycle < options.cycles; cycle++) {
    await server.stop(options.stopMode ?? 'fast');
    const down = Date.now();
    await sleep(options.downMs);
    await server.start();
    const up = Date.now();
    outages.push({ down, up });
    await sleep(options.healthyMs + 5000);
  }
  const outcomes = await load.stop();

  // During each outage (requests sent after the stop and answered before the start): clean and fast.
  const during = outcomes.filter((o) => outages.some(({ down, up }) => o.started >= down && o.ended <= up));
  const byOperation: Record<string, string> = {};
  for (const o of during) {
    const key = o.op;
    const seen = byOperation[key];
    const now = `${o.status}${o.problem ? ` (${o.problem})` : ''}`;
    byOperation[key] = seen && seen.includes(now) ? seen : seen ? `${seen}, ${now}` : now;
  }
  const cleanUnavailable = during.filter((o) => isCleanUnavailable(o, undefined)).length;
  // pg_ctl reports the server up a little after it starts accepting connections: a few requests
  // sent just before that succeed, which is fine.
  const succeededDuring = during.filter((o) => o.ok).length;

  // Recovery: per operation, from the database's return to the first success of a request sent after it.
  const recoveryByOperation: Record<string, number> = {};
  let recoveryMs = 0;
  for (const { up } of outages) {
    for (const op of operations) {
      const first = outcomes.filter((o) => o.op === op.name && o.started >= up && o.ok).sort((a, b) => a.ended - b.ended)[0];
      const ms = first ? first.ended - up : Number.POSITIVE_INFINITY;
      recoveryByOperation[op.name] = Math.max(recoveryByOperation[op.name] ?? 0, ms);
      recoveryMs = Math.max(recoveryMs, ms);
    }
  }

  // Every acknowledged write is in the database.
  const acks = outcomes.filter((o) => o.ack).map((o) => o.ack!);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  let lost = 0;
  for (const table of new Set(acks.map(([t]) => t))) {
    const ids = acks.filter(([t]) => t === table).map(([, id]) => String(id));
    const { rows } = await client.query<{ id: string }>(`SELECT id::text AS id FROM ${table} WHERE id::text = ANY($1)`, [ids]);
    const found = new Set(rows.map((r) => r.id));
    lost += ids.filter((id) => !found.has(id)).length;
  }
  await client.end();

  let gatewayAlive = gateway.child.exitCode === null;
  if (gatewayAlive) gatewayAlive = (await fetch(`${gateway.url}/readyz`)).status === 200;
  const problems = outcomes.filter((o) => o.problem).map((o) => `${o.op}: ${o.status} ${o.problem}`);
  return {
    requests: outcomes.length,
    duringOutage: { requests: during.length, cleanUnavailable, succeeded: succeededDuring, slowestMs: Math.max(0, ...during.map((o) => o.ended - o.started)), byOperation },
    recoveryMs,
    recoveryByOperation,
    acknowledgedWrites: acks.length,
    acknowledgedWritesLost: lost,
    shapeProblems: [...new Set(problems)].slice(0, 10),
    serverErrors: outcomes.filter((o) => o.status >= 500 && o.status !== 503).length,
    hung: outcomes.filter((o) => o.problem?.startsWith('no answer: TimeoutError')).length,
    gatewayAlive,
  };
}

export interface DrainFigures {
  inFlightCompleted: boolean;
  inFlightStatus: number;
  loadRequests: number;
  loadAnswered: number;
  loadRefusedCleanly: number;
  /** Errors of requests that got no answer (a reset of a keep-alive connection the gateway closed before reading them). */
  loadBroken: string[];
  /** Answers not in PYBOSSA's shape (a 503 while closing must be one too). */
  loadUnshaped: string[];
  exitCode: number | null;
  shutdownMs: number;
  /** From the gateway's own log (LOG_LEVEL=info): requests it received and never answered. */
  receivedNotAnswered: number;
  receivedByGateway: number;
  /** What the in-flight request's socket saw, in ms from its start. */
  timeline: string[];
}

/**
 * SIGTERM while requests are in flight: a request whose body is still arriving when the signal
 * comes is finished and answered, the load's requests are answered or refused cleanly (503 or a
 * refused connection, never a cut-off answer), and the process exits 0.
 */
export async function sigtermUnderLoad(gateway: GatewayProcess, options: { workers: number; loadMs: number }): Promise<DrainFigures> {
  const body = JSON.stringify({ query: '{ projects(limit: 3) { id name } globalStats { nProjects } }' });
  const socket = connect(gateway.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let raw = '';
  const T = Date.now();
  const timeline: string[] = [];
  socket.on('data', (chunk) => ((raw += chunk), timeline.push(`${Date.now() - T} data`)));
  socket.on('error', (error) => timeline.push(`${Date.now() - T} error ${error.message}`));
  const closed = new Promise<void>((resolve) => socket.once('close', () => (timeline.push(`${Date.now() - T} close`), resolve())));
  socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
  socket.write(body.slice(0, 20));
  await sleep(300);

  let running = true;
  const results: { status: number; error?: string; problem?: string | null }[] = [];
  const loops = Array.from({ length: options.workers }, async () => {
    while (running) {
      try {
        const r = await fetch(`${gateway.url}/api/project?limit=2`, { signal: AbortSignal.timeout(10_000) });
        const text = await r.text();
        const problem = shapeProblem({ method: 'GET', path: '/api/project', status: r.status, headers: Object.fromEntries(r.headers), body: text }, { allowUnavailable: true });
        results.push({ status: r.status, problem });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        results.push({ status: 0, error: cause?.code ?? (error as Error).name });
        await sleep(10);
      }
    }
  });
  await sleep(options.loadMs / 2);
  const signalled = Date.now();
  timeline.push(`${signalled - T} SIGTERM`);
  let exitedAt = 0;
  void gateway.exited.then(() => (exitedAt = Date.now()));
  gateway.child.kill('SIGTERM');
  await sleep(200);
  timeline.push(`${Date.now() - T} rest of body`);
  // write, not end: a client that half-closes its socket aborts its own request (Node servers do not allow half-open).
  socket.write(body.slice(20));
  await closed;
  await sleep(options.loadMs / 2);
  running = false;
  await Promise.all(loops);
  const exit = await gateway.exited;
  const shutdownMs = (exitedAt || Date.now()) - signalled;
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
  const answered = results.filter((r) => r.status >= 200 && r.status < 300).length;
  // After close, a new request meets a refused connection; one on a live keep-alive socket gets 503.
  const refusedCleanly = results.filter((r) => r.status === 503 || r.error === 'ECONNREFUSED').length;
  const broken = results.filter((r) => !(r.status >= 200 && r.status < 300) && r.status !== 503 && r.error !== 'ECONNREFUSED').map((r) => r.error ?? String(r.status));
  const received = new Set<string>();
  const completed = new Set<string>();
  for (const line of gateway.output().split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; reqId?: string };
      if (entry.msg === 'incoming request' && entry.reqId) received.add(entry.reqId);
      if (entry.msg === 'request completed' && entry.reqId) completed.add(entry.reqId);
    } catch {
      // not a log line
    }
  }
  return {
    timeline,
    receivedByGateway: received.size,
    receivedNotAnswered: [...received].filter((id) => !completed.has(id)).length,
    inFlightCompleted: status === 200 && /"nProjects"/.test(raw),
    inFlightStatus: status,
    loadRequests: results.length,
    loadAnswered: answered,
    loadRefusedCleanly: refusedCleanly,
    loadBroken: [...new Set(broken)],
    loadUnshaped: [...new Set(results.filter((r) => r.problem).map((r) => `${r.status} ${r.problem}`))],
    exitCode: exit.code,
    shutdownMs,
  };
}

export interface DisconnectFigures {
  requests: number;
  abortedByClient: number;
  answered: number;
  partialBodies: number;
  partialBodiesThatWrote: number;
  rowsFound: number;
  inconsistentTasks: number[];
}

/**
 * Clients that go away mid-request: `count` task-run submissions, each aborted by its client after
 * a random 0-200 ms, plus requests whose body stops half-way before the socket is destroyed. Every
 * write is all or nothing: task counters, states and results agree with the task runs that exist,
 * and a request whose body never arrived wrote nothing.
 */
export async function clientDisconnects(base: string, db: import('../../../src/db/index.ts').DB, count: number): Promise<DisconnectFigures> {
  const { servedUsers, taskConsistency } = await import('./concurrency.ts');
  const { project, users, served } = await servedUsers(base, db, count);
  const port = Number(new URL(base).port);
  const partialCount = Math.max(1, Math.floor(count / 10));
  const partialUsers = users.slice(0, partialCount);
  const fullUsers = users.slice(partialCount);
  let aborted = 0;
  let answered = 0;
  await Promise.all(
    fullUsers.map(async (user, j) => {
      const i = j + partialCount;
      const controller = new AbortController();
      setTimeout(() => controller.abort(), Math.floor(Math.random() * 200));
      try {
        await http(base, 'POST', `/api/taskrun?api_key=${user.key}`, { body: { project_id: project.id, task_id: served[i], info: { user: i } }, signal: controller.signal });
        answered += 1;
      } catch {
        aborted += 1;
      }
    }),
  );
  await Promise.all(
    partialUsers.map(async (user, i) => {
      const body = JSON.stringify({ project_id: project.id, task_id: served[i], info: { user: i, padding: 'x'.repeat(2000) } });
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      socket.write(`POST /api/taskrun?api_key=${user.key} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
      socket.write(body.slice(0, Math.floor(body.length / 2)));
      await sleep(5 + Math.floor(Math.random() * 20));
      socket.destroy();
    }),
  );
  // Handlers of aborted requests may still be finishing their transactions.
  await sleep(1500);
  const check = await taskConsistency(db, project.id);
  const partialIds = partialUsers.map((u) => u.id);
  const wrote = await db.selectFrom('task_runs').select('user_id').where('user_id', 'in', partialIds).execute();
  return {
    requests: fullUsers.length,
    abortedByClient: aborted,
    answered,
    partialBodies: partialCount,
    partialBodiesThatWrote: wrote.length,
    rowsFound: check.runs,
    inconsistentTasks: check.inconsistent,
  };
}
