// Counts the SQL statements a unit of work (one HTTP request, one test query) sends, so tests can
// assert that nested GraphQL queries cost a fixed number of statements and benchmarks can report it.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface StatementStats {
  statements: number;
}

const storage = new AsyncLocalStorage<StatementStats>();

export function countStatements<T>(stats: StatementStats, work: () => T): T {
  return storage.run(stats, work);
}

export function recordStatement(): void {
  const stats = storage.getStore();
  if (stats) stats.statements += 1;
}
