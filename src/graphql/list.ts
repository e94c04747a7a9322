// Arguments and SQL shared by every list query: paging (limit/offset/lastId), ordering, info
// key/value filters and full-text search, created prefixes and owner scoping.
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { sql, type RawBuilder } from 'kysely';
import { badInput } from './errors.ts';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

@InputType({ description: 'Matches objects whose info has this top-level key with this value.' })
export class InfoPair {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}

@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, description: `Page size: default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}.` })
  limit?: number | null;

  @Field(() => Int, { nullable: true, description: 'Skip this many objects (slow on deep pages: prefer lastId).' })
  offset?: number | null;

  @Field(() => Int, { nullable: true, description: 'Keyset paging: objects with an id above this, ascending (ignores offset and orderBy).' })
  lastId?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Descending order.' })
  desc?: boolean | null;

  @Field(() => [InfoPair], { nullable: true, description: 'info key/value pairs, all of which must match.' })
  info?: InfoPair[] | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'JSON that info must contain (jsonb containment), e.g. {"kind": "photo"}.' })
  infoContains?: unknown;

  @Field(() => Boolean, { nullable: true, description: 'Treat info values as full-text queries; results come ranked, with rank and headline.' })
  fullText?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Created in this year (YYYY), month (YYYY-MM) or day (YYYY-MM-DD).' })
  created?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Signed-in callers see only their own objects unless all is true.' })
  all?: boolean | null;
}

export function pageSize(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) throw badInput(`limit must be a whole number from 0 to ${MAX_LIMIT}.`, [{ field: 'limit', message: 'must not be negative' }]);
  return Math.min(limit, MAX_LIMIT);
}

export function pageOffset(offset: number | null | undefined): number {
  if (offset === null || offset === undefined) return 0;
  if (!Number.isInteger(offset) || offset < 0) throw badInput('offset must be a whole number, 0 or more.', [{ field: 'offset', message: 'must not be negative' }]);
  return offset;
}

/** `created` as [start, end) in UTC. */
export function createdRange(created: string): [Date, Date] {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(created.trim());
  const invalid = () =>
    badInput(`created must be a year (2024), a month (2024-05) or a day (2024-05-17), got "${created}".`, [
      { field: 'created', message: 'use YYYY, YYYY-MM or YYYY-MM-DD' },
    ]);
  if (!match) throw invalid();
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : undefined;
  const day = match[3] ? Number(match[3]) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) throw invalid();
  const start = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  if (day !== undefined && start.getUTCDate() !== day) throw invalid();
  const end =
    day !== undefined
      ? new Date(Date.UTC(year, month! - 1, day + 1))
      : month !== undefined
        ? new Date(Date.UTC(year, month, 1))
        : new Date(Date.UTC(year + 1, 0, 1));
  return [start, end];
}

/**
 * `info->>key = value` for each pair, written so the GIN index on info answers it: the value is
 * matched by containment as a string and, where it reads as one, as a JSON number or boolean (then
 * a text comparison keeps exactly PYBOSSA's semantics).
 */
export function infoEquals(column: string, pairs: InfoPair[]): RawBuilder<boolean>[] {
  return pairs.map(({ key, value }) => {
    const candidates: unknown[] = [value];
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value) && Number.isFinite(Number(value))) candidates.push(Number(value));
    if (value === 'true' || value === 'false') candidates.push(value === 'true');
    const ref = sql.ref(column);
    const contains = candidates.map((candidate) => sql<boolean>`${ref} @> ${JSON.stringify({ [key]: candidate })}::jsonb`);
    // A string value is matched exactly by containment alone; the text recheck is only needed where a
    // number (1 vs 1.0) or boolean could also match. Leaving it out keeps the planner's row estimate right.
    if (contains.length === 1) return contains[0]!;
    return sql<boolean>`((${sql.join(contains, sql` OR `)}) AND ${ref}->>${key} = ${value})`;
  });
}

/** Full-text match of each pair; rank and headline come from the first pair. */
export function infoFullText(column: string, pairs: InfoPair[]) {
  const ref = sql.ref(column);
  const query = (value: string) => sql`plainto_tsquery('english', ${value})`;
  const conditions = pairs.map(({ key, value }) => sql<boolean>`to_tsvector('english', coalesce(${ref}->>${key}, '')) @@ ${query(value)}`);
  const first = pairs[0]!;
  return {
    conditions,
    rank: sql<number>`ts_rank(to_tsvector('english', coalesce(${ref}->>${first.key}, '')), ${query(first.value)})`,
    headline: sql<string>`ts_headline('english', coalesce(${ref}->>${first.key}, ''), ${query(first.value)})`,
  };
}

export function validateInfoPairs(pairs: InfoPair[] | null | undefined): InfoPair[] {
  if (!pairs) return [];
  for (const pair of pairs) {
    if (pair.key.trim() === '') throw badInput('info keys must not be empty.', [{ field: 'info', message: 'empty key' }]);
  }
  return pairs.filter((p) => p.key !== '');
}

/** Opaque keyset cursor: the order value and the id of the last object of a page. */
export function encodeCursor(orderValue: unknown, id: number | string): string {
  const value = orderValue instanceof Date ? orderValue.toISOString() : orderValue;
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [unknown, number | string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const value = Array.isArray(parsed) ? parsed[0] : undefined;
    // Cursors hold a column's text (or null): anything else was not made here.
    const scalar = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (Array.isArray(parsed) && parsed.length === 2 && scalar && (typeof parsed[1] === 'number' || typeof parsed[1] === 'string')) {
      return parsed as [unknown, number | string];
    }
  } catch {
    // fall through
  }
  throw badInput('The cursor is not valid: pass an endCursor from a previous page.', [{ field: 'after', message: 'unknown cursor' }]);
}
