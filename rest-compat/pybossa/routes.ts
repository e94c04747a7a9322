// PYBOSSA's REST routes. Each request: rate limit -> parse the route and query string -> run the
// cached GraphQL document with the caller's viewer -> shape PYBOSSA objects or its error object.
import { logInternalError } from '../../src/http/error-log.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayDeps } from '../../src/http/request-context.ts';
import { contextFor } from '../../src/http/request-context.ts';
import { rateLimitHeaders } from '../../src/http/rate-limit.ts';
import { InvalidJson } from '../../src/http/body.ts';
import { dialectOfPath, sendRouteNotFound } from '../../src/http/dialect-errors.ts';
import { codeOf, ERROR_CODES } from '../../src/graphql/errors.ts';
import { run } from '../../src/graphql/operations.ts';
import { OBJECTS, TOLERATED_BODY_KEYS, type PybossaObject } from './objects.ts';
import { createDocument, deleteDocument, getDocument, globalStatsDocument, listDocument, newTasksDocument, projectTokenDocument, updateDocument, userProgressDocument } from './documents.ts';
import { shape } from './shape.ts';
import { flatQuery, fuzzyBool, listVariables, type Query } from './query.ts';
import {
  DEFAULT_TEXT,
  PybossaFailure,
  attributeError,
  badRequest,
  errorBody,
  forbidden,
  fromOperationError,
  methodNotAllowed,
  notFound,
  typeError,
  unauthorized,
  valueError,
} from './errors.ts';

type Node = Record<string, unknown>;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS, POST, PUT, DELETE',
  'Access-Control-Max-Age': '21600',
};

/** CORS preflight, as PYBOSSA answers it: the requested headers echoed back. */
function preflight(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(200)
    .headers({ ...CORS, 'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? 'Content-Type, Authorization' })
    .send('');
}

/** A failure carries the action and target PYBOSSA reports with it. */
class RouteFailure extends Error {
  constructor(
    readonly failure: PybossaFailure,
    readonly action: string,
    readonly target: string,
  ) {
    super(failure.message);
  }
}

function sendFailure(reply: FastifyReply, failure: PybossaFailure, action: string, target: string) {
  return reply.code(failure.statusCode).type('application/json').send(errorBody(failure, action, target));
}

/** Python's json.loads wording for an empty body; otherwise the parser's own message. */
function jsonError(raw: string): PybossaFailure {
  if (raw.trim() === '') return valueError('Expecting value: line 1 column 1 (char 0)');
  try {
    JSON.parse(raw);
    return valueError('The body is not valid JSON.');
  } catch (error) {
    return valueError((error as Error).message);
  }
}

/** The request body as PYBOSSA reads it: JSON whatever the content type (multipart only for task runs). */
function readBody(request: FastifyRequest, object: PybossaObject): Node {
  const body = request.body as unknown;
  if (body instanceof InvalidJson) throw valueError(body.message);
  let value: unknown = body;
  if (typeof body === 'string' || body === undefined) {
    const raw = typeof body === 'string' ? body : '';
    try {
      value = JSON.parse(raw);
    } catch {
      throw jsonError(raw);
    }
  } else if (/multipart\/form-data/i.test(request.headers['content-type'] ?? '') && object.name === 'taskrun') {
    const form = body as Record<string, unknown>;
    value = { ...form };
    if (typeof form.info === 'string') {
      try {
        (value as Node).info = JSON.parse(form.info);
      } catch {
        throw valueError('info is not valid JSON');
      }
    }
    for (const key of ['project_id', 'task_id']) if (typeof form[key] === 'string') (value as Node)[key] = Number(form[key]);
  } else if (/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) {
    throw valueError('Expecting value: line 1 column 1 (char 0)');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PybossaFailure(415, 'TypeError', `${object.cls} expects a JSON object with its fields`);
  }
  return value as Node;
}

/** Any query key but api_key must be a field of the object (PYBOSSA's valid_args check on writes). */
function checkWriteQuery(object: PybossaObject, query: Query): void {
  for (const key of Object.keys(query)) {
    if (key !== 'api_key' && !object.columns.includes(key)) throw attributeError(object.cls, key);
  }
}

function bodyToInput(object: PybossaObject, body: Node, mode: 'create' | 'update'): Record<string, unknown> {
  const reserved = object.reserved.filter((key) => key in body);
  if (reserved.length) {
    throw badRequest(object.name === 'category' ? `Reserved keys in payload: ${reserved.join(', ')}` : 'Reserved keys in payload');
  }
  if (object.name === 'project' && 'published' in body) throw forbidden('You cannot publish a project via the API');
  const spec = mode === 'create' ? object.createInput : object.updateInput;
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'link' || key === 'links') continue;
    const field = spec[key];
    if (field) {
      // Values go to GraphQL as they are: its variable coercion refuses wrong types (answered as 415).
      input[field.key] = value;
    } else if (!TOLERATED_BODY_KEYS[object.name].includes(key)) {
      throw typeError(object.cls, key);
    }
  }
  if (mode === 'create' && (object.name === 'project' || object.name === 'category')) {
    for (const required of ['name', 'short_name', 'description']) {
      const value = body[required];
      if (value === undefined || value === null || value === '') {
        throw new PybossaFailure(415, 'DBIntegrityError', `(psycopg2.errors.NotNullViolation) null value in column "${required}" of relation "${object.name}" violates not-null constraint`);
      }
    }
  }
  return input;
}

/** ?stats=<anything non-empty> embeds a project's statistics (other objects ignore it). */
const wantsStats = (object: PybossaObject, query: Query): boolean => object.name === 'project' && Boolean(query.stats);

const parseId = (raw: string): number | null => (/^\d{1,9}$/.test(raw) ? Number(raw) : null);

export function registerPybossa(app: FastifyInstance, deps: GatewayDeps): void {
  const baseUrl = deps.config.baseUrl;

  /** Counts the request against its endpoint's window and sets the headers; false when refused (429 sent). */
  async function admit(request: FastifyRequest, reply: FastifyReply, endpoint: string, view: string): Promise<boolean> {
    if (!deps.rateLimits) return true;
    const decision = await deps.rateLimits.hit(endpoint, request.ip);
    if (deps.rateLimits.countsAsStatement) request.statementStats.statements += 1;
    reply.headers(rateLimitHeaders(decision));
    if (decision.allowed) return true;
    sendFailure(reply, new PybossaFailure(429, 'TooManyRequests', DEFAULT_TEXT[429]), view, request.url.split('?')[0]!);
    return false;
  }

  async function handle(request: FastifyRequest, reply: FastifyReply, action: string, target: string, work: () => Promise<unknown>) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RouteFailure) return sendFailure(reply, error.failure, error.action, error.target);
      if (error instanceof PybossaFailure) return sendFailure(reply, error, action, target);
      // The database gone (503), a value it refused (415): what any route would answer; anything else is ours (500).
      const code = codeOf(error);
      if (code === 'INTERNAL_SERVER_ERROR') logInternalError(request, error);
      return sendFailure(reply, fromOperationError({ code, status: ERROR_CODES[code].status, message: ERROR_CODES[code].message, extensions: {} }), action, target);
    }
  }

  async function runOrFail<T>(request: FastifyRequest, op: Parameters<typeof run>[0], variables: Record<string, unknown>, apiKey: string | undefined, quirks: Parameters<typeof fromOperationError>[1] = {}): Promise<T> {
    const ctx = await contextFor(request, deps, apiKey);
    request.graphqlOperation = op;
    const outcome = await run<T>(op, ctx, variables);
    if (!outcome.ok) throw fromOperationError(outcome.error, quirks);
    return outcome.data;
  }

  /** Results are made by the server: creating or deleting one is refused (401 anonymous, 403 signed in). */
  async function refusal(request: FastifyRequest, apiKey: string | undefined): Promise<PybossaFailure> {
    const ctx = await contextFor(request, deps, apiKey);
    return ctx.viewer.user ? forbidden() : unauthorized();
  }

  for (const object of Object.values(OBJECTS)) {
    const endpoint = `api.api_${object.name}`;

    app.route({
      method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
      url: `/api/${object.name}`,
      handler: async (request, reply) => {
        const method = request.method;
        if (method === 'OPTIONS') return preflight(request, reply);
        if (!(await admit(request, reply, endpoint, method.toLowerCase()))) return reply;
        const query = flatQuery(request.query);
        return handle(request, reply, method, object.name, async () => {
          // HEAD is GET without the body (Fastify routes it here with the GET).
          if (method === 'GET' || method === 'HEAD') {
            const { variables, related } = listVariables(object, query);
            const data = await runOrFail<{ items: Node[] }>(request, listDocument(object, related, wantsStats(object, query)), variables, query.api_key);
            return reply.type('application/json').send(data.items.map((item) => shape(object, item, { baseUrl, links: true })));
          }
          if (method !== 'POST') throw methodNotAllowed();
          checkWriteQuery(object, query);
          if (object.name === 'user') throw new RouteFailure(methodNotAllowed(), 'POST', 'user');
          if (object.name === 'result') throw await refusal(request, query.api_key);
          const body = readBody(request, object);
          const input = bodyToInput(object, body, 'create');
          if (object.name === 'taskrun' && input.externalUid === undefined && query.external_uid) input.externalUid = query.external_uid;
          const data = await runOrFail<{ item: Node }>(request, createDocument(object), { input }, query.api_key, {
            missingProjectIsAttributeError: object.name === 'task' ? 'project' : undefined,
          });
          return reply.type('application/json').send(shape(object, data.item, { baseUrl, links: false }));
        });
      },
    });

    app.route({
      method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
      url: `/api/${object.name}/:id`,
      handler: async (request, reply) => {
        const method = request.method;
        if (method === 'OPTIONS') return preflight(request, reply);
        if (!(await admit(request, reply, endpoint, method.toLowerCase()))) return reply;
        const query = flatQuery(request.query);
        const action = method === 'DELETE' && object.name === 'user' ? 'DEL' : method;
        return handle(request, reply, action, object.name, async () => {
          const id = parseId((request.params as { id: string }).id);
          if (method === 'POST' || method === 'PATCH') throw methodNotAllowed();
          if (method === 'DELETE' && object.name === 'user') throw methodNotAllowed();
          if (id === null) throw notFound();
          if (method === 'GET' || method === 'HEAD') {
            const data = await runOrFail<{ item: Node | null }>(request, getDocument(object, Boolean(query.related), wantsStats(object, query)), { id }, query.api_key);
            if (!data.item) throw notFound();
            return reply.type('application/json').send(shape(object, data.item, { baseUrl, links: true }));
          }
          checkWriteQuery(object, query);
          if (method === 'PUT') {
            const body = readBody(request, object);
            const input = bodyToInput(object, body, 'update');
            const variables = object.name === 'result' ? { id, input: input.info ?? null } : { id, input };
            const data = await runOrFail<{ item: Node }>(request, updateDocument(object), variables, query.api_key);
            return reply.type('application/json').send(shape(object, data.item, { baseUrl, links: false }));
          }
          // Only DELETE gets past here: any other method must never reach the delete.
          if (method !== 'DELETE') throw methodNotAllowed();
          if (object.name === 'result') throw await refusal(request, query.api_key);
          await runOrFail(request, deleteDocument(object), { id }, query.api_key);
          return reply.code(204).type('application/json').send();
        });
      },
    });
  }

  // The scheduler: /api/project/<id>/newtask and the seed's shorter /api/<id>/newtask.
  const newTask = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(await admit(request, reply, 'api.new_task', 'new_task'))) return reply;
    const query = flatQuery(request.query);
    return handle(request, reply, 'GET', 'project', async () => {
      const projectId = parseId((request.params as { id: string }).id);
      if (projectId === null) throw notFound();
      const intArg = (name: string, fallback: number) => {
        const raw = query[name];
        if (raw === undefined || raw === '') return fallback;
        if (!/^-?\d+$/.test(raw.trim())) throw valueError(`invalid literal for int() with base 10: '${raw}'`);
        return Number(raw);
      };
      const limit = Math.min(intArg('limit', 1), 100);
      const offset = intArg('offset', 0);
      const orderby = query.orderby || 'id';
      const orderBy = ({ id: 'id', created: 'created', priority_0: 'priority0' } as Record<string, string>)[orderby];
      if (!orderBy) throw attributeError('Task', orderby);
      const desc = fuzzyBool(query.desc);
      const ctx = await contextFor(request, deps, query.api_key);
      request.graphqlOperation = newTasksDocument;
      const outcome = await run<{ items: Node[] }>(newTasksDocument, ctx, {
        projectId,
        externalUid: query.external_uid || null,
        offset: Math.max(offset, 0),
        limit: Math.max(limit, 1),
        orderBy,
        desc,
      });
      if (!outcome.ok) {
        const reason = outcome.error.extensions.reason;
        if (reason === 'anonymous_not_allowed') {
          const placeholder: Node = Object.fromEntries(OBJECTS.task.columns.map((column) => [column, null]));
          placeholder.info = { error: 'This project does not allow anonymous contributors' };
          return reply.type('application/json').send(placeholder);
        }
        if (reason === 'project_token') {
          return reply.code(401).type('application/json').send({ code: outcome.error.extensions.jwtCode, description: outcome.error.extensions.description });
        }
        throw fromOperationError(outcome.error);
      }
      const tasks = outcome.data.items.map((item) => shape(OBJECTS.task, item, { baseUrl, links: false }));
      return reply.type('application/json').send(tasks.length === 0 ? {} : tasks.length === 1 ? tasks[0] : tasks);
    });
  };
  app.get('/api/project/:id/newtask', newTask);
  app.get('/api/:id/newtask', newTask);

  const userProgress = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(await admit(request, reply, 'api.user_progress', 'user_progress'))) return reply;
    const query = flatQuery(request.query);
    return handle(request, reply, 'GET', 'project', async () => {
      const key = (request.params as { project: string }).project;
      const id = parseId(key);
      const data = await runOrFail<{ progress: { done: number; total: number } }>(
        request,
        userProgressDocument,
        id === null ? { shortName: key, externalUid: query.external_uid || null } : { projectId: id, externalUid: query.external_uid || null },
        query.api_key,
      );
      return reply.type('application/json').send(data.progress);
    });
  };
  app.get('/api/project/:project/userprogress', userProgress);
  app.get('/api/app/:project/userprogress', userProgress);

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE'],
    url: '/api/globalstats',
    handler: async (request, reply) => {
      if (!(await admit(request, reply, 'api.api_globalstats', request.method.toLowerCase()))) return reply;
      return handle(request, reply, request.method, 'globalstats', async () => {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed();
        const { stats } = await runOrFail<{ stats: Record<string, number> & { categories: { shortName: string; projects: number }[] } }>(request, globalStatsDocument, {}, undefined);
        return reply.type('application/json').send({
          n_projects: stats.nProjects,
          n_users: stats.nUsers,
          n_tasks: stats.nTasks,
          n_task_runs: stats.nTaskRuns,
          n_pending_tasks: stats.nPendingTasks,
          n_results: stats.nResults,
          categories: [...stats.categories.map((c) => ({ [c.shortName]: c.projects })), { featured: stats.featured }, { draft: stats.draft }],
        });
      });
    },
  });

  // A partner app's token for external users: the raw project secret in Authorization.
  app.get('/api/auth/project/:short_name/token', async (request, reply) => {
    if (!(await admit(request, reply, 'api.auth_jwt_project', 'auth_jwt_project'))) return reply;
    return handle(request, reply, 'GET', 'project', async () => {
      const secret = request.headers.authorization?.trim();
      if (!secret) throw forbidden();
      const { token } = await runOrFail<{ token: string }>(request, projectTokenDocument, { shortName: (request.params as { short_name: string }).short_name, secretKey: secret }, undefined);
      return reply.type('text/html; charset=utf-8').send(token);
    });
  });

  // Every other /api path answers in PYBOSSA's error format (JSend and race-server paths are routed before this).
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (dialectOfPath(path) !== 'pybossa') return sendRouteNotFound(request, reply);
    if (path === '/api' || path.startsWith('/api/')) {
      const target = path.split('/')[2] ?? '';
      return sendFailure(reply, notFound(), request.method, target);
    }
    return reply.code(404).type('application/json').send({ error: 'Not Found', message: `No route for ${request.method} ${path}`, statusCode: 404 });
  });
}
