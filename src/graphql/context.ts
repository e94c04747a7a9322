// The per-request context every resolver receives, whichever dialect the request came through.
import type { DB } from '../db/index.ts';
import type { Config } from '../config.ts';
import type { Viewer } from '../auth/viewer.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface GantryContext {
  db: DB;
  config: Config;
  viewer: Viewer;
  loaders: Loaders;
}

export function createContext(db: DB, config: Config, viewer: Viewer): GantryContext {
  return { db, config, viewer, loaders: createLoaders(db) };
}
