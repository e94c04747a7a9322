// The gateway's pino logger options (Fastify's request log included).
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';

/** Where log lines go: stdout by default; tests pass a stream to read them. */
export interface LogDestination {
  write(line: string): void;
}

export function loggerOptions(config: Pick<Config, 'logLevel'>, stream?: LogDestination): FastifyServerOptions['logger'] {
  return { level: config.logLevel, ...(stream ? { stream } : {}) };
}
