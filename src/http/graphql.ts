// POST and GET /graphql through Apollo Server, with the request's viewer in the context.
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { getSchema } from '../graphql/schema.ts';
import type { GantryContext } from '../graphql/context.ts';
import { formatError } from '../graphql/format-error.ts';
import { contextFor } from './request-context.ts';
import { InvalidJson } from './body.ts';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { assertWithinLimits, measureOperation } from '../graphql/limits.ts';
import { codeOf, ERROR_CODES } from '../graphql/errors.ts';

/** Refuses over-deep or over-costly operations before execution; maps error codes to HTTP statuses. */
function limitsPlugin(config: Config): ApolloServerPlugin<GantryContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const measure = measureOperation(schema, operation, fragments, request.variables ?? {});
          assertWithinLimits(measure, { maxDepth: config.maxQueryDepth, maxCost: config.maxQueryCost });
        },
        async willSendResponse({ response, errors }) {
          // An operation refused as a whole (no data) answers with its error's HTTP status.
          if (response.body.kind === 'single' && errors?.length && response.body.singleResult.data === undefined) {
            const code = codeOf(errors[0]);
            if (code !== 'INTERNAL_SERVER_ERROR') response.http.status = ERROR_CODES[code].status;
          }
        },
      };
    },
  };
}

export async function registerGraphql(
  app: FastifyInstance,
  { config, database }: { config: Config; database: DatabaseHandle },
): Promise<void> {
  const apollo = new ApolloServer<GantryContext>({
    schema: await getSchema(),
    // No ambient credentials (cookies) authenticate GraphQL, so CSRF prevention would only block
    // plain GET queries from curl and scripts.
    csrfPrevention: false,
    introspection: true,
    formatError,
    plugins: [fastifyApolloDrainPlugin(app), limitsPlugin(config)],
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
    context: async (request) => contextFor(request, { db: database.db, config }),
  });
}
