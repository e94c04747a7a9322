// The per-request response budget (MAX_RESPONSE_BYTES) and the size cap on stored JSON (MAX_INFO_BYTES).
//
// The cost limit counts objects, not bytes: thirty aliases of a page of tasks whose info holds
// megabytes each pass it and build gigabytes of answer. So every large value a request sends back
// (a JSON field such as info, a long text such as a buggy's uploaded JSON) is charged to the
// request's budget as it is produced, once per appearance (one object repeated through a loader's
// cache costs each time it is printed). Past the budget the request fails with RESPONSE_TOO_LARGE;
// its statements not yet sent to the database are not sent, and results still arriving are dropped,
// so the request stops soon and holds little memory. Large values read from the database count
// against the same budget on their own (a query may read what it never prints).
//
// Sizes cost nothing extra for values read from the database: the JSON parsers record the length of
// the text they parse (see pg-types.ts and pglite-pool.ts). Other objects are measured once.
import {
  getNamedType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Dialect, DatabaseConnection, Driver, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow, CompiledQuery, TransactionSettings } from 'kysely';
import { badInput, GantryError } from './errors.ts';
import { jsonSizes } from '../db/json-sizes.ts';


/** Approximate bytes of a value in a JSON answer. */
export function sizeOf(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object') return 8;
  const known = jsonSizes.get(value);
  if (known !== undefined) return known;
  let size = 0;
  try {
    size = JSON.stringify(value)?.length ?? 4;
  } catch {
    size = 0;
  }
  jsonSizes.set(value, size);
  return size;
}

export class ResponseBudget {
  used = 0;
  /** Bytes of large values read from the database (values loaded but not sent count here too). */
  loaded = 0;
  exceeded = false;

  constructor(readonly maxBytes: number) {}

  error(): GantryError {
    return new GantryError(
      'RESPONSE_TOO_LARGE',
      `The answer would be larger than ${this.maxBytes} bytes, the most one request may return. Ask for fewer objects (smaller pages, fewer aliases) or leave out large fields such as info.`,
      { details: { maxBytes: this.maxBytes } },
    );
  }

  /** Counts the large values of rows read from the database; throws past the same budget. */
  chargeRows(rows: readonly UnknownRow[]): void {
    if (this.exceeded) throw this.error();
    let bytes = 0;
    for (const row of rows) {
      for (const key in row) {
        const value = row[key];
        if (typeof value === 'string') bytes += value.length;
        else if (value !== null && typeof value === 'object') bytes += jsonSizes.get(value) ?? 0;
      }
    }
    this.loaded += bytes;
    if (this.loaded > this.maxBytes) {
      this.exceeded = true;
      throw this.error();
    }
  }

  /** Counts a value about to be sent; throws once the budget is spent. */
  charge(value: unknown): void {
    if (this.exceeded) throw this.error();
    this.used += sizeOf(value);
    if (this.used > this.maxBytes) {
      this.exceeded = true;
      throw this.error();
    }
  }
}

/** Fields whose values may be large: any JSON scalar, and these long texts. */
const LARGE_TEXT_FIELDS = new Set(['Project.longDescription', 'Buggy.json']);
const LARGE_SCALARS = new Set(['JSON', 'JSONObject']);

export const isLargeField = (typeName: string, fieldName: string, namedTypeName: string): boolean =>
  LARGE_SCALARS.has(namedTypeName) || LARGE_TEXT_FIELDS.has(`${typeName}.${fieldName}`);

/** Wraps the resolver of every large field so what it returns is charged to the request's budget. */
export function chargeLargeFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isScalarType(named) || !isLargeField(type.name, field.name, named.name)) continue;
      const inner = field.resolve;
      const name = field.name;
      const charged = (value: unknown, context: unknown): unknown => {
        (context as { responseBudget?: ResponseBudget } | null)?.responseBudget?.charge(value);
        return value;
      };
      const resolve: GraphQLFieldResolver<unknown, unknown> = inner
        ? (source, args, context, info) => {
            const value = inner(source, args, context, info);
            return value instanceof Promise ? value.then((v) => charged(v, context)) : charged(value, context);
          }
        : (source, _args, context) => charged((source as Record<string, unknown> | null)?.[name], context);
      field.resolve = resolve;
    }
  }
}

/** Queries of a request whose budget is spent are not sent; registered by query id. */
const budgetOfQuery = new WeakMap<QueryId, ResponseBudget>();

/** On a request's own Kysely view: refuses its statements once its budget is spent. */
export class ResponseBudgetPlugin implements KyselyPlugin {
  constructor(private readonly budget: ResponseBudget) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.budget.exceeded) throw this.budget.error();
    budgetOfQuery.set(args.queryId, this.budget);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Rows that arrive after the budget is spent, or that spend it, are dropped at once.
    this.budget.chargeRows(args.result.rows);
    return args.result;
  }
}

/**
 * A dialect whose connections check, just before sending a statement, that its request still has
 * budget: statements queued behind others (many aliases at once) are never sent once it is spent.
 */
export function budgetAware(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver(): Driver {
      const driver = dialect.createDriver();
      const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const wrap = (connection: DatabaseConnection): DatabaseConnection => {
        let outer = wrapped.get(connection);
        if (!outer) {
          outer = {
            executeQuery<R>(compiled: CompiledQuery) {
              const budget = budgetOfQuery.get(compiled.queryId);
              if (budget?.exceeded) return Promise.reject(budget.error());
              return connection.executeQuery<R>(compiled);
            },
            streamQuery: <R>(compiled: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(compiled, chunkSize),
          };
          wrapped.set(connection, outer);
          inner.set(outer, connection);
        }
        return outer;
      };
      const unwrap = (connection: DatabaseConnection) => inner.get(connection) ?? connection;
      return {
        init: () => driver.init(),
        acquireConnection: async () => wrap(await driver.acquireConnection()),
        beginTransaction: (connection, settings: TransactionSettings) => driver.beginTransaction(unwrap(connection), settings),
        commitTransaction: (connection) => driver.commitTransaction(unwrap(connection)),
        rollbackTransaction: (connection) => driver.rollbackTransaction(unwrap(connection)),
        ...(driver.savepoint ? { savepoint: (connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]) => driver.savepoint!(unwrap(connection), name, compile) } : {}),
        ...(driver.rollbackToSavepoint
          ? { rollbackToSavepoint: (connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]) => driver.rollbackToSavepoint!(unwrap(connection), name, compile) }
          : {}),
        ...(driver.releaseSavepoint
          ? { releaseSavepoint: (connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]) => driver.releaseSavepoint!(unwrap(connection), name, compile) }
          : {}),
        releaseConnection: (connection) => driver.releaseConnection(unwrap(connection)),
        destroy: () => driver.destroy(),
      };
    },
  };
}

/** JSON as it will be stored, refused (BAD_USER_INPUT, reason too_large) past MAX_INFO_BYTES. */
export function storedJson(config: { maxInfoBytes: number }, field: string, value: unknown): string {
  const text = JSON.stringify(value);
  checkStoredSize(config, field, text);
  return text;
}

/** Refuses a stored text (JSON or long text) longer than MAX_INFO_BYTES in UTF-8. */
export function checkStoredSize(config: { maxInfoBytes: number }, field: string, text: string | null | undefined): void {
  if (text === null || text === undefined) return;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: count exactly only when it could matter.
  if (text.length * 3 <= config.maxInfoBytes) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > config.maxInfoBytes) {
    throw badInput(`${field} is ${bytes} bytes; at most ${config.maxInfoBytes} are allowed (MAX_INFO_BYTES).`, [
      { field, message: `at most ${config.maxInfoBytes} bytes` },
    ], 'too_large');
  }
}
