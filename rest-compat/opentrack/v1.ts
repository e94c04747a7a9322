// OpenTrack v1 (FastAPI generation) under /api/v1: snake_case records, Bearer tokens, FastAPI errors.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { GatewayDeps } from '../../src/http/request-context.ts';
import { contextFor } from '../../src/http/request-context.ts';
import { InvalidJson } from '../../src/http/body.ts';
import type { GantryContext } from '../../src/graphql/context.ts';
import { run, type OperationError } from '../../src/graphql/operations.ts';
import * as ops from './operations.ts';
import { competitionInput, v1Record, type GraphqlRecord } from './records.ts';
import { registerV1Changes } from './changes.ts';
import { notAuthenticated, refusedInput, sendIssues, sendOperationError } from './fastapi.ts';
import {
  authErrors,
  bearerAuth,
  competitionCreateBody,
  competitionId,
  competitionRecord,
  competitionUpdateBody,
  deletedRecord,
  detail,
  duplicateFailure,
  validationFailure,
} from './schemas.ts';

const V1 = '/api/v1';
const TAG = ['OpenTrack v1'];

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Registers a route at `url` and, hidden from the docs, at the same URL with or without the trailing slash. */
export function withOptionalSlash(app: FastifyInstance, options: RouteOptions): void {
  app.route({ attachValidation: true, ...options });
  const alias = options.url.endsWith('/') ? options.url.slice(0, -1) : `${options.url}/`;
  app.route({ attachValidation: true, ...options, url: alias, schema: { ...options.schema, hide: true } as RouteOptions['schema'] });
}

/**
 * The request's context for a signed-in user, checked in FastAPI's order: a body that is not JSON
 * (422), then the credentials (401), then the input against the route schema (422). Answers the
 * request and returns null when one fails.
 */
export async function signedIn(request: FastifyRequest, reply: FastifyReply, deps: GatewayDeps): Promise<GantryContext | null> {
  if (request.body instanceof InvalidJson) {
    refusedInput(request, reply);
    return null;
  }
  const ctx = await contextFor(request, deps);
  if (!ctx.viewer.user) {
    notAuthenticated(reply, request);
    return null;
  }
  return refusedInput(request, reply) ? null : ctx;
}

interface ListQuery {
  country?: string;
  from_date?: string;
  to_date?: string;
  slug?: string;
  organiser_id?: string;
  updated_since?: string;
  limit?: number;
  offset?: number;
  include_deleted?: boolean;
}

/** updated_since: an ISO date or date-time; without a zone it is UTC. */
function instant(value: string): string | null {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const listQuerySchema = {
  type: 'object',
  properties: {
    country: { type: 'string', description: 'IOC country code, e.g. NOR (any case).' },
    from_date: { type: 'string', format: 'date', description: 'Starting on or after this day.' },
    to_date: { type: 'string', format: 'date', description: 'Starting on or before this day.' },
    slug: { type: 'string' },
    organiser_id: { type: 'string', format: 'uuid' },
    updated_since: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([zZ]|[+-]\\d{2}:?\\d{2})?)?$',
      description: 'Changed at or after this instant (ISO date or date-time; UTC without a zone), for incremental sync.',
    },
    limit: { type: 'integer', minimum: 0, maximum: 1000, default: 100, description: 'Page size (default 100, at most 1000).' },
    offset: { type: 'integer', minimum: 0, default: 0 },
    include_deleted: {
      type: 'boolean',
      default: false,
      description:
        'Gantry extension: also list competitions deleted within the retention window (deleted at or after updated_since), ' +
        'as {"id", "deleted": true, "deleted_at"} after the page\'s records (up to limit of each per page).',
    },
  },
};

export function registerV1(app: FastifyInstance, deps: GatewayDeps): void {
  withOptionalSlash(app, {
    method: 'GET',
    url: `${V1}/ping/`,
    schema: {
      tags: TAG,
      summary: 'Is the API alive? No authentication.',
      response: { 200: { type: 'object', properties: { reply: { type: 'string', example: 'pong' }, enviroment: { type: 'string', description: 'Spelled so, as OpenTrack does.' } } } },
    },
    handler: async () => ({ reply: 'pong', enviroment: deps.config.environmentName }),
  });

  const token: Handler = async (request, reply) => {
    if (refusedInput(request, reply)) return reply;
    const body = request.body as { username: string; password: string };
    const result = await run<{ issueAccessToken: { accessToken: string; tokenType: string; expiresIn: number } }>(
      ops.issueAccessToken,
      await contextFor(request, deps),
      { username: body.username, password: body.password },
    );
    if (!result.ok) return sendOperationError(reply, result.error);
    const { accessToken, tokenType, expiresIn } = result.data.issueAccessToken;
    return { access_token: accessToken, token_type: tokenType, expires_in: expiresIn };
  };
  withOptionalSlash(app, {
    method: 'POST',
    url: `${V1}/auth/token`,
    schema: {
      tags: TAG,
      summary: 'Sign in: a bearer token valid 24 hours.',
      description: 'Form fields (or a JSON object) `username` (email or user name) and `password`.',
      consumes: ['application/x-www-form-urlencoded', 'application/json'],
      body: {
        type: 'object',
        required: ['username', 'password'],
        properties: { username: { type: 'string', description: 'Email or user name.' }, password: { type: 'string', format: 'password' } },
      },
      response: {
        200: {
          type: 'object',
          properties: { access_token: { type: 'string' }, token_type: { type: 'string', example: 'bearer' }, expires_in: { type: 'integer', example: 86400 } },
        },
        401: detail('Incorrect username or password.'),
        422: validationFailure,
      },
    },
    handler: token,
  });

  const list: Handler = async (request, reply) => {
    const ctx = await signedIn(request, reply, deps);
    if (!ctx) return reply;
    const query = request.query as ListQuery;
    let updatedSince: string | undefined;
    if (query.updated_since !== undefined) {
      updatedSince = instant(query.updated_since) ?? undefined;
      if (!updatedSince) return sendIssues(reply, [{ loc: ['query', 'updated_since'], msg: 'invalid datetime format', type: 'value_error.datetime' }]);
    }
    const result = await run<{ competitions: GraphqlRecord[] }>(ops.listCompetitions, ctx, {
      countries: query.country !== undefined ? [query.country] : null,
      fromDate: query.from_date ?? null,
      toDate: query.to_date ?? null,
      slug: query.slug ?? null,
      organiserId: query.organiser_id ?? null,
      updatedSince: updatedSince ?? null,
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    });
    if (!result.ok) return sendOperationError(reply, result.error, 'query');
    const records: Record<string, unknown>[] = result.data.competitions.map((node) => v1Record(node, false));
    if (query.include_deleted !== true) return records;
    const deleted = await run<{ deletedCompetitions: { id: string; deletedAt: string }[] }>(ops.deletedCompetitions, ctx, {
      countries: query.country !== undefined ? [query.country] : null,
      fromDate: query.from_date ?? null,
      toDate: query.to_date ?? null,
      slug: query.slug ?? null,
      organiserId: query.organiser_id ?? null,
      deletedSince: updatedSince ?? null,
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    });
    if (!deleted.ok) return sendOperationError(reply, deleted.error, 'query');
    return [...records, ...deleted.data.deletedCompetitions.map((t) => ({ id: t.id, deleted: true, deleted_at: t.deletedAt }))];
  };
  withOptionalSlash(app, {
    method: 'GET',
    url: `${V1}/competitions/`,
    schema: {
      tags: TAG,
      summary: 'Competitions by start date, filtered (dates inclusive).',
      description: 'A JSON array of calendar records (events: null). Page with limit and offset; sync incrementally with updated_since.',
      security: bearerAuth,
      querystring: listQuerySchema,
      response: { 200: { type: 'array', items: { anyOf: [competitionRecord, deletedRecord] } }, 401: authErrors[401], 422: validationFailure },
    },
    handler: list,
  });

  /** A failed create or update: the duplicate answer (409 with the matches and a token), or the error in FastAPI's words. */
  const sendWriteError = async (reply: FastifyReply, ctx: GantryContext, error: OperationError) => {
    if (error.code === 'CONFLICT' && error.extensions.reason === 'duplicate_competition') {
      const ids = error.extensions.matchingCompetitionIds as string[];
      const matches = await run<{ competitions: GraphqlRecord[] }>(ops.listCompetitions, ctx, { ids, limit: ids.length });
      if (!matches.ok) return sendOperationError(reply, matches.error);
      return reply.code(409).send({
        detail: {
          error: error.message,
          override_token: error.extensions.overrideToken,
          mathing_competitions: matches.data.competitions.map((node) => v1Record(node, false)),
          ...(error.extensions.overrideTokenProblem ? { override_token_error: error.extensions.overrideTokenProblem } : {}),
        },
      });
    }
    return sendOperationError(reply, error);
  };
  const overrideTokenOf = (body: Record<string, unknown>) => (typeof body.override_token === 'string' && body.override_token !== '' ? body.override_token : null);

  const create: Handler = async (request, reply) => {
    const ctx = await signedIn(request, reply, deps);
    if (!ctx) return reply;
    const body = request.body as Record<string, unknown>;
    const result = await run<{ createCompetition: GraphqlRecord }>(ops.createCompetition, ctx, {
      input: competitionInput(body),
      overrideToken: overrideTokenOf(body),
    });
    if (result.ok) return reply.code(201).send(v1Record(result.data.createCompetition, true));
    return sendWriteError(reply, ctx, result.error);
  };
  withOptionalSlash(app, {
    method: 'POST',
    url: `${V1}/competitions/`,
    config: { jsonBody: true },
    schema: {
      tags: TAG,
      summary: 'Create a competition.',
      description:
        'Admins, and members of ADMIN_<IOC> for that country, may create; the creator becomes the DIRECTOR. If a competition with the same ' +
        'name (trimmed, any case) and date exists, the answer is 409 with `mathing_competitions` and an `override_token`: post again with ' +
        'it to create anyway. A taken slug is a plain 409.',
      security: bearerAuth,
      body: competitionCreateBody,
      response: { 201: competitionRecord, ...authErrors, 409: duplicateFailure, 422: validationFailure },
    },
    handler: create,
  });

  const check: Handler = async (request, reply) => {
    const ctx = await signedIn(request, reply, deps);
    if (!ctx) return reply;
    const result = await run<{ validateCompetition: GraphqlRecord }>(ops.validateCompetition, ctx, {
      input: competitionInput(request.body as Record<string, unknown>),
    });
    if (!result.ok) return sendOperationError(reply, result.error);
    return v1Record(result.data.validateCompetition, true);
  };
  withOptionalSlash(app, {
    method: 'POST',
    url: `${V1}/competitions/test`,
    config: { jsonBody: true },
    schema: {
      tags: TAG,
      summary: 'Check a competition against the schema without saving it.',
      description: 'Answers 200 with the record as it would be stored (year derived, units created from rounds), or 422 listing every problem.',
      security: bearerAuth,
      body: competitionCreateBody,
      response: { 200: competitionRecord, 401: authErrors[401], 422: validationFailure },
    },
    handler: check,
  });

  const read: Handler = async (request, reply) => {
    const ctx = await signedIn(request, reply, deps);
    if (!ctx) return reply;
    const { id } = request.params as { id: string };
    const result = await run<{ competition: GraphqlRecord | null }>(ops.getCompetition, ctx, { id });
    if (!result.ok) return sendOperationError(reply, result.error);
    if (!result.data.competition) return reply.code(404).send({ detail: 'Not Found' });
    return v1Record(result.data.competition, true);
  };
  withOptionalSlash(app, {
    method: 'GET',
    url: `${V1}/competitions/:id`,
    schema: {
      tags: TAG,
      summary: 'A competition, with its events.',
      security: bearerAuth,
      params: competitionId,
      response: { 200: competitionRecord, 401: authErrors[401], 404: detail('No competition has this id.'), 422: validationFailure },
    },
    handler: read,
  });

  const update: Handler = async (request, reply) => {
    const ctx = await signedIn(request, reply, deps);
    if (!ctx) return reply;
    const { id } = request.params as { id: string };
    const body = request.body as Record<string, unknown>;
    const result = await run<{ updateCompetition: GraphqlRecord }>(ops.updateCompetition, ctx, {
      id,
      input: competitionInput(body),
      overrideToken: overrideTokenOf(body),
    });
    if (!result.ok) return sendWriteError(reply, ctx, result.error);
    return v1Record(result.data.updateCompetition, true);
  };
  withOptionalSlash(app, {
    method: 'POST',
    url: `${V1}/competitions/:id`,
    config: { jsonBody: true },
    schema: {
      tags: TAG,
      summary: 'Change some fields of a competition (partial update).',
      description:
        'Send only the fields to change; `events`, when sent, replaces all events. The create rules hold for the result: renaming it ' +
        '(or moving its date) onto another competition with the same name and date answers 409 with `mathing_competitions` and an ' +
        '`override_token`, which you send back to go ahead.',
      security: bearerAuth,
      params: competitionId,
      body: competitionUpdateBody,
      response: { 200: competitionRecord, ...authErrors, 404: detail('No competition has this id.'), 409: duplicateFailure, 422: validationFailure },
    },
    handler: update,
  });

  const remove: Handler = async (request, reply) => {
    const ctx = await signedIn(request, reply, deps);
    if (!ctx) return reply;
    const { id } = request.params as { id: string };
    const result = await run<{ deleteCompetition: boolean }>(ops.deleteCompetition, ctx, { id });
    if (!result.ok) return sendOperationError(reply, result.error);
    return { detail: 'Competition deleted', id };
  };
  withOptionalSlash(app, {
    method: 'DELETE',
    url: `${V1}/competitions/:id`,
    schema: {
      tags: TAG,
      summary: 'Delete a competition.',
      security: bearerAuth,
      params: competitionId,
      response: {
        200: { type: 'object', properties: { detail: { type: 'string' }, id: { type: 'string', format: 'uuid' } } },
        ...authErrors,
        404: detail('No competition has this id.'),
        422: validationFailure,
      },
    },
    handler: remove,
  });

  registerV1Changes(app, deps);
}
