// The operations runner: a named GraphQL document -> cached, pre-validated -> executed with the request's
// context. Used by every REST dialect and the calendar export; documents are parsed and validated once.
import { parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { GantryContext } from './context.ts';
import { getSchema } from './schema.ts';
import { executeOperation } from './executor.ts';
import { codeOf, ERROR_CODES, publicMessage, type ErrorCode } from './errors.ts';
import { logInternalError, logInternalErrorOutsideRequest, requestOf } from '../http/error-log.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The GraphQL operation a REST route ran (named in the x-graphql-operation response header). */
    graphqlOperation?: PreparedOperation;
  }
}

export interface PreparedOperation {
  /** The operation's name, e.g. PybossaList_project. */
  name: string;
  source: string;
  document(): Promise<{ schema: GraphQLSchema; document: DocumentNode }>;
}

/** Every declared operation by name (route fixtures print the document a route ran). */
export const operationsByName = new Map<string, PreparedOperation>();

/** Declares a GraphQL operation a route runs. Parsed and validated once; a broken document fails loudly. */
export function operation(source: string): PreparedOperation {
  let prepared: Promise<{ schema: GraphQLSchema; document: DocumentNode }> | undefined;
  const declared: PreparedOperation = {
    name: /^\s*(?:query|mutation)\s+(\w+)/.exec(source)?.[1] ?? 'anonymous',
    source,
    document() {
      prepared ??= (async () => {
        const schema = await getSchema();
        const document = parse(source);
        const errors = validate(schema, document);
        if (errors.length) throw new Error(`REST operation does not validate against the schema: ${errors[0]!.message}\n${source}`);
        return { schema, document };
      })();
      return prepared;
    },
  };
  operationsByName.set(declared.name, declared);
  return declared;
}

export interface OperationError {
  code: ErrorCode;
  status: number;
  message: string;
  /** extensions of the first error: fields, reason, details. */
  extensions: Record<string, unknown>;
}

export type OperationOutcome<T> = { ok: true; data: T } | { ok: false; error: OperationError };

export async function run<T = Record<string, unknown>>(
  op: PreparedOperation,
  context: GantryContext,
  variables: Record<string, unknown> = {},
): Promise<OperationOutcome<T>> {
  const { schema, document } = await op.document();
  // Route documents are fixed and hot: compiled on first use (src/graphql/executor.ts).
  const result: ExecutionResult = await executeOperation({ schema, document, contextValue: context, variableValues: variables }, { eager: true });
  if (result.errors?.length) {
    // Over the response budget, the refusal speaks for the whole answer.
    const first = result.errors.find((e) => codeOf(e) === 'RESPONSE_TOO_LARGE') ?? result.errors[0]!;
    const code = codeOf(first);
    const internal = code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE';
    const request = requestOf(context);
    for (const error of result.errors) {
      if (codeOf(error) !== 'INTERNAL_SERVER_ERROR') continue;
      const place = { operation: op.name, path: error.path };
      if (request) logInternalError(request, error, place);
      else logInternalErrorOutsideRequest(undefined, error, place);
    }
    return {
      ok: false,
      error: {
        code,
        status: ERROR_CODES[code].status,
        message: publicMessage(first, internal ? ERROR_CODES[code].message : first.message),
        extensions: (first.extensions ?? {}) as Record<string, unknown>,
      },
    };
  }
  return { ok: true, data: result.data as T };
}
