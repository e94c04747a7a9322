// The shared REST path: route -> cached, pre-validated GraphQL document -> execute with the request's
// context -> the dialect shapes the result. Documents are parsed and validated once, on first use.
import { execute, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { GantryContext } from '../src/graphql/context.ts';
import { getSchema } from '../src/graphql/schema.ts';
import { codeOf, ERROR_CODES, type ErrorCode } from '../src/graphql/errors.ts';

export interface PreparedOperation {
  source: string;
  document(): Promise<{ schema: GraphQLSchema; document: DocumentNode }>;
}

/** Declares a GraphQL operation a route runs. Parsed and validated once; a broken document fails loudly. */
export function operation(source: string): PreparedOperation {
  let prepared: Promise<{ schema: GraphQLSchema; document: DocumentNode }> | undefined;
  return {
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
  const result = (await execute({ schema, document, contextValue: context, variableValues: variables })) as ExecutionResult;
  if (result.errors?.length) {
    const first = result.errors[0]!;
    const code = codeOf(first);
    const internal = code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE';
    if (code === 'INTERNAL_SERVER_ERROR') console.error('REST operation failed:', first.originalError ?? first);
    return {
      ok: false,
      error: {
        code,
        status: ERROR_CODES[code].status,
        message: internal ? ERROR_CODES[code].message : first.message,
        extensions: (first.extensions ?? {}) as Record<string, unknown>,
      },
    };
  }
  return { ok: true, data: result.data as T };
}
