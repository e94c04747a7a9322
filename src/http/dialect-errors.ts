// Failures no route handler answers itself — an unknown path, a URL that does not decode, a body over
// the size limit or unreadable, an unexpected throw, the database gone — answered in the shape of the
// dialect that owns the path, so a client only ever meets the error shape its dialect documents.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { codeOf, ERROR_CODES, type ErrorCode } from '../graphql/errors.ts';
import { errorBody, PybossaFailure } from '../../rest-compat/pybossa/errors.ts';
import { error as jsendError, fail as jsendFail, sendJsend } from '../../rest-compat/jsend/envelope.ts';
import { logInternalError } from './error-log.ts';

export type PathDialect = 'graphql' | 'pybossa' | 'jsend' | 'raceserver' | 'opentrack-v1' | 'opentrack-legacy' | 'calendar' | 'ical' | 'plain';

export function dialectOfPath(path: string): PathDialect {
  if (path === '/graphql' || path.startsWith('/graphql/')) return 'graphql';
  if (/^\/api\/(token|me)(\/|$)/.test(path)) return 'jsend';
  if (path === '/api/upload') return 'raceserver';
  if (path.startsWith('/api/v1/') || path === '/api/v1') return 'opentrack-v1';
  if (/^\/api\/(get-auth-token|hello|my-competitions)\/?$/.test(path)) return 'opentrack-legacy';
  if (path === '/api' || path.startsWith('/api/')) return 'pybossa';
  if (path.startsWith('/files/live/euroath/')) return 'calendar';
  if (path.startsWith('/calendar/')) return 'ical';
  return 'plain';
}

const GRAPHQL_CODE: Record<number, ErrorCode> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 429: 'RATE_LIMITED', 503: 'SERVICE_UNAVAILABLE' };

const PYBOSSA_CLASS: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 406: 'NotAcceptable', 411: 'LengthRequired',
  413: 'RequestEntityTooLarge', 414: 'RequestURITooLarge', 415: 'UnsupportedMediaType', 429: 'TooManyRequests', 503: 'ServiceUnavailable',
};

/** Answers `status` with `message` in the shape of the dialect that owns the request's path. */
export function sendDialectError(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  const path = request.url.split('?')[0]!;
  switch (dialectOfPath(path)) {
    case 'graphql': {
      const code = GRAPHQL_CODE[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT');
      return reply.code(status).type('application/json').send({ errors: [{ message, extensions: { code } }] });
    }
    case 'pybossa': {
      const failure = new PybossaFailure(status, PYBOSSA_CLASS[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequest'), message);
      return reply.code(status).type('application/json').send(errorBody(failure, request.method, path.split('/')[2] ?? ''));
    }
    case 'jsend':
      // Submitty's clients read the envelope, never the status: always 200.
      return sendJsend(reply, status >= 500 ? jsendError(message) : jsendFail(message));
    case 'raceserver':
      return reply
        .code(status)
        .header('content-type', 'application/json')
        .header('access-control-allow-origin', '*')
        .send(`{"error": ${JSON.stringify(message).replace(/[\u007f-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'))}}`);
    case 'opentrack-v1':
    case 'opentrack-legacy':
      return reply.code(status).type('application/json').send({ detail: message });
    case 'calendar':
      return reply.code(status).header('access-control-allow-origin', '*').type('application/json').send({ detail: message });
    case 'ical':
      // Calendar apps show the text of a failed subscription.
      return reply.code(status).type('text/plain; charset=utf-8').send(message);
    default:
      return reply.code(status).type('application/json').send({ error: STATUS_CODES[status] ?? 'Error', message, statusCode: status });
  }
}

/** Body decoding failures of the multipart parser (busboy) carry no status but are the client's. */
const MALFORMED_BODY = /^(Multipart: |Unexpected end of (form|multipart data)|Malformed (part header|urlencoded form))/;

/** The status and the message a client may see for an error nothing else answered. */
export function publicFailure(error: FastifyError | Error): { status: number; message: string; internal: boolean } {
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, message: error.message, internal: false };
  if (MALFORMED_BODY.test(error.message ?? '')) return { status: 400, message: `The request body cannot be read: ${error.message}`, internal: false };
  const code = codeOf(error);
  return { status: ERROR_CODES[code].status, message: ERROR_CODES[code].message, internal: code === 'INTERNAL_SERVER_ERROR' };
}

/** Fastify's error handler, the not-shutting-down check and the framework-error hook (bad URL encodings, over-long path parameters). */
export function registerDialectErrors(app: FastifyInstance): void {
  // Once closing, requests still arriving on open connections are refused with 503 in their
  // dialect's shape (and the connection closes); requests already in flight finish.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    return sendDialectError(request, reply, 503, 'The server is shutting down; try again in a moment.');
  });
  app.setErrorHandler((error, request, reply) => {
    const failure = publicFailure(error as FastifyError);
    if (failure.internal) logInternalError(request, error);
    // A body refused as too large may still be arriving: close the connection rather than read it.
    if (failure.status === 413) reply.header('connection', 'close');
    return sendDialectError(request, reply, failure.status, failure.message);
  });
}

export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendDialectError(request, reply, error.statusCode ?? 400, error.message);
}

/** 404 for a path no route serves, in its dialect's words (PYBOSSA's own handler answers /api/... itself). */
export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0]!;
  const dialect = dialectOfPath(path);
  const message =
    dialect === 'opentrack-v1' || dialect === 'calendar'
      ? 'Not Found'
      : dialect === 'opentrack-legacy'
        ? 'Not found.'
        : dialect === 'jsend'
          ? 'Endpoint not found.'
          : `No route for ${request.method} ${path}`;
  return sendDialectError(request, reply, 404, message);
}
