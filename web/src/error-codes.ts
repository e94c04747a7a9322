// The sentence shown for each GraphQL error code of the gateway.

/** One sentence per GraphQL error code of the gateway (src/graphql/errors.ts). */
export const CODE_SENTENCES: Record<string, string> = {
  BAD_USER_INPUT: 'Some of what you entered is not valid.',
  UNAUTHENTICATED: 'You need to sign in to do this.',
  FORBIDDEN: 'Your account is not allowed to do this.',
  NOT_FOUND: 'This could not be found: it may have been deleted.',
  CONFLICT: 'This clashes with something that already exists.',
  QUERY_TOO_COMPLEX: 'This page asked the server for too much at once.',
  RESPONSE_TOO_LARGE: 'The answer would be too large: ask for fewer items at a time.',
  RATE_LIMITED: 'Too many requests just now. Wait a minute and try again.',
  SERVICE_UNAVAILABLE: 'The database is not answering. Try again in a moment.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server. Try again; if it keeps happening, tell an administrator.',
  GRAPHQL_VALIDATION_FAILED: 'The console and the server disagree about the API. Reload the page.',
  GRAPHQL_PARSE_FAILED: 'The console and the server disagree about the API. Reload the page.',
};
