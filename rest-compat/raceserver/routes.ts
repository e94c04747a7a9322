// The race server's API (docs/dialects/raceserver.md): POST /api/upload with user + key + secret,
// its CORS preflight, and the HTML page at GET /api. The credential checks, their order and texts,
// the one-time secrets and the buggy rules live in src/domain/credentials/ and src/domain/buggy/;
// this file only maps fields to variables and answers in the original's shapes.
import { logInternalError } from '../../src/http/error-log.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import { operation, run } from '../../src/graphql/operations.ts';
import { contextFor, type GatewayDeps } from '../../src/http/request-context.ts';
import { codeOf, ERROR_CODES } from '../../src/graphql/errors.ts';
import { formFields } from './fields.ts';
import { renderApiPage } from './api-page.ts';

const upload = operation(`
  mutation RaceServerUpload($user: String, $key: String, $secret: String, $buggyJson: String) {
    uploadBuggyWithApiKey(user: $user, key: $key, secret: $secret, buggyJson: $buggyJson) { ok error }
  }`);

const apiPageSettings = operation(`
  query RaceServerApiPage {
    settings { taskNameForApi apiSecretTimeToLive isApiSecretOneTimePw isStudentApiOtpAllowed }
  }`);

/** Python's json.dumps of {key: text}: a space after the colon, non-ASCII escaped. */
const pyJsonPair = (key: 'ok' | 'error', text: string): string =>
  `{"${key}": ${JSON.stringify(text).replace(/[\u007f-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'))}}`;

function answer(reply: FastifyReply, status: number, key: 'ok' | 'error', text: string): FastifyReply {
  return reply.code(status).header('content-type', 'application/json').header('access-control-allow-origin', '*').send(pyJsonPair(key, text));
}

const RESPONSES = {
  200: { description: 'Upload result: `{"ok": "buggy created OK"}`, `{"ok": "buggy updated OK"}` or `{"error": "..."}` (200 does not mean success).', type: 'object' },
  401: { description: 'Credentials refused: `{"error": "missing user"}`, `{"error": "not authorised (bad secret)"}`, ...', type: 'object' },
};

export function registerRaceServer(app: FastifyInstance, deps: GatewayDeps): void {
  const tags = ['raceserver'];

  app.post(
    '/api/upload',
    {
      attachValidation: true,
      schema: {
        summary: 'Upload a buggy with user name, API key and secret',
        description:
          'Form-encoded or multipart fields (a JSON object works too). Refused credentials answer 401 in the original\'s check order; otherwise 200 with `ok` or `error`. The upload replaces the whole buggy.',
        tags,
        consumes: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
        body: {
          type: 'object',
          properties: {
            user: { description: 'Username (case-sensitive); `username` is accepted too.' },
            key: { description: 'The API key staff issued to the user.' },
            secret: { description: 'The API secret the user set (it expires; it may be one-time).' },
            buggy_json: { description: 'The buggy as JSON text, e.g. {"qty_wheels": 6}.' },
          },
        },
        response: RESPONSES,
      } as FastifySchema,
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const isJson = /json/i.test(request.headers['content-type'] ?? '');
        const fields = formFields(request.body, isJson);
        const user = fields.user !== undefined && fields.user.trim() !== '' ? fields.user : (fields.username ?? fields.user);
        const outcome = await run<{ uploadBuggyWithApiKey: { ok: string | null; error: string | null } }>(upload, await contextFor(request, deps), {
          user: user ?? null,
          key: fields.key ?? null,
          secret: fields.secret ?? null,
          buggyJson: fields.buggy_json ?? null,
        });
        if (!outcome.ok) return answer(reply, outcome.error.status, 'error', outcome.error.message);
        const result = outcome.data.uploadBuggyWithApiKey;
        return result.ok !== null ? answer(reply, 200, 'ok', result.ok) : answer(reply, 200, 'error', result.error ?? '');
      } catch (thrown) {
        const code = codeOf(thrown);
        if (code === 'INTERNAL_SERVER_ERROR') logInternalError(request, thrown);
        return answer(reply, ERROR_CODES[code].status, 'error', ERROR_CODES[code].message);
      }
    },
  );

  app.options(
    '/api/upload',
    { schema: { summary: 'CORS preflight for the upload', tags, response: { 204: { description: 'No body; CORS headers.', type: 'null' } } } as FastifySchema },
    async (_request, reply) =>
      reply
        .code(204)
        .header('access-control-allow-origin', '*')
        .header('access-control-allow-headers', '*')
        .header('access-control-allow-methods', 'POST')
        .send(),
  );

  // The original answers other methods with 405 and an Allow header.
  const served = new Set(['POST', 'OPTIONS']);
  const others = app.supportedMethods.filter((m) => !served.has(m) && m !== 'HEAD') as HTTPMethods[];
  app.route({
    method: others,
    url: '/api/upload',
    schema: { hide: true } as FastifySchema,
    handler: async (_request, reply) => {
      reply.header('allow', 'OPTIONS, POST');
      return answer(reply, 405, 'error', 'method not allowed: POST the fields user, key, secret and buggy_json');
    },
  });

  const page = apiPage(deps);
  const pageSchema = {
    summary: "The race server's API page (HTML)",
    tags,
    produces: ['text/html'],
    response: { 200: { description: 'An HTML page describing POST /api/upload.', type: 'string' } },
  } as FastifySchema;
  // GET /api/ is shared with PYBOSSA: rest-compat/api-index.ts serves this page there to browsers.
  app.get('/api', { schema: pageSchema }, page);
}

/** The HTML page describing the upload API (GET /api, and GET /api/ for browsers). */
export function apiPage(deps: GatewayDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    let outcome;
    try {
      outcome = await run<{
        settings: { taskNameForApi: string; apiSecretTimeToLive: number; isApiSecretOneTimePw: boolean; isStudentApiOtpAllowed: boolean };
      }>(apiPageSettings, await contextFor(request, deps));
    } catch (thrown) {
      const code = codeOf(thrown);
      if (code === 'INTERNAL_SERVER_ERROR') logInternalError(request, thrown);
      outcome = { ok: false as const, error: { status: ERROR_CODES[code].status, message: ERROR_CODES[code].message } };
    }
    if (!outcome.ok) {
      return reply.code(outcome.error.status).header('content-type', 'text/plain; charset=utf-8').send(outcome.error.message);
    }
    return reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderApiPage({ baseUrl: deps.config.baseUrl, ...outcome.data.settings }));
  };
}
