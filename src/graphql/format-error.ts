import type { GraphQLFormattedError } from 'graphql';
import { codeOf, ERROR_CODES, publicMessage } from './errors.ts';

/** Every error leaves with a registry code; internal details never reach the client. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Automatic persisted queries: clients retry with the full query on exactly these codes.
  if (formatted.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND' || formatted.extensions?.code === 'PERSISTED_QUERY_NOT_SUPPORTED') {
    return { message: formatted.message, extensions: { code: formatted.extensions.code } };
  }
  const code = codeOf(error);
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') {
    return { message: publicMessage(error, ERROR_CODES[code].message), path: formatted.path, extensions: { code } };
  }
  return { ...formatted, message: publicMessage(error, formatted.message), extensions: { ...formatted.extensions, code } };
}
