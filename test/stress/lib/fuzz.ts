// Property-based request fuzzing (fast-check): requests to every dialect's routes and to GraphQL,
// with random query strings, bodies of wrong types and shapes, huge and deeply nested JSON, invalid
// UTF-8, wrong content types and random credentials. Each answer is checked against three
// invariants: no 5xx, the dialect's documented shape, and no write when the request was refused.
import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import type { FastifyInstance } from 'fastify';
import type { DB } from '../../../src/db/index.ts';
import { changedTables, fingerprint } from './snapshot.ts';
import { dialectOf, isRefusal, shapeProblem, type Dialect } from './shapes.ts';

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What the body is, for the report. */
  body: string;
}

export interface FuzzWorld {
  jwtSecret: string;
  /** Valid credentials of demo users: header sets. */
  validHeaders: Record<string, string>[];
  apiKeys: string[];
  projectIds: number[];
  taskIds: number[];
  competitionIds: string[];
  userNames: string[];
  passwords: string[];
}

export interface FuzzFinding {
  request: string;
  status: number;
  problem: string;
  body: string;
}

export interface FuzzFigures {
  requests: number;
  byDialect: Partial<Record<Dialect, number>>;
  byStatus: Record<string, number>;
  serverErrors: number;
  shapeProblems: number;
  refused: number;
  refusedThatWrote: number;
  findings: FuzzFinding[];
  seconds: number;
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\uD800', '💥', 'ÿþ', '\\', '"', "'", '%', '../../etc/passwd', 'null', 'undefined', 'NaN'),
);

const injections = fc.constantFrom(
  "' OR '1'='1",
  "1; DROP TABLE users; --",
  "1) OR (1=1",
  'id; SELECT pg_sleep(5)',
  "name' --",
  '{"$ne": null}',
  '{"a": {"b": 1}}',
  '{}',
  '[]',
  '"x"',
  "info->>'a'",
  "a'::text",
  'key::value',
  'a::b|c::d',
  '::',
  '|||',
  'a::',
  '::b',
  '$.a[*] ? (@ > 1)',
  'created; DELETE FROM tasks',
  'id desc',
  'random()',
);

const numberish = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('0', '-1', '1', '2', '3', '2147483647', '2147483648', '-2147483649', '99999999999999999999999', '1e3', '1.5', '0x10', ' 1', '1 ', '+1', '١', 'Infinity', '-0', '00001'),
);

const dateish = fc.constantFrom('2024', '2024-05', '2024-05-17', '2024-13-45', '0000-00-00', '99999-01-01', '2024-02-30', '2024-05-17T10:00:00Z', '2024-05-17 10:00', 'yesterday', '');

/** A query-string value, already percent-encoded (some deliberately invalid). */
const queryValue = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(anyText, injections, numberish, dateish, printable).map((v) => encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '?'))) },
  { weight: 1, arbitrary: fc.constantFrom('%ff', '%fe%ff', '%00', '%', '%zz', '%c3%28', '%e2%82', 'a%00b', '[1,2,3]', '[1, 2, x]', 'true', 'True', 'yes', 'on', '0', 'false') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20000 }).map((n) => 'x'.repeat(n)) },
);

const QUERY_KEYS = [
  'limit', 'offset', 'last_id', 'orderby', 'desc', 'all', 'related', 'info', 'fulltextsearch', 'created', 'project_id', 'external_uid', 'api_key',
  'participated', 'id', 'name', 'short_name', 'state', 'task_id', 'user_id', 'owner_id', 'category_id', 'published', 'featured', 'n_answers',
  'priority_0', 'calibration', 'user_ip', 'media_url', 'last_version', 'fullname', 'locale', 'admin', 'privacy_mode', 'email_addr', 'passwd_hash',
  'country', 'from_date', 'to_date', 'slug', 'organiser_id', 'updated_since', 'query', 'variables', 'operationName', 'extensions', 'stats', 'full',
];

const queryString = fc
  .array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: printable.map(encodeURIComponent) }), queryValue), { maxLength: 5 })
  .map((pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&') : ''));

const BODY_KEYS = [
  'name', 'short_name', 'description', 'long_description', 'info', 'project_id', 'task_id', 'user_id', 'n_answers', 'quorum', 'priority_0', 'published',
  'owner_id', 'owners_ids', 'category_id', 'id', 'created', 'admin', 'api_key', 'passwd_hash', 'secret_key', 'email_addr', 'privacy_mode', 'restrict',
  'full_name', 'slug', 'country_id', 'date', 'finish_date', 'events', 'override_token', 'age_groups', 'username', 'password', 'user', 'key', 'secret',
  'buggy_json', 'external_uid', 'media_url', 'timeout', 'link', 'links', 'state', 'fav_user_ids', 'task_run_ids', 'last_version', '__proto__', 'constructor',
];

/** Nested depth JSON text that never fits a stack: arrays or objects, up to 100,000 levels. */
const deepJson = fc.tuple(fc.constantFrom(50, 1000, 10_000, 100_000), fc.boolean()).map(([depth, arrays]) =>
  arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
);

export function fuzzArbitraries(world: FuzzWorld) {
  const jsonLeaf = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    anyText,
    injections,
    fc.constantFrom(null, true, false, 0, -1, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, 0.5, '', [], {}),
    fc.constantFrom(...world.projectIds, ...world.taskIds, ...world.competitionIds, ...world.userNames, ...world.passwords, ...world.apiKeys),
  );
  const fieldObject = fc.dictionary(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...BODY_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), jsonLeaf, {
    maxKeys: 6,
  });

  const GRAPHQL_DOCUMENTS = [
    '{ me { id name emailAddr apiKey } }',
    'query($id: Int!) { project(id: $id) { id name secretKey owner { emailAddr apiKey } tasks(limit: 5) { id taskRuns { id userIp user { emailAddr } } } } }',
    'query($limit: Int, $offset: Int, $orderBy: ProjectOrderField, $info: [InfoPair!], $created: String) { projects(limit: $limit, offset: $offset, orderBy: $orderBy, info: $info, created: $created, all: true) { id name } }',
    'query($filter: TaskFilter, $infoContains: JSON, $lastId: Int) { tasks(filter: $filter, infoContains: $infoContains, lastId: $lastId, all: true) { id info } }',
    'query($first: Int, $after: String) { projectsConnection(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage } } }',
    'query { users(limit: 100) { id name emailAddr apiKey fullname info } }',
    'query($id: Int!) { user(id: $id) { id name emailAddr apiKey } }',
    'query($id: ID!) { competition(id: $id) { id } }',
    'query($projectId: Int!, $externalUid: String) { newTask(projectId: $projectId, externalUid: $externalUid) { id } }',
    'mutation($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token } }',
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
    'mutation($input: SubmitTaskRunInput!) { submitTaskRun(input: $input) { id } }',
    'mutation($id: Int!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id admin } }',
    'mutation($id: Int!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id } }',
    'mutation($id: Int!) { deleteProject(id: $id) }',
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    'mutation($input: CompetitionInput!, $t: String) { createCompetition(input: $input, overrideToken: $t) { id } }',
    'mutation($json: String!) { uploadBuggy(json: $json) { ok error } }',
    'mutation($user: String, $key: String, $secret: String, $b: String) { uploadBuggyWithApiKey(user: $user, key: $key, secret: $secret, buggyJson: $b) { ok error } }',
    'mutation($u: [String!]!) { generateApiKeys(usernames: $u) { name } }',
    'mutation($input: UpdateSettingsInput) { updateSettings(input: $input) { overridden } }',
    'mutation($u: String!, $c: String!, $m: Boolean!) { setCountryAdmin(username: $u, country: $c, member: $m) }',
    '{ __schema { types { name fields { name } } } }',
    'query { a: me { id } b: me { id } ...F } fragment F on Query { me { id } }',
    'fragment A on Query { ...B } fragment B on Query { ...A } query { ...A }',
    '{ projects(limit: 100) { tasks(limit: 100) { taskRuns(limit: 100) { task { taskRuns(limit: 100) { id } } } } } }',
    '{ globalStats { nProjects } }',
    'subscription { me { id } }',
    '{',
    'query Q { me { id } } query Q { me { id } }',
    '{ me { nope } }',
  ];

  const deepSelection = fc.integer({ min: 5, max: 60 }).map((depth) => `{ projects { ${'tasks { project { '.repeat(depth)}id${' } }'.repeat(depth)} } }`);
  const manyAliases = fc.integer({ min: 100, max: 3000 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: globalStats { nProjects }`).join(' ')} }`);
  const graphqlQuery = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...GRAPHQL_DOCUMENTS) },
    { weight: 1, arbitrary: deepSelection },
    { weight: 1, arbitrary: manyAliases },
    { weight: 1, arbitrary: anyText },
  );
  const graphqlVariables = fc.oneof(fieldObject, fc.record({ id: jsonLeaf, input: fieldObject, n: jsonLeaf, p: jsonLeaf, limit: jsonLeaf, filter: jsonLeaf, info: jsonLeaf, projectId: jsonLeaf }, { requiredKeys: [] }));
  const graphqlBody = fc.oneof(
    { weight: 6, arbitrary: fc.record({ query: graphqlQuery, variables: graphqlVariables }, { requiredKeys: ['query'] }).map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.record({ query: jsonLeaf, variables: jsonLeaf, operationName: jsonLeaf, extensions: jsonLeaf }, { requiredKeys: [] }).map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.array(fc.record({ query: graphqlQuery }), { maxLength: 3 }).map((b) => JSON.stringify(b)) },
  );

  const segment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...world.projectIds.map(String), ...world.taskIds.map(String), ...world.competitionIds) },
    { weight: 1, arbitrary: numberish.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%ff', '%00', '..%2f..%2fetc', 'x'.repeat(300), 'galaxyzoo', 'european_calendar_2026.json', 'domestic_calendar_gbr_2026.json', 'DOMESTIC_CALENDAR_GBR_2026.JSON', 'undefined', '%2e%2e') },
    { weight: 1, arbitrary: printable.map(encodeURIComponent) },
  );

  const PATHS = [
    '/graphql', '/graphql', '/graphql', '/graphql', '/graphql', '/graphql', '/graphql', '/graphql',
    '/api/project', '/api/project/{s}', '/api/category', '/api/category/{s}', '/api/task', '/api/task/{s}', '/api/taskrun', '/api/taskrun/{s}',
    '/api/result', '/api/result/{s}', '/api/user', '/api/user/{s}', '/api/project/{s}/newtask', '/api/{s}/newtask', '/api/project/{s}/userprogress',
    '/api/app/{s}/userprogress', '/api/globalstats', '/api/auth/project/{s}/token', '/api/{s}', '/api/{s}/{s}',
    '/api/token', '/api/token', '/api/token/invalidate', '/api/me', '/api/token/{s}', '/api/me/{s}',
    '/api/upload', '/api/upload', '/api',
    '/api/v1/ping', '/api/v1/auth/token', '/api/v1/competitions', '/api/v1/competitions/', '/api/v1/competitions/{s}', '/api/v1/competitions/test', '/api/v1/{s}',
    '/api/get-auth-token/', '/api/hello/', '/api/my-competitions/', '/api/my-competitions',
    '/files/live/euroath/{s}', '/calendar/{s}', '/calendar/european.ics', '/calendar/gbr.ics', '/{s}', '/healthz', '/readyz',
  ];
  const path = fc.tuple(fc.constantFrom(...PATHS), segment, segment).map(([template, a, b]) => template.replace('{s}', a).replace('{s}', b));

  const method = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('GET' as const, 'POST' as const) },
    { weight: 2, arbitrary: fc.constantFrom('PUT' as const, 'DELETE' as const) },
    { weight: 1, arbitrary: fc.constantFrom('PATCH' as const, 'OPTIONS' as const, 'HEAD' as const) },
  );

  const now = Math.floor(Date.now() / 1000);
  const forged = (claims: object, secret: string, options: jwt.SignOptions = {}) => jwt.sign(claims, secret, { algorithm: 'HS256', ...options });
  const noneToken = (claims: object) => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
  const credentials = fc.oneof(
    { weight: 4, arbitrary: fc.constant<Record<string, string>>({}) },
    { weight: 3, arbitrary: fc.constantFrom(...world.validHeaders) },
    { weight: 1, arbitrary: fc.constantFrom(...world.apiKeys).map((k) => ({ authorization: k })) },
    { weight: 1, arbitrary: printable.map((v) => ({ authorization: v })) },
    { weight: 1, arbitrary: printable.map((v) => ({ authorization: `Bearer ${v}` })) },
    { weight: 1, arbitrary: printable.map((v) => ({ authorization: `Token ${v}` })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        { authorization: `Bearer ${noneToken({ typ: 'session', sub: '1' })}` },
        { authorization: noneToken({ typ: 'jsend', sub: '1' }) },
        { authorization: `Bearer ${forged({ typ: 'session', sub: '1' }, 'not-the-secret-at-all')}` },
        { authorization: `Bearer ${forged({ typ: 'opentrack', sub: '1', exp: now - 60 }, world.jwtSecret)}` },
        { authorization: `Bearer ${forged({ typ: 'override', sub: '1' }, world.jwtSecret)}` },
        { authorization: `Bearer ${forged({ typ: 'session', sub: '1', tk: 'stale' }, world.jwtSecret)}` },
        { authorization: `Bearer ${forged({ typ: 'opentrack', sub: '999999' }, world.jwtSecret)}` },
        { authorization: `Bearer ${forged({ typ: 'opentrack', sub: "1' OR '1'='1" }, world.jwtSecret)}` },
        { authorization: `Bearer ${jwt.sign({ typ: 'session', sub: '1' }, world.jwtSecret, { algorithm: 'HS512' })}` },
      ),
    },
  );

  const boundary = 'fuzzboundary';
  const multipart = (fields: Record<string, unknown>) =>
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, '')}"\r\n\r\n${typeof v === 'string' ? v : JSON.stringify(v)}\r\n`)
      .join('') + `--${boundary}--\r\n`;

  type Body = { payload?: string | Buffer; contentType?: string; label: string };
  const CONTENT_TYPES = [
    'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded',
    `multipart/form-data; boundary=${boundary}`, 'multipart/form-data', 'application/xml', 'application/octet-stream', 'application/graphql-response+json', 'text/html; charset=utf-8', 'image/png', ';;;', 'application/json;;charset=',
  ];
  const anyContentType = fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.constant(undefined), printable.filter((s) => s.trim() !== ''));

  const body: fc.Arbitrary<Body> = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Body>({ label: 'none' }) },
    { weight: 4, arbitrary: fieldObject.map((o): Body => ({ payload: JSON.stringify(o), contentType: 'application/json', label: 'json fields' })) },
    { weight: 3, arbitrary: graphqlBody.map((p): Body => ({ payload: p, contentType: 'application/json', label: 'graphql' })) },
    { weight: 2, arbitrary: fc.tuple(fc.jsonValue({ maxDepth: 4 }), anyContentType).map(([v, type]): Body => ({ payload: JSON.stringify(v) ?? 'null', contentType: type, label: 'json value' })) },
    { weight: 2, arbitrary: fieldObject.map((o): Body => ({ payload: new URLSearchParams(Object.entries(o).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString(), contentType: 'application/x-www-form-urlencoded', label: 'form' })) },
    { weight: 2, arbitrary: fieldObject.map((o): Body => ({ payload: multipart(o), contentType: `multipart/form-data; boundary=${boundary}`, label: 'multipart' })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('--x\r\nbroken', `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nv`, '', `--${boundary}--`), anyContentType).map(([p, type]): Body => ({ payload: p, contentType: type ?? 'multipart/form-data', label: 'broken multipart' })) },
    { weight: 1, arbitrary: fc.tuple(deepJson, fc.constantFrom('application/json', 'text/plain', undefined)).map(([p, type]): Body => ({ payload: p, contentType: type, label: `deep json (${p.length} bytes)` })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...BODY_KEYS, 'query'), fc.integer({ min: 100_000, max: 1_000_000 })).map(([k, n]): Body => ({ payload: JSON.stringify({ [k]: 'x'.repeat(n) }), contentType: 'application/json', label: `huge string (${n})` })) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes): Body => ({ payload: Buffer.from(bytes), contentType: 'application/json', label: 'random bytes' })) },
    { weight: 1, arbitrary: fc.tuple(fieldObject, anyContentType).map(([o, type]): Body => ({ payload: Buffer.concat([Buffer.from(JSON.stringify(o).slice(0, -1) + (Object.keys(o).length ? ',' : '') + '"k":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]), contentType: type, label: 'invalid utf-8' })) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 200 }), anyContentType).map(([text, type]): Body => ({ payload: text, contentType: type, label: 'text' })) },
  );
  const oversized: fc.Arbitrary<Body> = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded').map((type) => ({
    payload: JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024 + 10) }),
    contentType: type,
    label: 'over the body limit',
  }));

  const apiKeyInQuery = fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...world.apiKeys).map((k) => `api_key=${k}`) });

  const request: fc.Arbitrary<FuzzRequest> = fc
    .tuple(method, path, queryString, apiKeyInQuery, credentials, fc.oneof({ weight: 200, arbitrary: body }, { weight: 1, arbitrary: oversized }), fc.boolean())
    .map(([m, p, q, key, creds, b, withBody]) => {
      const query = key ? (q ? `${q}&${key}` : `?${key}`) : q;
      const headers: Record<string, string> = { ...creds };
      const sendsBody = b.payload !== undefined && (m === 'POST' || m === 'PUT' || m === 'PATCH' || (withBody && m === 'DELETE'));
      if (sendsBody && b.contentType !== undefined) headers['content-type'] = b.contentType;
      return { method: m, url: p + query, headers, payload: sendsBody ? b.payload : undefined, body: sendsBody ? b.label : 'none' };
    });
  return { request };
}

export function describeRequest(r: FuzzRequest): string {
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v.slice(0, 60)}`).join('; ');
  return `${r.method} ${r.url.slice(0, 160)}${headers ? ` [${headers}]` : ''} body=${r.body}${typeof r.payload === 'string' && r.payload.length < 300 ? ` ${r.payload}` : ''}`;
}

/**
 * Sends `count` generated requests, one at a time, and checks every answer. The database is
 * fingerprinted after each request; a refused request must leave the fingerprint as it was.
 */
export async function runFuzz(app: FastifyInstance, db: DB, world: FuzzWorld, options: { count: number; seed: number }): Promise<FuzzFigures> {
  const started = Date.now();
  const { request } = fuzzArbitraries(world);
  const requests = fc.sample(request, { numRuns: options.count, seed: options.seed });
  const figures: FuzzFigures = { requests: 0, byDialect: {}, byStatus: {}, serverErrors: 0, shapeProblems: 0, refused: 0, refusedThatWrote: 0, findings: [], seconds: 0 };
  let before = await fingerprint(db);
  for (const r of requests) {
    let response;
    try {
      response = await app.inject({ method: r.method, url: r.url, headers: r.headers, payload: r.payload });
    } catch (error) {
      figures.findings.push({ request: describeRequest(r), status: 0, problem: `inject threw: ${(error as Error).message}`, body: '' });
      continue;
    }
    figures.requests += 1;
    // The path as the server sees it: the client resolves dot segments (%2e%2e) before sending.
    const path = new URL(r.url, 'http://gantry.test').pathname;
    const dialect = dialectOf(r.method, path);
    figures.byDialect[dialect] = (figures.byDialect[dialect] ?? 0) + 1;
    figures.byStatus[String(response.statusCode)] = (figures.byStatus[String(response.statusCode)] ?? 0) + 1;
    if (response.statusCode >= 500) figures.serverErrors += 1;
    const answer = { method: r.method, path, status: response.statusCode, headers: response.headers, body: response.body };
    const problem = shapeProblem(answer);
    if (problem) {
      figures.shapeProblems += 1;
      figures.findings.push({ request: describeRequest(r), status: response.statusCode, problem, body: response.body.slice(0, 300) });
    }
    const after = await fingerprint(db);
    if (isRefusal(answer)) {
      figures.refused += 1;
      const changed = changedTables(before, after);
      if (changed.length) {
        figures.refusedThatWrote += 1;
        figures.findings.push({ request: describeRequest(r), status: response.statusCode, problem: `refused but wrote: ${changed.join(', ')}`, body: response.body.slice(0, 300) });
      }
    }
    before = after;
  }
  figures.seconds = (Date.now() - started) / 1000;
  return figures;
}

/** The world the fuzzer draws ids and credentials from, built on the demo data. */
export async function fuzzWorld(db: DB, jwtSecret: string, sessions: { headers: Record<string, string>[]; apiKeys: string[] }): Promise<FuzzWorld> {
  const projects = await db.selectFrom('projects').select('id').orderBy('id').execute();
  const tasks = await db.selectFrom('tasks').select('id').orderBy('id').limit(5).execute();
  const competitions = await db.selectFrom('competitions').select('id').orderBy('id').limit(3).execute();
  const users = await db.selectFrom('users').select('name').orderBy('id').execute();
  return {
    jwtSecret,
    validHeaders: sessions.headers,
    apiKeys: sessions.apiKeys,
    projectIds: projects.map((p) => p.id),
    taskIds: tasks.map((t) => t.id),
    competitionIds: competitions.map((c) => String(c.id)),
    userNames: users.map((u) => u.name),
    passwords: users.map((u) => `${u.name}-password`),
  };
}
