// Per-request DataLoaders, one per relation. Each domain folder contributes its loaders here.
import type { DB } from '../db/index.ts';

export type Loaders = Record<string, never>;

export function createLoaders(db: DB): Loaders {
  void db;
  return {};
}
