// Every internal error leaves one `error` line: the request id (from the request's child logger),
// the route or GraphQL operation, the error code and the stack. The client only ever sees the
// generic message of INTERNAL_SERVER_ERROR; the line is how an operator finds out what happened.
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import type { GantryContext } from '../graphql/context.ts';

/**
 * The HTTP request a GraphQL context was made for, kept on the context under a symbol: Apollo runs
 * each operation on a shallow copy of the context, which keeps own symbol properties.
 */
const REQUEST = Symbol('gantry.request');

export function rememberRequest(context: GantryContext, request: FastifyRequest): void {
  Object.defineProperty(context, REQUEST, { value: request, enumerable: true });
}

export function requestOf(context: object): FastifyRequest | undefined {
  return (context as { [REQUEST]?: FastifyRequest })[REQUEST];
}

/** "GET /api/project/:id": the route's pattern, never the URL with its query string (credentials). */
export function routeOf(request: FastifyRequest): string {
  const pattern = request.routeOptions?.url;
  return `${request.method} ${pattern ?? request.url.split('?')[0]}`;
}

/** The thrown error underneath GraphQL's wrapper, whose stack says where it happened. */
function underlying(error: unknown): Error {
  const original = (error as GraphQLError | null)?.originalError ?? error;
  return original instanceof Error ? original : new Error(String(original));
}

export interface InternalErrorPlace {
  /** The GraphQL operation that ran, by name. */
  operation?: string;
  /** The GraphQL path of the field that failed. */
  path?: readonly (string | number)[];
}

/** Logs an internal error of a request: one line at level error. */
export function logInternalError(request: FastifyRequest, error: unknown, place: InternalErrorPlace = {}): void {
  const line: Record<string, unknown> = { err: underlying(error), code: 'INTERNAL_SERVER_ERROR', route: routeOf(request) };
  if (place.operation) line.operation = place.operation;
  if (place.path) line.path = place.path.join('.');
  request.log.error(line, 'internal error');
}

/** The same line for work outside any request (a GraphQL operation run by the server itself). */
export function logInternalErrorOutsideRequest(log: Pick<FastifyBaseLogger, 'error'> | undefined, error: unknown, place: InternalErrorPlace = {}): void {
  const line = { err: underlying(error), code: 'INTERNAL_SERVER_ERROR', ...place, path: place.path?.join('.') };
  if (log) log.error(line, 'internal error');
  else console.error('internal error', line);
}
