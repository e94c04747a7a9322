// Executes operations with graphql-jit once they repeat: a document seen a second time is compiled to
// a JavaScript function and every later run skips graphql-js's per-field interpretation (argument
// values, resolve info, completion by type). One-off documents are interpreted as usual, since
// compiling costs more than one run. REST routes compile their fixed documents up front.
//
// Variables are always coerced by graphql-js first: its error messages (and Apollo's 400 for them)
// stay exactly as they were; the compiled query then receives the same raw values.
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

export interface ExecuteArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  contextValue: unknown;
  variableValues?: Record<string, unknown> | null;
}

type Plan = { runs: number } | { compiled: CompiledQuery } | { interpret: true };

/** Per document (Apollo and the REST routes keep one DocumentNode per query text) and operation. */
const plans = new WeakMap<DocumentNode, Map<string, Plan>>();

/** Runs before a document is worth compiling. */
const COMPILE_AFTER = 1;

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Plan {
  try {
    const compiled = compileQuery(schema, document, operationName);
    return isCompiledQuery(compiled) ? { compiled } : { interpret: true };
  } catch {
    // A construct the compiler does not take: graphql-js runs it, as it runs everything else.
    return { interpret: true };
  }
}

function planFor(args: ExecuteArgs, eager: boolean): Plan {
  let byOperation = plans.get(args.document);
  if (!byOperation) {
    byOperation = new Map();
    plans.set(args.document, byOperation);
  }
  const key = args.operationName ?? '';
  let plan = byOperation.get(key);
  if (!plan) {
    plan = eager ? compile(args.schema, args.document, args.operationName ?? undefined) : { runs: 0 };
    byOperation.set(key, plan);
  } else if ('runs' in plan && plan.runs >= COMPILE_AFTER) {
    plan = compile(args.schema, args.document, args.operationName ?? undefined);
    byOperation.set(key, plan);
  }
  return plan;
}

/**
 * graphql-jit's errors lack what graphql-js guarantees (extensions is undefined when the cause has
 * none, and Apollo reads extensions.code): rebuilt as graphql-js errors with the same message, path,
 * locations and cause.
 */
function asGraphqlError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  (rebuilt as { locations: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

/** Same contract as graphql-js `execute` for queries and mutations. */
export async function executeOperation(args: ExecuteArgs, options: { eager?: boolean } = {}): Promise<ExecutionResult> {
  const plan = planFor(args, options.eager === true);
  if ('compiled' in plan) {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.variableDefinitions?.length) {
      const coerced = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = (await plan.compiled.query(undefined, args.contextValue, args.variableValues ?? {})) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlError) } : result;
  }
  if ('runs' in plan) plan.runs += 1;
  return (await execute({ ...args, operationName: args.operationName ?? undefined })) as ExecutionResult;
}
