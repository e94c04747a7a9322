// One list engine for every entity: filters, info matching, created ranges, owner scoping,
// ordering and both paging styles compile to a single SELECT (plus a COUNT only when asked).
import { sql, type RawBuilder } from 'kysely';
import type { DB } from './index.ts';
import type { Database } from './tables.ts';
import {
  createdRange,
  decodeCursor,
  encodeCursor,
  infoEquals,
  infoFullText,
  pageOffset,
  pageSize,
  validateInfoPairs,
  type ListArgs,
} from '../graphql/list.ts';
import { badInput } from '../graphql/errors.ts';

export interface ListSpec {
  table: keyof Database;
  /** Equality filters: GraphQL filter key -> column. */
  filters: Record<string, string>;
  /** Orderable fields: GraphQL enum value -> column. */
  order: Record<string, string>;
  /** Column holding the project id, for projectIds. */
  projectColumn?: string;
  hasInfo?: boolean;
  /** Condition limiting rows to what the viewer may read (null: everything). */
  visible?: () => RawBuilder<boolean> | null;
  /** "Mine unless all": condition for the signed-in caller's own rows. */
  mine?: () => RawBuilder<boolean> | null;
  /**
   * Fields (filter, order or `created` keys) this viewer may read on some rows only: key -> SQL
   * "this row's value is readable" (null: every row). A caller filters, orders and pages only by
   * what it may read: a filter never matches a row whose value it may not read, an ordering treats
   * such a value as unknown (NULL), and cursors carry the value as the caller sees it.
   */
  readable?: Record<string, () => RawBuilder<boolean> | null>;
  /** The same for info keys (info pairs, full text, infoContains). */
  infoReadable?: (key: string) => RawBuilder<boolean> | null;
}

const guarded = (guard: RawBuilder<boolean> | null | undefined, condition: RawBuilder<boolean>) =>
  guard ? sql<boolean>`(${guard} AND ${condition})` : condition;

/** Guard for an infoContains value: every top-level key must be readable (a non-object names no readable key). */
function containsGuard(spec: ListSpec, value: unknown): RawBuilder<boolean> | null {
  if (!spec.infoReadable) return null;
  const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [''];
  const guards = keys.map((key) => spec.infoReadable!(key)).filter((g): g is RawBuilder<boolean> => g !== null);
  return guards.length ? sql<boolean>`(${sql.join(guards, sql` AND `)})` : null;
}

/** The order expression: the column, or its value where the viewer may read it (NULL elsewhere). */
function orderExpression(spec: ListSpec, key: string | null | undefined, column: string): { expression: RawBuilder<unknown>; masked: boolean } {
  const ref = sql`${sql.ref(`${spec.table}.${column}`)}`;
  const guard = key ? spec.readable?.[key]?.() : null;
  return guard ? { expression: sql`(CASE WHEN ${guard} THEN ${ref} END)`, masked: true } : { expression: ref, masked: false };
}

export interface ListInput extends ListArgs {
  filter?: Record<string, unknown> | null;
  orderBy?: string | null;
  projectIds?: number[] | null;
}

export interface Extra {
  /** Extra conditions a resolver adds (e.g. results' last_version default). */
  conditions?: RawBuilder<boolean>[];
}

function conditionsFor(spec: ListSpec, input: ListInput, extra: Extra = {}) {
  const t = spec.table;
  const conditions: RawBuilder<boolean>[] = [...(extra.conditions ?? [])];
  for (const [key, value] of Object.entries(input.filter ?? {})) {
    if (value === undefined) continue;
    const column = spec.filters[key];
    if (!column) throw badInput(`Unknown filter "${key}".`, [{ field: key, message: 'not a filterable field' }]);
    const condition = value === null ? sql<boolean>`${sql.ref(`${t}.${column}`)} IS NULL` : sql<boolean>`${sql.ref(`${t}.${column}`)} = ${value}`;
    conditions.push(guarded(spec.readable?.[key]?.(), condition));
  }
  if (input.projectIds && spec.projectColumn) {
    conditions.push(sql<boolean>`${sql.ref(`${t}.${spec.projectColumn}`)} = ANY(${input.projectIds}::int[])`);
  }
  if (input.created) {
    const [start, end] = createdRange(input.created);
    conditions.push(guarded(spec.readable?.created?.(), sql<boolean>`${sql.ref(`${t}.created`)} >= ${start} AND ${sql.ref(`${t}.created`)} < ${end}`));
  }
  if (input.infoContains !== undefined && input.infoContains !== null) {
    if (!spec.hasInfo) throw badInput('This list has no info to filter.', [{ field: 'infoContains', message: 'not supported here' }]);
    conditions.push(guarded(containsGuard(spec, input.infoContains), sql<boolean>`${sql.ref(`${t}.info`)} @> ${JSON.stringify(input.infoContains)}::jsonb`));
  }
  let fullText: ReturnType<typeof infoFullText> | undefined;
  const pairs = validateInfoPairs(input.info);
  if (pairs.length) {
    if (!spec.hasInfo) throw badInput('This list has no info to filter.', [{ field: 'info', message: 'not supported here' }]);
    if (input.fullText) {
      fullText = infoFullText(`${t}.info`, pairs);
      conditions.push(...fullText.conditions.map((condition, i) => guarded(spec.infoReadable?.(pairs[i]!.key), condition)));
    } else {
      conditions.push(...infoEquals(`${t}.info`, pairs).map((condition, i) => guarded(spec.infoReadable?.(pairs[i]!.key), condition)));
    }
  }
  const visible = spec.visible?.();
  if (visible) conditions.push(visible);
  if (!input.all) {
    const mine = spec.mine?.();
    if (mine) conditions.push(mine);
  }
  return { conditions, fullText };
}

const where = (conditions: RawBuilder<boolean>[]) => (conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``);

function orderColumn(spec: ListSpec, orderBy: string | null | undefined): string {
  if (!orderBy) return 'id';
  const column = spec.order[orderBy];
  if (!column) throw badInput(`Cannot order by "${orderBy}".`, [{ field: 'orderBy', message: 'not an orderable field' }]);
  return column;
}

export async function listRows<Row>(db: DB, spec: ListSpec, input: ListInput, extra: Extra = {}): Promise<Row[]> {
  const t = spec.table;
  const { conditions, fullText } = conditionsFor(spec, input, extra);
  const limit = pageSize(input.limit);
  let order: RawBuilder<unknown>;
  let offset = pageOffset(input.offset);
  if (input.lastId !== null && input.lastId !== undefined) {
    // Keyset page: ids above lastId, ascending; offset and order are ignored (PYBOSSA's rule).
    conditions.push(sql<boolean>`${sql.ref(`${t}.id`)} > ${input.lastId}`);
    order = sql`${sql.ref(`${t}.id`)} ASC`;
    offset = 0;
  } else if (fullText && !input.orderBy) {
    order = sql`rank DESC, ${sql.ref(`${t}.id`)} ASC`;
  } else {
    const direction = input.desc ? sql`DESC` : sql`ASC`;
    const column = orderColumn(spec, input.orderBy);
    order =
      column === 'id'
        ? sql`${sql.ref(`${t}.id`)} ${direction}`
        : sql`${orderExpression(spec, input.orderBy, column).expression} ${direction} NULLS LAST, ${sql.ref(`${t}.id`)} ${direction}`;
  }
  const extraColumns = fullText ? sql`, ${fullText.rank} AS rank, ${fullText.headline} AS headline` : sql``;
  const { rows } = await sql<Row>`SELECT ${sql.ref(t)}.*${extraColumns} FROM ${sql.table(t)} ${where(conditions)}
    ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows;
}

export async function countRows(db: DB, spec: ListSpec, input: ListInput, extra: Extra = {}): Promise<number> {
  const { conditions } = conditionsFor(spec, input, extra);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(spec.table)} ${where(conditions)}`.execute(db);
  return rows[0]!.n;
}

export interface ConnectionInput extends Omit<ListInput, 'limit' | 'offset' | 'lastId'> {
  first?: number | null;
  after?: string | null;
}

export interface ConnectionPage<Row> {
  edges: { node: Row; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null; startCursor: string | null; hasPreviousPage: boolean };
  readonly totalCount: Promise<number>;
}

/** Relay-style page by keyset on (order column, id): stable when rows are added between pages. */
export async function connectionRows<Row extends { id: number | string }>(
  db: DB,
  spec: ListSpec,
  input: ConnectionInput,
  extra: Extra = {},
): Promise<ConnectionPage<Row>> {
  const t = spec.table;
  const { conditions } = conditionsFor(spec, { ...input, fullText: false }, extra);
  const first = pageSize(input.first);
  const column = orderColumn(spec, input.orderBy);
  const desc = input.desc === true;
  const comparator = desc ? sql`<` : sql`>`;
  const direction = desc ? sql`DESC` : sql`ASC`;
  const countConditions = [...conditions];
  // A value the viewer may not read orders as NULL (last), and the cursor holds it as NULL too.
  const { expression, masked } = orderExpression(spec, input.orderBy, column);
  const id = sql.ref(`${t}.id`);
  if (input.after) {
    const [value, afterId] = decodeCursor(input.after);
    if (column === 'id') conditions.push(sql<boolean>`${id} ${comparator} ${afterId}`);
    else if (!masked) conditions.push(sql<boolean>`(${expression}, ${id}) ${comparator} (${value}, ${afterId})`);
    else if (value === null) conditions.push(sql<boolean>`(${expression} IS NULL AND ${id} ${comparator} ${afterId})`);
    else conditions.push(sql<boolean>`(${expression} IS NULL OR (${expression}, ${id}) ${comparator} (${value}, ${afterId}))`);
  }
  const order =
    column === 'id'
      ? sql`${id} ${direction}`
      : masked
        ? sql`${expression} ${direction} NULLS LAST, ${id} ${direction}`
        : sql`${expression} ${direction}, ${id} ${direction}`;
  // The cursor keeps the order value as PostgreSQL prints it: a JS Date would cut microseconds.
  const { rows } = await sql<Row & { _order_value: string | null }>`SELECT ${sql.ref(t)}.*, ${expression}::text AS _order_value
    FROM ${sql.table(t)} ${where(conditions)} ORDER BY ${order} LIMIT ${first + 1}`.execute(db);
  const hasNextPage = rows.length > first;
  const page = rows.slice(0, first);
  const edges = page.map((row) => {
    const { _order_value: value, ...node } = row;
    return { node: node as unknown as Row, cursor: encodeCursor(value, row.id) };
  });
  let total: Promise<number> | undefined;
  const count = () => {
    total ??= (async () => {
      const { rows: counted } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)} ${where(countConditions)}`.execute(db);
      return counted[0]!.n;
    })();
    return total;
  };
  // totalCount is a getter: GraphQL reads it (and the COUNT runs) only when a client asks for it.
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(input.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return count();
    },
  };
}
