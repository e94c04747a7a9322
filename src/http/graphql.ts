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
    plugins: [fastifyApolloDrainPlugin(app)],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    context: async (request) => contextFor(request, { db: database.db, config }),
  });
}
