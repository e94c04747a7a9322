// OpenTrack's older API (Django REST framework generation): camelCase where keys have two words,
// `Authorization: Token <t>`, DRF error shapes ({"detail"} for 401, {"field": ["..."]} for 400).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayDeps } from '../../src/http/request-context.ts';
import { contextFor } from '../../src/http/request-context.ts';
import type { GantryContext } from '../../src/graphql/context.ts';
import { InvalidJson } from '../../src/http/body.ts';
import { run, type OperationError } from '../../src/graphql/operations.ts';
import * as ops from './operations.ts';
import { withOptionalSlash } from './v1.ts';
import { tokenAuth } from './schemas.ts';

const TAG = ['OpenTrack older API'];
/** Competition pages of OpenTrack carry a locale prefix (/en-gb/x/<year>/<COUNTRY>/<slug>/). */
const PAGE_LOCALE = '/en-gb';

const drfDetail = (description: string) => ({ description, type: 'object', properties: { detail: { type: 'string' } } });
const fieldErrors = {
  description: 'Bad input: each field with its problems.',
  type: 'object',
  additionalProperties: { type: 'array', items: { type: 'string' } },
};

function notAuthenticated(request: FastifyRequest, reply: FastifyReply, ctx: GantryContext): FastifyReply {
  const detail = request.headers.authorization && ctx.viewer.credential === 'none' ? 'Invalid token.' : 'Authentication credentials were not provided.';
  return reply.code(401).header('www-authenticate', 'Token').send({ detail });
}

function sendError(reply: FastifyReply, error: OperationError): FastifyReply {
  if (error.code === 'BAD_USER_INPUT') {
    const fields = (error.extensions.fields ?? []) as { field: string; message: string }[];
    const body: Record<string, string[]> = {};
    for (const f of fields) (body[f.field] ??= []).push(f.message);
    return reply.code(400).send(fields.length ? body : { non_field_errors: [error.message] });
  }
  if (error.code === 'UNAUTHENTICATED') return reply.code(401).header('www-authenticate', 'Token').send({ detail: error.message });
  return reply.code(error.status).send({ detail: error.message });
}

/** Body problems in DRF's shape; true when the request was answered. */
function refusedBody(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.body instanceof InvalidJson) {
    reply.code(400).send({ detail: `JSON parse error - ${request.body.message}` });
    return true;
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  const problems: Record<string, string[]> = {};
  for (const field of ['username', 'password']) {
    const value = body[field];
    if (value === undefined || value === null) problems[field] = ['This field is required.'];
    else if (typeof value !== 'string' || value === '') problems[field] = ['This field may not be blank.'];
  }
  if (Object.keys(problems).length) {
    reply.code(400).send(problems);
    return true;
  }
  return false;
}

export function registerLegacy(app: FastifyInstance, deps: GatewayDeps): void {
  withOptionalSlash(app, {
    method: 'POST',
    url: '/api/get-auth-token/',
    schema: {
      tags: TAG,
      summary: 'Sign in: your static token, for `Authorization: Token <token>`.',
      description: 'Form fields (or a JSON object) `username` (email or user name) and `password`. The same token comes back until it is revoked.',
      consumes: ['application/x-www-form-urlencoded', 'application/json', 'multipart/form-data'],
      body: {
        type: 'object',
        properties: { username: { type: 'string', description: 'Email or user name.' }, password: { type: 'string', format: 'password' } },
        required: ['username', 'password'],
      },
      response: {
        200: { type: 'object', properties: { token: { type: 'string' } } },
        400: fieldErrors,
      },
    },
    handler: async (request, reply) => {
      if (refusedBody(request, reply)) return reply;
      const body = request.body as { username: string; password: string };
      const result = await run<{ issueStaticToken: { token: string } }>(ops.issueStaticToken, await contextFor(request, deps), {
        username: body.username,
        password: body.password,
      });
      if (!result.ok) {
        if (result.error.code === 'UNAUTHENTICATED') return reply.code(400).send({ non_field_errors: ['Unable to log in with provided credentials.'] });
        return sendError(reply, result.error);
      }
      return { token: result.data.issueStaticToken.token };
    },
  });

  withOptionalSlash(app, {
    method: 'GET',
    url: '/api/hello/',
    schema: {
      tags: TAG,
      summary: 'Check your token: a greeting with your name and email.',
      security: tokenAuth,
      response: {
        200: { type: 'object', properties: { message: { type: 'string', example: 'Hello, John Smith <name@email.com>!' } } },
        401: drfDetail('No valid token.'),
      },
    },
    handler: async (request, reply) => {
      const ctx = await contextFor(request, deps);
      if (!ctx.viewer.user) return notAuthenticated(request, reply, ctx);
      const result = await run<{ me: { name: string; fullname: string | null; emailAddr: string | null } }>(ops.hello, ctx);
      if (!result.ok) return sendError(reply, result.error);
      const { name, fullname, emailAddr } = result.data.me;
      return { message: `Hello, ${fullname || name} <${emailAddr ?? ''}>!` };
    },
  });

  withOptionalSlash(app, {
    method: 'GET',
    url: '/api/my-competitions/',
    schema: {
      tags: TAG,
      summary: 'Competitions you hold a role in (DIRECTOR), newest first.',
      security: tokenAuth,
      querystring: {
        type: 'object',
        properties: {
          to_date: { type: 'string', description: 'Only competitions starting on or before this day: an ISO date or date-time, e.g. 2026-12-25T12:00:00Z.' },
        },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            competitions: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  date: { type: 'string', format: 'date' },
                  name: { type: 'string' },
                  id: { type: 'string', format: 'uuid' },
                  url: { type: 'string', example: '/en-gb/x/2026/GBR/lac-open-2/' },
                  country: { type: 'string' },
                  role: { type: 'string', example: 'DIRECTOR' },
                },
              },
            },
          },
        },
        400: fieldErrors,
        401: drfDetail('No valid token.'),
      },
    },
    handler: async (request, reply) => {
      const ctx = await contextFor(request, deps);
      if (!ctx.viewer.user) return notAuthenticated(request, reply, ctx);
      const { to_date: raw } = request.query as { to_date?: string };
      let toDate: string | null = null;
      if (raw !== undefined && raw !== '') {
        const day = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:[zZ]|[+-]\d{2}:?\d{2})?)?$/.exec(raw.trim())?.[1];
        if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
          return reply.code(400).send({ to_date: ['Enter a valid date/time.'] });
        }
        toDate = day;
      }
      const result = await run<{ myCompetitions: { date: string; name: string; id: string; path: string; country: string; role: string | null }[] }>(
        ops.myCompetitions,
        ctx,
        { toDate, limit: 1000 },
      );
      if (!result.ok) return sendError(reply, result.error);
      return {
        competitions: result.data.myCompetitions.map((c) => ({ date: c.date, name: c.name, id: c.id, url: `${PAGE_LOCALE}${c.path}`, country: c.country, role: c.role })),
      };
    },
  });
}
