// The benchmark scenarios and targets, one small entry each. A scenario whose route or GraphQL
// field does not exist yet is reported as "n/a (route missing)"; fix the entry here when a name
// differs from what the gateway finally serves.
import { randomBytes } from 'node:crypto';
import { NotAvailable, parseJson, send } from './lib/http.ts';
import { fixed, get, graphqlStep, type Identity, type Scenario, type TargetCheck } from './lib/scenario.ts';

/** The info filter of the REST info scenario and of the EXPLAIN (seeded keys: category cat_0..cat_49). */
export const INFO_FILTER = { key: 'category', value: 'cat_7' };

const NESTED_GANTRY = `query Nested {
  projects(limit: 50) { id owner { name } tasks(limit: 20) { id taskRuns { id user { name } } } }
}`;

// The same tree in PostGraphile v5's (amber preset) names: connections with nodes, rowId for the key.
const NESTED_POSTGRAPHILE = `query Nested {
  allProjects(first: 50, orderBy: PRIMARY_KEY_ASC) { nodes {
    rowId userByOwnerId { name }
    tasksByProjectId(first: 20, orderBy: PRIMARY_KEY_ASC) { nodes {
      rowId taskRunsByTaskId(orderBy: PRIMARY_KEY_ASC) { nodes { rowId userByUserId { name } } }
    } }
  } }
}`;

// What REST /api/task?limit=100 returns, asked as GraphQL (the "same query" of the REST target).
const TASK_LIST_GRAPHQL = `query TaskList {
  tasks(limit: 100) { id created projectId state quorum calibration priority0 info nAnswers favUserIds }
}`;

export const scenarios: Scenario[] = [
  {
    name: 'graphql-flat',
    title: 'GraphQL tasks(limit: 20) { id info }',
    target: 'gateway',
    prepare: fixed(graphqlStep('query Flat { tasks(limit: 20) { id info } }')),
  },
  {
    name: 'graphql-nested',
    title: 'GraphQL nested: projects(50) → tasks(20) → taskRuns → user',
    target: 'gateway',
    prepare: fixed(graphqlStep(NESTED_GANTRY)),
  },
  {
    name: 'graphql-list100',
    title: 'GraphQL tasks(limit: 100), the REST list as GraphQL',
    target: 'gateway',
    prepare: fixed(graphqlStep(TASK_LIST_GRAPHQL)),
  },
  {
    name: 'rest-list',
    title: 'REST GET /api/task?limit=100',
    target: 'gateway',
    prepare: fixed(get('/api/task?limit=100')),
  },
  {
    name: 'rest-info',
    title: `REST /api/task?limit=100&info=${INFO_FILTER.key}::${INFO_FILTER.value}`,
    target: 'gateway',
    prepare: fixed(get(`/api/task?limit=100&info=${INFO_FILTER.key}::${INFO_FILTER.value}`)),
  },
  {
    name: 'rest-last-id',
    title: 'REST deep page (90%) by last_id',
    target: 'gateway',
    async prepare(env) {
      const { lastId } = await env.deepPage(0.9);
      return { steps: [get(`/api/task?limit=100&last_id=${lastId}`)] };
    },
  },
  {
    name: 'rest-offset',
    title: 'REST same deep page by offset',
    target: 'gateway',
    async prepare(env) {
      const { offset } = await env.deepPage(0.9);
      return { steps: [get(`/api/task?limit=100&offset=${offset}`)] };
    },
  },
  {
    name: 'opentrack-competitions',
    title: 'OpenTrack /api/v1/competitions/ by country and dates',
    target: 'gateway',
    async prepare(env) {
      const response = await send(env.gateway, {
        method: 'POST',
        path: '/api/v1/auth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'carol', password: 'carol-password' }).toString(),
      });
      if (response.status === 404) throw new NotAvailable('route missing: POST /api/v1/auth/token');
      const token = (parseJson(response.text) as { access_token?: string } | undefined)?.access_token;
      if (!token) throw new NotAvailable(`no access_token from /api/v1/auth/token (HTTP ${response.status})`);
      const query = `country=GBR&from_date=${env.year}-03-01&to_date=${env.year}-06-30`;
      return { steps: [get(`/api/v1/competitions/?${query}`, { authorization: `Bearer ${token}` })] };
    },
  },
  {
    name: 'rest-taskrun-submit',
    title: 'REST writes: GET newtask + POST /api/taskrun (2 requests/loop)',
    target: 'gateway',
    writes: true,
    async prepare(env) {
      await env.requireRoute('POST', '/api/taskrun');
      // Distinct synthetic users (one in-flight loop each), spread over the synthetic projects.
      const users = await env.db.query<{ api_key: string }>(
        `SELECT api_key FROM users WHERE name LIKE 'scale\\_user\\_%' ORDER BY id LIMIT 200`,
      );
      const projects = await env.db.query<{ id: number }>(`SELECT id FROM projects WHERE short_name LIKE 'scale\\_project\\_%' ORDER BY id`);
      if (!users.rows.length || !projects.rows.length) throw new NotAvailable('no synthetic users or projects in the database');
      const identities: Identity[] = users.rows.map((u, i) => ({
        apiKey: u.api_key,
        projectId: projects.rows[i % projects.rows.length]!.id,
      }));
      return {
        identities,
        steps: [
          {
            method: 'GET',
            path: (s) => `/api/project/${s.identity.projectId}/newtask?api_key=${s.identity.apiKey}`,
            capture: (body, s) => {
              const task = parseJson(body) as { id?: number } | { id?: number }[] | undefined;
              s.values.taskId = Array.isArray(task) ? task[0]?.id : task?.id;
            },
          },
          {
            method: 'POST',
            path: (s) => (s.values.taskId ? `/api/taskrun?api_key=${s.identity.apiKey}` : undefined),
            headers: { 'content-type': 'application/json' },
            body: (s) => JSON.stringify({ project_id: s.identity.projectId, task_id: s.values.taskId, info: { answer: 'cat_1' } }),
          },
        ],
      };
    },
  },
  {
    name: 'race-upload',
    title: 'Race server POST /api/upload (key + secret, form)',
    target: 'gateway',
    async prepare(env) {
      await env.requireRoute('POST', '/api/upload');
      const admin = await env.login('admin', 'admin-password');
      await env.graphql(
        `mutation Keys($u: [String!]!) { generateApiKeys(usernames: $u)${await env.selection('Mutation', 'generateApiKeys')} }`,
        { u: ['alice'] },
        admin,
      );
      const alice = await env.login('alice', 'alice-password');
      // A new secret each run: a secret must differ from the current one.
      const secret = `bench-${randomBytes(6).toString('hex')}`;
      await env.graphql(
        `mutation Secret($s: String!) { setApiSecret(secret: $s, oneTime: false)${await env.selection('Mutation', 'setApiSecret')} }`,
        { s: secret },
        alice,
      );
      const key = (await env.db.query<{ race_api_key: string | null }>(`SELECT race_api_key FROM users WHERE name = 'alice'`)).rows[0]
        ?.race_api_key;
      if (!key) throw new NotAvailable('generateApiKeys left alice without a race_api_key');
      const buggy = { qty_wheels: 6, flag_color: 'red', power_type: 'bio', power_units: 3, tyres: 'maglev', qty_tyres: 6 };
      return {
        steps: [
          {
            method: 'POST',
            path: '/api/upload',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ user: 'alice', key, secret, buggy_json: JSON.stringify(buggy) }).toString(),
            check: (body) => ((parseJson(body) as { ok?: unknown } | undefined)?.ok !== undefined ? null : `no "ok" in ${body.slice(0, 100)}`),
          },
        ],
      };
    },
  },
  {
    // The REST list's data as GraphQL (present before the REST routes were): ~50 kB answers, so
    // 100 connections press on memory without the multi-second latencies of the nested tree at 1M.
    name: 'rss-c100',
    title: 'Peak RSS: GraphQL tasks(limit: 100) at --rss-connections',
    target: 'gateway',
    connections: 'rss',
    prepare: fixed(graphqlStep(TASK_LIST_GRAPHQL)),
  },
  {
    name: 'baseline-list',
    title: 'Baseline: hand-written Fastify + pg /api/task?limit=100',
    target: 'baseline',
    sameJsonAs: 'rest-list',
    prepare: fixed(get('/api/task?limit=100')),
  },
  {
    name: 'postgraphile-nested',
    title: 'Baseline: PostGraphile v5, the same nested query',
    target: 'postgraphile',
    prepare: fixed(graphqlStep(NESTED_POSTGRAPHILE)),
  },
];

// The Targets table. Ratios are taken within one round (same minute, same machine state)
// and the median over rounds is reported.
export const targets: TargetCheck[] = [
  {
    kind: 'ratio',
    measure: 'nested 3-level query req/s vs PostGraphile v5',
    numerator: 'graphql-nested',
    denominator: 'postgraphile-nested',
    metric: 'rps',
    goal: '>=',
    value: 1.0,
  },
  {
    kind: 'ratio',
    measure: 'REST /api/task?limit=100 req/s vs the same query sent as GraphQL',
    numerator: 'rest-list',
    denominator: 'graphql-list100',
    metric: 'rps',
    goal: '>=',
    value: 0.9,
  },
  {
    kind: 'ratio',
    measure: 'REST list req/s vs the hand-written route',
    numerator: 'rest-list',
    denominator: 'baseline-list',
    metric: 'rps',
    goal: '>=',
    value: 0.6,
  },
  {
    kind: 'across-scales',
    measure: '`last_id` page latency (p50) at 1M tasks vs 10k',
    scenario: 'rest-last-id',
    metric: 'p50',
    scales: [1_000_000, 10_000],
    goal: '<=',
    value: 1.5,
  },
  {
    kind: 'absolute',
    measure: '`info=key::value` at 1M tasks: index scan in EXPLAIN, p50',
    scenario: 'rest-info',
    metric: 'p50',
    scale: 1_000_000,
    goal: '<=',
    value: 10,
    unit: 'ms',
    explainIndexScan: true,
  },
  {
    kind: 'absolute',
    measure: 'peak RSS at 100 connections',
    scenario: 'rss-c100',
    metric: 'rss',
    goal: '<=',
    value: 200,
    unit: 'MB',
  },
];
