// The per-request context every resolver receives, whichever dialect the request came through.
import type { DB } from '../db/index.ts';
import type { Config } from '../config.ts';
import type { Viewer } from '../auth/viewer.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import type { StatementStats } from '../db/statement-counter.ts';
import { ResponseBudget } from './response-budget.ts';

export interface GantryContext {
  db: DB;
  config: Config;
  viewer: Viewer;
  loaders: Loaders;
  /** Shared counters (credential guessing limits); absent in unit contexts. */
  rateLimits?: RateLimits;
  /** The HTTP request's SQL statement count, when there is one. */
  statements?: StatementStats;
  /** The request must change nothing (HEAD): resolvers that write while reading (the scheduler's stamps) skip the write. */
  readOnly?: boolean;
  /** Bytes of large values this request may still send back (MAX_RESPONSE_BYTES). */
  responseBudget?: ResponseBudget;
}

export function createContext(db: DB, config: Config, viewer: Viewer, rateLimits?: RateLimits): GantryContext {
  return { db, config, viewer, loaders: createLoaders(db), rateLimits, responseBudget: new ResponseBudget(config.maxResponseBytes) };
}
