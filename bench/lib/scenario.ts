// What a scenario is: a target server, a list of request steps (one for most scenarios; a
// sequence such as newtask -> submit for writes), and an optional preparation that logs in, reads
// ids from the database or checks that a route exists.
import type pg from 'pg';
import type { Dataset } from './data.ts';

export type Target = 'gateway' | 'baseline' | 'postgraphile';

/** One caller: an API key, a token, the project it works on... whatever the steps need. */
export type Identity = Record<string, string | number>;

/** What one loop over the steps carries from one response to the next request. */
export interface LoopState {
  identity: Identity;
  values: Record<string, unknown>;
}

export interface Step {
  method: 'GET' | 'POST';
  /** A function may return undefined to end this loop early (e.g. no task was served). */
  path: string | ((state: LoopState) => string | undefined);
  headers?: Record<string, string>;
  body?: string | ((state: LoopState) => string);
  /** Reads what later steps need from this step's response body. */
  capture?: (body: string, state: LoopState) => void;
  /** A 2xx answer that still means failure (e.g. {"error": ...} with 200): return why. */
  check?: (body: string) => string | null;
}

export interface Prepared {
  steps: Step[];
  /** Callers shared out between connections, one per loop at a time (writes need distinct users). */
  identities?: Identity[];
}

export interface ScenarioEnv {
  dataset: Dataset;
  /** A client on the benchmark database (ids, keys; never used to fake a result). */
  db: pg.Client;
  /** Base URL of the gateway. */
  gateway: string;
  /** The current year (competition dates are seeded over this year and the next). */
  year: number;
  /** Runs a GraphQL operation on the gateway; throws NotAvailable when it does not succeed. */
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<Record<string, unknown>>;
  /** login(nameOrEmail, password) on the gateway: a bearer token. */
  login(name: string, password: string): Promise<string>;
  /** " { __typename }" when a root field returns an object type, "" for scalars. */
  selection(rootType: 'Query' | 'Mutation', field: string): Promise<string>;
  /** Throws NotAvailable("route missing") when the gateway has no such route. */
  requireRoute(method: 'GET' | 'POST', path: string): Promise<void>;
  /** The same deep page both ways: an offset, and the last_id that starts at the same row. */
  deepPage(fraction: number): Promise<{ offset: number; lastId: number }>;
}

export interface Scenario {
  name: string;
  title: string;
  target: Target;
  /** 'rss': the peak-memory connection count (--rss-connections). Default: --connections. */
  connections?: number | 'rss';
  /** Run only at these scales (task counts); default every scale. */
  scales?: number[];
  /** The scenario writes: its rows are removed again after the scale's runs. */
  writes?: boolean;
  /** Compare its JSON (first probe response) with that scenario's; the report says whether they match. */
  sameJsonAs?: string;
  prepare(env: ScenarioEnv): Promise<Prepared>;
}

export type Metric = 'rps' | 'p50' | 'p99' | 'rss';

export type TargetCheck =
  | {
      kind: 'ratio';
      measure: string;
      numerator: string;
      denominator: string;
      metric: Metric;
      goal: '>=' | '<=';
      value: number;
    }
  | {
      kind: 'across-scales';
      measure: string;
      scenario: string;
      metric: Metric;
      /** numerator scale / denominator scale */
      scales: [number, number];
      goal: '>=' | '<=';
      value: number;
    }
  | {
      kind: 'absolute';
      measure: string;
      scenario: string;
      metric: Metric;
      /** Judged at this scale only (other scales report the figure). */
      scale?: number;
      goal: '>=' | '<=';
      value: number;
      unit: string;
      /** Also require an index scan in the EXPLAIN of the info query. */
      explainIndexScan?: boolean;
    };

export const get = (path: string, headers?: Record<string, string>): Step => ({ method: 'GET', path, headers });

export const graphqlStep = (query: string, variables: Record<string, unknown> = {}): Step => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, variables }),
});

/** A scenario that needs no preparation. */
export const fixed =
  (...steps: Step[]) =>
  async (): Promise<Prepared> => ({ steps });
