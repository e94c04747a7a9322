// Counts the SQL statements one unit of work (an HTTP request) sends, so tests can assert that nested
// GraphQL queries cost a fixed number of statements and benchmarks can report it. The counter is a
// Kysely plugin on the request's own Kysely view (db.withPlugin), not AsyncLocalStorage: async hooks
// would tax every promise of every request.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export interface StatementStats {
  statements: number;
}

export class StatementCounter implements KyselyPlugin {
  constructor(private readonly stats: StatementStats) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.stats.statements += 1;
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
