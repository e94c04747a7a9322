// POST and GET /graphql through Apollo Server, with the request's viewer in the context.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { getSchema } from '../graphql/schema.ts';
import type { GantryContext } from '../graphql/context.ts';
import { formatError } from '../graphql/format-error.ts';
import { contextFor } from './request-context.ts';
import { InvalidJson } from './body.ts';
import { Kind, printSchema, visit, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { executeOperation } from '../graphql/executor.ts';
import type { ApolloServerPlugin } from '@apollo/server';
import { assertWithinLimits, measureOperation } from '../graphql/limits.ts';
import { codeOf, ERROR_CODES, GantryError, publicMessage } from '../graphql/errors.ts';
import { rateLimitHeaders, type RateLimits } from './rate-limit.ts';
import { logInternalError, requestOf } from './error-log.ts';

/** Aliases let one small document ask for the same costly field many times over: at most this many. */
export const MAX_QUERY_ALIASES = 100;
/** Parsing stops past this many tokens, before validation spends time on a huge document. */
export const MAX_QUERY_TOKENS = 20_000;

function countAliases(document: DocumentNode): number {
  let aliases = 0;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
    },
  });
  return aliases;
}

/** Refuses over-deep or over-costly operations before execution; maps error codes to HTTP statuses. */
function limitsPlugin(config: Config, rateLimits: RateLimits): ApolloServerPlugin<GantryContext> {
  // GraphQL spends a budget of cost points per client address and window, so one costly query counts
  // for many cheap ones: 1 point per 100 objects a query may touch, RATE_LIMIT x 100 points per window.
  const budget = config.rateLimit.points * 100;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema, contextValue, response }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const aliases = countAliases(document);
          if (aliases > MAX_QUERY_ALIASES) {
            throw new GantryError('QUERY_TOO_COMPLEX', `The query uses ${aliases} aliases; at most ${MAX_QUERY_ALIASES} are allowed. Send several smaller queries.`, {
              details: { aliases, maxAliases: MAX_QUERY_ALIASES },
            });
          }
          const measure = measureOperation(schema, operation, fragments, request.variables ?? {});
          assertWithinLimits(measure, { maxDepth: config.maxQueryDepth, maxCost: config.maxQueryCost });
          const decision = await rateLimits.hit('graphql', contextValue.viewer.ip, 1 + Math.floor(measure.cost / 100), budget);
          if (rateLimits.countsAsStatement && contextValue.statements) contextValue.statements.statements += 1;
          for (const [name, value] of Object.entries(rateLimitHeaders(decision))) response.http.headers.set(name, value);
          if (!decision.allowed) {
            throw new GantryError('RATE_LIMITED', 'Too many requests from your address in this window; try again after X-RateLimit-Reset.', {
              details: { reset: decision.reset },
            });
          }
        },
        async willSendResponse({ response, errors }) {
          // Over the response budget: the partial answer is dropped, the refusal alone is sent (413).
          if (response.body.kind === 'single' && response.body.singleResult.errors?.some((e) => e.extensions?.code === 'RESPONSE_TOO_LARGE')) {
            const refusal = response.body.singleResult.errors.find((e) => e.extensions?.code === 'RESPONSE_TOO_LARGE')!;
            response.body.singleResult = { errors: [{ message: refusal.message, extensions: refusal.extensions }] };
            response.http.status = ERROR_CODES.RESPONSE_TOO_LARGE.status;
            return;
          }
          // An operation refused as a whole (no data) answers with its error's HTTP status.
          if (response.body.kind === 'single' && errors?.length && response.body.singleResult.data === undefined) {
            const code = codeOf(errors[0]);
            if (code !== 'INTERNAL_SERVER_ERROR') response.http.status = ERROR_CODES[code].status;
          } else if (response.body.kind === 'single' && errors?.length && response.body.singleResult.data === null && errors.every((e) => codeOf(e) === 'SERVICE_UNAVAILABLE')) {
            // Nothing answered because the database is away: 503, so clients and balancers retry.
            response.http.status = 503;
          }
        },
      };
    },
  };
}

/** Each internal error of an operation leaves a log line; the client sees only the generic message. */
function internalErrorLogPlugin(): ApolloServerPlugin<GantryContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName, operation }) {
          const request = requestOf(contextValue);
          if (!request) return;
          for (const error of errors) {
            if (codeOf(error) !== 'INTERNAL_SERVER_ERROR') continue;
            logInternalError(request, error, { operation: operationName ?? operation?.name?.value ?? 'anonymous', path: error.path });
          }
        },
      };
    },
  };
}

/**
 * Apollo's gateway interface is its one hook for a custom executor: a fixed schema, announced once,
 * and an executor that runs each resolved operation (src/graphql/executor.ts).
 */
function jitExecution(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async load() {
      return {
        schema,
        executor: (requestContext) =>
          executeOperation({
            schema,
            document: requestContext.document,
            operationName: requestContext.request.operationName ?? null,
            contextValue: requestContext.context,
            variableValues: requestContext.request.variables ?? {},
          }) as ReturnType<GatewayExecutor>,
      };
    },
    async stop() {},
  };
}

export async function registerGraphql(
  app: FastifyInstance,
  { config, database, rateLimits }: { config: Config; database: DatabaseHandle; rateLimits: RateLimits },
): Promise<void> {
  const apollo = new ApolloServer<GantryContext>({
    // Apollo parses, validates, caches documents and runs the plugins; execution goes through our
    // executor (graphql-jit for repeated documents), plugged in by Apollo's executor interface.
    gateway: jitExecution(await getSchema()),
    // No ambient credentials (cookies) authenticate GraphQL, so CSRF prevention would only block
    // plain GET queries from curl and scripts.
    csrfPrevention: false,
    introspection: true,
    // Stack traces are ours, not the client's (Apollo sends them unless NODE_ENV=production).
    includeStacktraceInErrorResponses: false,
    // `gantry serve` owns SIGTERM/SIGINT: it closes the app, which drains Apollo. Apollo's own handler
    // would race it (a second close resolving early) and the process could exit mid-request.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    // Automatic persisted queries (Apollo's APQ protocol): a client sends a query's SHA-256 and the
    // full text only when the server answers PERSISTED_QUERY_NOT_FOUND. Queries live in Apollo's
    // default in-memory LRU cache, bounded in bytes, for at most a day each.
    persistedQueries: { ttl: 24 * 3600 },
    formatError,
    // No cache hints are used: skip the cache-control plugin's per-field work.
    plugins: [fastifyApolloDrainPlugin(app), limitsPlugin(config, rateLimits), internalErrorLogPlugin(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();
  // A body that is not JSON gets a GraphQL-shaped answer rather than a framework error.
  app.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/graphql') && request.body instanceof InvalidJson) {
      reply.code(400).send({ errors: [{ message: `The request body is not valid JSON: ${request.body.message}`, extensions: { code: 'BAD_USER_INPUT' } }] });
      return reply;
    }
  });
  await app.register(fastifyApollo(apollo), {
    context: async (request) => {
      try {
        return await contextFor(request, { db: database.db, config, rateLimits }, undefined, 'graphql');
      } catch (error) {
        // Looking up the caller's credentials failed (the database is away): a clean 503, not
        // Apollo's 500 "Context creation failed".
        const code = codeOf(error);
        if (code === 'INTERNAL_SERVER_ERROR') {
          logInternalError(request, error, { operation: 'context' });
          throw error;
        }
        throw new GantryError(code, publicMessage(error, ERROR_CODES[code].message), { details: { http: { status: ERROR_CODES[code].status } } });
      }
    },
  });
}
