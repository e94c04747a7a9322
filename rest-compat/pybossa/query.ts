// PYBOSSA query strings -> GraphQL list variables, with PYBOSSA's errors for what it refuses.
import { attributeError, badRequest, valueError, PybossaFailure } from './errors.ts';
import type { FieldType, PybossaObject } from './objects.ts';

export type Query = Record<string, string>;

/** Keys that are not filters. */
const RESERVED = new Set(['limit', 'offset', 'api_key', 'last_id', 'all', 'fulltextsearch', 'desc', 'orderby', 'related', 'participated', 'full', 'stats']);

/** Flattens Fastify's parsed query (repeated keys become arrays) to the last value, as Flask's args.get does. */
export function flatQuery(query: unknown): Query {
  const out: Query = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    out[key] = Array.isArray(value) ? String(value.at(-1) ?? '') : String(value ?? '');
  }
  return out;
}

/** Python's fuzzy boolean: true/yes/on/y/1 and false/no/off/n/0, case-insensitive; empty is false. */
export function fuzzyBool(value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  const v = value.trim().toLowerCase();
  if (['true', 'yes', 'on', 'y', '1', 't'].includes(v)) return true;
  if (['false', 'no', 'off', 'n', '0', 'f'].includes(v)) return false;
  throw valueError(`Invalid literal for boolean(): ${value}`);
}

const dataError = (field: string, value: string, type: string) =>
  new PybossaFailure(415, 'DataError', `(psycopg2.errors.InvalidTextRepresentation) invalid input syntax for type ${type}: "${value}" (filter ${field})`);

export function coerce(field: string, value: string, type: FieldType): unknown {
  switch (type) {
    case 'int':
      if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw dataError(field, value, 'integer');
      return Number(value);
    case 'float':
      if (value.trim() === '' || !Number.isFinite(Number(value))) throw dataError(field, value, 'double precision');
      return Number(value);
    case 'bool': {
      const v = value.trim().toLowerCase();
      if (['true', 't', '1', 'yes', 'y', 'on'].includes(v)) return true;
      if (['false', 'f', '0', 'no', 'n', 'off'].includes(v)) return false;
      throw dataError(field, value, 'boolean');
    }
    default:
      return value;
  }
}

/** Integer query argument; PYBOSSA falls back to the default when it is not a number. */
const lenientInt = (value: string | undefined, fallback: number): number => (value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : fallback);

export function listVariables(object: PybossaObject, query: Query): { variables: Record<string, unknown>; related: boolean } {
  const filter: Record<string, unknown> = {};
  const variables: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (RESERVED.has(key)) continue;
    if (key === 'external_uid' && object.name === 'task') continue;
    if (!object.columns.includes(key)) throw attributeError(object.cls, key);
    if (key === 'info') {
      Object.assign(variables, infoVariables(value, query.fulltextsearch === '1'));
    } else if (key === 'created') {
      variables.created = value;
    } else if (key === 'project_id' && object.listArgs.some((arg) => arg.startsWith('projectIds'))) {
      // Every run of digits counts: project_id=[1, 2, 3], 1,2 and 5 all work.
      variables.projectIds = (value.match(/\d+/g) ?? []).map(Number);
    } else if (key === 'fav_user_ids' || (key === 'restrict' && object.name === 'user')) {
      // Accepted and ignored, as PYBOSSA does (restricted users are never listed, whatever the query says).
    } else {
      const spec = object.filters[key];
      if (!spec) throw badRequest(`Filtering ${object.name} by ${key} is not supported.`);
      filter[spec.key] = coerce(key, value, spec.type);
    }
  }
  if (object.name === 'result' && query.last_version !== undefined && !fuzzyBoolOr(query.last_version, true)) {
    // last_version=false removes the default filter entirely.
    delete filter.lastVersion;
    variables.allVersions = true;
  }
  if (Object.keys(filter).length) variables.filter = filter;
  variables.limit = Math.min(lenientInt(query.limit, 20), 100);
  variables.offset = lenientInt(query.offset, 0);
  if (query.last_id !== undefined && /^\d+$/.test(query.last_id.trim())) variables.lastId = Number(query.last_id);
  if (query.orderby !== undefined && query.orderby !== '') {
    if (!object.columns.includes(query.orderby)) throw attributeError(object.cls, query.orderby);
    const order = object.order[query.orderby];
    if (!order) throw badRequest(`Ordering ${object.name} by ${query.orderby} is not supported.`);
    variables.orderBy = order;
  }
  variables.desc = fuzzyBool(query.desc);
  variables.all = query.all === '1';
  if (object.name === 'task' && query.participated) {
    variables.participated = true;
    if (query.external_uid) variables.externalUid = query.external_uid;
  }
  return { variables, related: Boolean(query.related) };
}

function fuzzyBoolOr(value: string, fallback: boolean): boolean {
  try {
    return value === '' ? fallback : fuzzyBool(value);
  } catch {
    return fallback;
  }
}

/** info=key::value|key2::value2 (pairs, ANDed), or a JSON document matched by containment. */
function infoVariables(value: string, fullText: boolean): Record<string, unknown> {
  if (value.includes('::')) {
    const pairs = value
      .split('|')
      .filter((pair) => pair !== '')
      .map((pair) => {
        const parts = pair.split('::');
        if (parts.length !== 2) throw valueError(`too many values to unpack (expected 2): "${pair}"`);
        return { key: parts[0]!, value: parts[1]! };
      });
    if (pairs.some((pair) => pair.key === '')) throw badRequest('info filter keys must not be empty');
    return { info: pairs, fullText };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = value;
  }
  return { infoContains: typeof parsed === 'number' ? JSON.stringify(parsed) : parsed };
}
