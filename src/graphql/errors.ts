// One registry of coded errors. Resolvers throw GantryError; GraphQL clients see extensions.code,
// and every REST dialect maps the same code to its own shape and status.
import { GraphQLError } from 'graphql';

export const ERROR_CODES = {
  BAD_USER_INPUT: { status: 400, message: 'The input is not valid.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to do this.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONFLICT: { status: 409, message: 'This conflicts with existing data.' },
  QUERY_TOO_COMPLEX: { status: 400, message: 'The query is too deep or too costly.' },
  RESPONSE_TOO_LARGE: { status: 413, message: 'The answer would be too large; ask for less.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Try again later.' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'The database is unavailable. Try again shortly.' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Something went wrong on our side.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A problem with one input field: what is wrong and how to fix it. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface GantryErrorOptions {
  fields?: FieldProblem[];
  /** Extra machine-readable facts a dialect may need (e.g. which rule refused). */
  reason?: string;
  details?: Record<string, unknown>;
}

export class GantryError extends GraphQLError {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message?: string, options: GantryErrorOptions = {}) {
    const extensions: Record<string, unknown> = { code };
    if (options.fields?.length) extensions.fields = options.fields;
    if (options.reason) extensions.reason = options.reason;
    if (options.details) Object.assign(extensions, options.details);
    super(message ?? ERROR_CODES[code].message, { extensions });
    this.code = code;
    this.status = ERROR_CODES[code].status;
  }
}

export const badInput = (message: string, fields?: FieldProblem[], reason?: string) =>
  new GantryError('BAD_USER_INPUT', message, { fields, reason });
export const notFound = (what: string, reason?: string) => new GantryError('NOT_FOUND', `${what} not found.`, { reason });
export const forbidden = (message?: string, reason?: string) => new GantryError('FORBIDDEN', message, { reason });
export const unauthenticated = (message?: string, reason?: string) =>
  new GantryError('UNAUTHENTICATED', message, { reason });
export const conflict = (message: string, options: GantryErrorOptions = {}) => new GantryError('CONFLICT', message, options);

/** Errors from the database driver that mean "the database is not there", as opposed to a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003', '08004'].includes(e.code)) {
    return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

/** PostgreSQL refused a value as data (SQLSTATE class 22: a NUL character, a bad encoding, a number or date out of range). */
export function isRefusedValue(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** statement_timeout stopped the statement (SQLSTATE 57014). */
export const isStatementTimeout = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === '57014';

/** The message a client sees: database wording is replaced by ours for refused values and timeouts. */
export function publicMessage(error: unknown, fallback: string): string {
  const original = (error as GraphQLError)?.originalError ?? error;
  if (isRefusedValue(original)) {
    return 'The input holds a value the database cannot store (a NUL character, an invalid character encoding, or a number or date out of range); remove it and try again.';
  }
  if (isStatementTimeout(original)) return 'The request ran longer than allowed and was stopped; ask for less (smaller pages, fewer nested lists) or try again later.';
  return fallback;
}

/** The code of any error that reached the GraphQL layer. */
export function codeOf(error: unknown): ErrorCode {
  const original = (error as GraphQLError)?.originalError ?? error;
  if (original instanceof GantryError) return original.code;
  // Variable coercion wraps graphql-js's own error ("Int cannot represent ..."): the request was wrong.
  if (original !== error && original instanceof GraphQLError && !original.originalError) return 'BAD_USER_INPUT';
  if (isRefusedValue(original)) return 'BAD_USER_INPUT';
  if (isStatementTimeout(original)) return 'SERVICE_UNAVAILABLE';
  const code = (error as GraphQLError)?.extensions?.code;
  if (typeof code === 'string' && code in ERROR_CODES) return code as ErrorCode;
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST') {
    return 'BAD_USER_INPUT';
  }
  if (isDatabaseUnavailable(original)) return 'SERVICE_UNAVAILABLE';
  // A GraphQLError with no underlying error comes from graphql-js itself: parsing, validation or
  // variable coercion, i.e. the request was wrong.
  if (error instanceof GraphQLError && !error.originalError) return 'BAD_USER_INPUT';
  return 'INTERNAL_SERVER_ERROR';
}
