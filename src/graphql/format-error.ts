import type { GraphQLFormattedError } from 'graphql';
import { codeOf, ERROR_CODES } from './errors.ts';

/** Every error leaves with a registry code; internal details never reach the client. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = codeOf(error);
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') {
    return { message: ERROR_CODES[code].message, path: formatted.path, extensions: { code } };
  }
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}
