// Server-side prepared statements for the SQL the gateway repeats. Kysely sends each statement as
// text; here a pg client names every parameterised text, so each connection parses and plans it once
// and later runs only bind and execute (PostgreSQL may then keep a generic plan, by its own rules).
// Names are shared by every client of the process and capped, so a stream of one-off texts cannot
// grow the server's per-connection statement caches without bound: past the cap, texts run unnamed.
import type pg from 'pg';

export const MAX_PREPARED_STATEMENTS = 1000;
const names = new Map<string, string>();

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
    name = `gantry_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

type QueryFunction = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** Makes the client send Kysely's `query(text, parameters)` calls as named statements. */
export function prepareRepeatedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  const named: QueryFunction = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = nameFor(config);
      if (name) return query({ name, text: config, values });
    }
    return query(config, values, callback);
  };
  client.query = named as typeof client.query;
}
