// Starts a Gantry app in-process on a test database; talk to it with app.inject or gql().
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import type { DatabaseHandle } from '../../src/db/index.ts';
import { openTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  /** POST /graphql; returns the parsed body and the statement count of the request. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[]; statements: number; status: number }>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Capture the log: every line written (JSON), at LOG_LEVEL from env (default info). */
  logLines?: string[];
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig(
    {
      JWT_SECRET: 'test-secret-of-enough-length',
      BASE_URL: 'http://gantry.test',
      RATE_LIMIT: '100000',
      // Credential guessing is limited only where a test asks for it.
      CREDENTIAL_GUESSES_PER_TARGET: '100000',
      CREDENTIAL_GUESSES_PER_ADDRESS: '100000',
      ...env,
    },
    { persistSecret: false },
  );
  const database = await openTestDatabase();
  const lines = options.logLines;
  const app = await buildApp(lines ? { config, database, logStream: { write: (line) => void lines.push(line) } } : { config, database, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    async gql(query, variables, headers = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ query, variables }),
      });
      const body = response.json();
      return { ...body, statements: Number(response.headers['x-sql-statements'] ?? NaN), status: response.statusCode };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
