// Per-request DataLoaders. Every relation resolves through one of these, so a nested query costs a
// fixed number of statements whatever the list lengths: one per relation level.
import DataLoader from 'dataloader';
import { sql } from 'kysely';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedColumns } from './selection.ts';
import type { DB } from '../db/index.ts';
import type { Database } from '../db/tables.ts';

type Table = keyof Database;
type Key = number | string;

export interface ChildrenOptions {
  limit: number;
  offset?: number;
  desc?: boolean;
  /** Only rows where this column equals this value (e.g. state = 'completed'). */
  where?: Record<string, string | number | boolean>;
}

export interface AggregateSpec {
  table: Table;
  groupBy: string;
  /** name -> SQL aggregate expression over the table (trusted, written in code). */
  columns: Record<string, string>;
}

/** Called with every batch's size (metrics: src/http/metrics.ts). */
export const batchObservers = new Set<(loader: string, size: number) => void>();
const observeBatch = (loader: string, size: number) => {
  for (const observe of batchObservers) observe(loader, size);
};

function optionsName(options: ChildrenOptions): string {
  return `${options.limit}:${options.offset ?? 0}:${options.desc === true}:${options.where ? JSON.stringify(options.where) : ''}`;
}

export class Loaders {
  private readonly cache = new Map<string, DataLoader<Key, unknown>>();
  /**
   * Loaders over partial rows: name -> column list -> loader. Column lists are interned by
   * selectedColumns, so the array itself is the key; no name is built from them per call.
   */
  private readonly partial = new Map<string, Map<readonly string[], DataLoader<Key, unknown>>>();

  constructor(private readonly db: DB) {}

  private get<V>(name: string, columns: readonly string[] | null, create: () => DataLoader<Key, V>): DataLoader<Key, V> {
    let cache: Map<unknown, DataLoader<Key, unknown>> = this.cache;
    if (columns) {
      let lists = this.partial.get(name);
      if (!lists) this.partial.set(name, (lists = new Map()));
      cache = lists;
    }
    let loader = cache.get(columns ?? name);
    if (!loader) {
      loader = create() as DataLoader<Key, unknown>;
      cache.set(columns ?? name, loader);
    }
    return loader as DataLoader<Key, V>;
  }

  /** The select list: whole rows, or the given columns (partial rows get loaders of their own). */
  private selectList(columns: readonly string[] | null, prefix?: string) {
    if (!columns) return prefix ? sql.raw(`${prefix}.*`) : sql.raw('*');
    return sql.join(columns.map((column) => sql.ref(prefix ? `${prefix}.${column}` : column)));
  }

  /**
   * One row per id (null when missing). Given the field's resolve info, rows hold only the columns
   * its selection reads (src/graphql/selection.ts).
   */
  byId<Row>(table: Table, column = 'id', selection?: GraphQLResolveInfo): DataLoader<Key, Row | null> {
    const columns = selection ? selectedColumns(this.db, selection, table, column) : null;
    return this.get(column === 'id' ? table : `${table}:${column}`, columns, () =>
      new DataLoader<Key, Row | null>(async (keys) => {
        observeBatch(`byId:${table}`, keys.length);
        const { rows } = await sql<Row & Record<string, Key>>`SELECT ${this.selectList(columns)} FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ANY(${[...keys]})`.execute(this.db);
        const found = new Map(rows.map((row) => [String(row[column]), row]));
        return keys.map((key) => found.get(String(key)) ?? null);
      }),
    );
  }

  /** A page of child rows per parent id: one LATERAL query for all parents; `selection` as for byId. */
  children<Row>(table: Table, parentColumn: string, options: ChildrenOptions, selection?: GraphQLResolveInfo): DataLoader<Key, Row[]> {
    const columns = selection ? selectedColumns(this.db, selection, table) : null;
    const name = `children:${table}:${parentColumn}:${optionsName(options)}`;
    return this.get(name, columns, () =>
      new DataLoader<Key, Row[]>(async (keys) => {
        observeBatch(`children:${table}`, keys.length);
        const direction = options.desc ? sql`DESC` : sql`ASC`;
        const filters = Object.entries(options.where ?? {}).map(([column, value]) => sql`AND c.${sql.ref(column)} = ${value}`);
        const { rows } = await sql<Row & { _parent: Key }>`
          SELECT p.id AS _parent, c.* FROM unnest(${[...keys]}::int[]) AS p(id)
          CROSS JOIN LATERAL (
            SELECT ${this.selectList(columns, 'c')} FROM ${sql.table(table)} c WHERE c.${sql.ref(parentColumn)} = p.id ${sql.join(filters, sql` `)}
            ORDER BY c.id ${direction} LIMIT ${options.limit} OFFSET ${options.offset ?? 0}
          ) c`.execute(this.db);
        const grouped = new Map<string, Row[]>();
        // _parent stays on the row: deleting a property turns every row into a slow dictionary object.
        for (const row of rows) {
          const parent = String(row._parent);
          const list = grouped.get(parent) ?? [];
          list.push(row);
          grouped.set(parent, list);
        }
        return keys.map((key) => grouped.get(String(key)) ?? []);
      }),
    );
  }

  /** Aggregates grouped by a parent id (counts, progress). Missing parents get zeros. */
  aggregate<V extends Record<string, number>>(spec: AggregateSpec): DataLoader<Key, V> {
    const name = `aggregate:${spec.table}:${spec.groupBy}:${JSON.stringify(spec.columns)}`;
    return this.get(name, null, () =>
      new DataLoader<Key, V>(async (keys) => {
        observeBatch(`aggregate:${spec.table}`, keys.length);
        const selections = Object.entries(spec.columns).map(([alias, expression]) => sql`(${sql.raw(expression)})::int AS ${sql.ref(alias)}`);
        const { rows } = await sql<V & { _parent: Key }>`
          SELECT ${sql.ref(spec.groupBy)} AS _parent, ${sql.join(selections)} FROM ${sql.table(spec.table)}
          WHERE ${sql.ref(spec.groupBy)} = ANY(${[...keys]}) GROUP BY ${sql.ref(spec.groupBy)}`.execute(this.db);
        const found = new Map(rows.map((row) => [String(row._parent), row]));
        const zero = Object.fromEntries(Object.keys(spec.columns).map((k) => [k, 0])) as V;
        return keys.map((key) => {
          const row = found.get(String(key));
          if (!row) return zero;
          const { _parent: _, ...values } = row;
          return values as unknown as V;
        });
      }),
    );
  }

  /** Rows whose id is in each key's id list (e.g. a result's task_run_ids), in list order. */
  manyByIds<Row extends { id: number }>(table: Table): { load(ids: number[]): Promise<Row[]> } {
    const byId = this.byId<Row>(table);
    return {
      load: async (ids) => (await byId.loadMany(ids)).filter((row): row is Row => row !== null && !(row instanceof Error)),
    };
  }
}

export function createLoaders(db: DB): Loaders {
  return new Loaders(db);
}
