// PYBOSSA's error object and how Gantry's coded errors map onto it.
import type { OperationError } from '../../src/graphql/operations.ts';

export const DEFAULT_TEXT = {
  401: "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
  403: "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
  404: '404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  405: '405 Method Not Allowed: The method is not allowed for the requested URL.',
  429: '429 Too Many Requests: This user has exceeded an allotted request count. Try again later.',
  503: '503 Service Unavailable: The server is temporarily unable to service your request. Please try again later.',
  500: '500 Internal Server Error: The server encountered an internal error and was unable to complete your request.',
} as const;

export interface PybossaErrorBody {
  action: string;
  status: 'failed';
  status_code: number;
  target: string;
  exception_cls: string;
  exception_msg: string;
}

/** A failure answered in PYBOSSA's shape; thrown by the dialect's own checks. */
export class PybossaFailure extends Error {
  constructor(
    readonly statusCode: number,
    readonly exceptionCls: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new PybossaFailure(400, 'BadRequest', message);
export const unauthorized = () => new PybossaFailure(401, 'Unauthorized', DEFAULT_TEXT[401]);
export const forbidden = (message: string = DEFAULT_TEXT[403]) => new PybossaFailure(403, 'Forbidden', message);
export const notFound = () => new PybossaFailure(404, 'NotFound', DEFAULT_TEXT[404]);
export const methodNotAllowed = () => new PybossaFailure(405, 'MethodNotAllowed', DEFAULT_TEXT[405]);
export const attributeError = (cls: string, attribute: string) =>
  new PybossaFailure(415, 'AttributeError', `type object '${cls}' has no attribute '${attribute}'`);
export const valueError = (message: string) => new PybossaFailure(415, 'ValueError', message);
export const typeError = (cls: string, key: string) => new PybossaFailure(415, 'TypeError', `'${key}' is an invalid keyword argument for ${cls}`);

export function errorBody(failure: PybossaFailure, action: string, target: string): PybossaErrorBody {
  return { action, status: 'failed', status_code: failure.statusCode, target, exception_cls: failure.exceptionCls, exception_msg: failure.message };
}

/** Which PYBOSSA failure a GraphQL error becomes. `context` lets a route adjust a few documented quirks. */
export function fromOperationError(error: OperationError, context: { missingProjectIsAttributeError?: string } = {}): PybossaFailure {
  const reason = error.extensions.reason as string | undefined;
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return unauthorized();
    case 'FORBIDDEN':
      if (reason === 'invalid_task' || reason === 'invalid_project' || reason === 'no_stamp' || reason === 'project_token') {
        return forbidden(error.message);
      }
      return forbidden();
    case 'NOT_FOUND':
      if (reason === 'project_missing' && context.missingProjectIsAttributeError) {
        // PYBOSSA dereferences the missing project while checking ownership.
        return new PybossaFailure(415, 'AttributeError', "'NoneType' object has no attribute 'owners_ids'");
      }
      return notFound();
    case 'BAD_USER_INPUT':
      if (reason === 'category_missing') return badRequest(error.message);
      if (reason === 'reserved_short_name') return valueError(error.message);
      // A required column set to null or blank: PYBOSSA's NOT NULL violation.
      if (reason === 'required_empty') return new PybossaFailure(415, 'DBIntegrityError', error.message);
      return new PybossaFailure(415, 'DataError', error.message);
    case 'CONFLICT':
      return new PybossaFailure(415, 'DBIntegrityError', error.message);
    case 'RESPONSE_TOO_LARGE':
      return new PybossaFailure(413, 'RequestEntityTooLarge', error.message);
    case 'RATE_LIMITED':
      return new PybossaFailure(429, 'TooManyRequests', DEFAULT_TEXT[429]);
    case 'SERVICE_UNAVAILABLE':
      return new PybossaFailure(503, 'ServiceUnavailable', DEFAULT_TEXT[503]);
    default:
      return new PybossaFailure(500, 'InternalServerError', DEFAULT_TEXT[500]);
  }
}
