// Submitty-style token routes (docs/dialects/jsend.md). Each route runs one cached GraphQL
// operation and shapes the answer into the JSend envelope; the checks and their messages live in
// src/domain/credentials/. Route matching comes before authentication, as in Submitty: an unknown
// path under /api/token or /api/me fails with "Endpoint not found.", a wrong method with
// "Method not allowed.", for anonymous callers too.
import { logInternalError } from '../../src/http/error-log.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import { operation, run, type OperationError } from '../../src/graphql/operations.ts';
import { contextFor, type GatewayDeps } from '../../src/http/request-context.ts';
import { codeOf, ERROR_CODES } from '../../src/graphql/errors.ts';
import { error, fail, sendJsend, success, type JsendEnvelope } from './envelope.ts';
import { formFields } from './fields.ts';

const issueToken = operation(`
  mutation JsendIssueToken($userId: String, $password: String) {
    issueJsendToken(userId: $userId, password: $password) { token }
  }`);

const invalidateToken = operation(`
  mutation JsendInvalidateToken($userId: String, $password: String) {
    invalidateJsendToken(userId: $userId, password: $password)
  }`);

const tokenOwner = operation(`
  query JsendTokenOwner {
    jsendTokenOwner { userId }
  }`);

const me = operation(`
  query JsendMe {
    jsendTokenOwner { userId givenName familyName }
  }`);

const ROUTING = { notFound: 'Endpoint not found.', wrongMethod: 'Method not allowed.' } as const;

/** Failures the caller can act on are `fail`; our own trouble is `error`. */
function failureEnvelope(problem: Pick<OperationError, 'code' | 'message'>): JsendEnvelope {
  return problem.code === 'INTERNAL_SERVER_ERROR' || problem.code === 'SERVICE_UNAVAILABLE' ? error(problem.message) : fail(problem.message);
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<JsendEnvelope>;

/** Whatever goes wrong, the client gets an envelope, never a framework error page. */
const answer =
  (handler: Handler) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    let envelope: JsendEnvelope;
    try {
      envelope = await handler(request, reply);
    } catch (thrown) {
      const code = codeOf(thrown);
      if (code === 'INTERNAL_SERVER_ERROR') logInternalError(request, thrown);
      envelope = failureEnvelope({ code, message: ERROR_CODES[code].message });
    }
    return sendJsend(reply, envelope);
  };

const JSEND_RESPONSE = {
  200: {
    description:
      'A JSend envelope, always with HTTP 200: `{"status":"success","data":...}`, `{"status":"fail","message":...}` or `{"status":"error","message":...}` (pretty-printed as Submitty does).',
    type: 'object',
    properties: { status: { type: 'string', enum: ['success', 'fail', 'error'] }, data: {}, message: { type: 'string' } },
  },
};

const CREDENTIAL_BODY = {
  type: 'object',
  description: 'JSON, form-encoded or multipart fields.',
  properties: {
    user_id: { description: "The user's id (name), trimmed: the exact name, or in another case when it names exactly one user." },
    password: { description: "The user's password." },
  },
};

const CONSUMES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** Every method Fastify routes, minus the ones a path serves (HEAD comes with GET). */
function otherMethods(app: FastifyInstance, served: HTTPMethods[]): HTTPMethods[] {
  const taken = new Set<string>(served);
  if (taken.has('GET')) taken.add('HEAD');
  return app.supportedMethods.filter((m) => !taken.has(m)) as HTTPMethods[];
}

export function registerJsend(app: FastifyInstance, deps: GatewayDeps): void {
  const tags = ['jsend'];
  const hidden: FastifySchema = { hide: true } as FastifySchema;

  app.post(
    '/api/token',
    {
      attachValidation: true,
      schema: {
        summary: 'Get an API token (Submitty style)',
        description:
          'Give `user_id` and `password`; answers `{"status":"success","data":{"token":"<JWT>"}}`. Send the token as the raw `Authorization` header value (`Bearer <token>` works too). Every earlier token of the user stops working.',
        tags,
        consumes: CONSUMES,
        body: CREDENTIAL_BODY,
        response: JSEND_RESPONSE,
      } as FastifySchema,
    },
    answer(async (request) => {
      const fields = formFields(request.body);
      const outcome = await run<{ issueJsendToken: { token: string } }>(issueToken, await contextFor(request, deps), {
        userId: fields.user_id ?? null,
        password: fields.password ?? null,
      });
      return outcome.ok ? success({ token: outcome.data.issueJsendToken.token }) : failureEnvelope(outcome.error);
    }),
  );

  app.get(
    '/api/token',
    {
      schema: {
        summary: 'Is my API token live?',
        description: 'With a live token in `Authorization`: `{"status":"success","data":{"user_id":...}}`; otherwise fail `Unauthenticated access. Please log in.`',
        tags,
        response: JSEND_RESPONSE,
      } as FastifySchema,
    },
    answer(async (request) => {
      const outcome = await run<{ jsendTokenOwner: { userId: string } }>(tokenOwner, await contextFor(request, deps));
      return outcome.ok ? success({ user_id: outcome.data.jsendTokenOwner.userId }) : failureEnvelope(outcome.error);
    }),
  );

  app.post(
    '/api/token/invalidate',
    {
      attachValidation: true,
      schema: {
        summary: 'Invalidate my API token',
        description: 'Give `user_id` and `password`; the user\'s token stops working and no new one is issued. Answers `{"status":"success","data":null}`.',
        tags,
        consumes: CONSUMES,
        body: CREDENTIAL_BODY,
        response: JSEND_RESPONSE,
      } as FastifySchema,
    },
    answer(async (request) => {
      const fields = formFields(request.body);
      const outcome = await run(invalidateToken, await contextFor(request, deps), {
        userId: fields.user_id ?? null,
        password: fields.password ?? null,
      });
      return outcome.ok ? success(null) : failureEnvelope(outcome.error);
    }),
  );

  app.get(
    '/api/me',
    {
      schema: {
        summary: 'Who am I (by API token)',
        description: 'Answers `{"status":"success","data":{"user_id","user_given_name","user_family_name"}}` for a live token in `Authorization`.',
        tags,
        response: JSEND_RESPONSE,
      } as FastifySchema,
    },
    answer(async (request) => {
      const outcome = await run<{ jsendTokenOwner: { userId: string; givenName: string; familyName: string } }>(me, await contextFor(request, deps));
      if (!outcome.ok) return failureEnvelope(outcome.error);
      const owner = outcome.data.jsendTokenOwner;
      return success({ user_id: owner.userId, user_given_name: owner.givenName, user_family_name: owner.familyName });
    }),
  );

  const wrongMethod = answer(async () => fail(ROUTING.wrongMethod));
  app.route({ method: otherMethods(app, ['GET', 'POST']), url: '/api/token', schema: hidden, handler: wrongMethod });
  app.route({ method: otherMethods(app, ['POST']), url: '/api/token/invalidate', schema: hidden, handler: wrongMethod });
  app.route({ method: otherMethods(app, ['GET']), url: '/api/me', schema: hidden, handler: wrongMethod });

  const notFound = answer(async () => fail(ROUTING.notFound));
  app.all('/api/token/*', { schema: hidden }, notFound);
  app.all('/api/me/*', { schema: hidden }, notFound);
}
