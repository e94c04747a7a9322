// The OpenTrack v1 competition record <-> the GraphQL Competition type. GraphQL aliases give the
// snake_case keys, so shaping a result only fixes order, the two value quirks and the constant keys.

/** v1 key -> GraphQL field of CompetitionInput / Competition, in the order records are printed. */
export const RECORD_KEYS: [snake: string, camel: string][] = [
  ['full_name', 'fullName'],
  ['short_name', 'shortName'],
  ['slug', 'slug'],
  ['name_local', 'nameLocal'],
  ['country_id', 'countryId'],
  ['address', 'address'],
  ['city', 'city'],
  ['venue_id', 'venueId'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  ['altitude', 'altitude'],
  ['date', 'date'],
  ['finish_date', 'finishDate'],
  ['wa_rankings_category_id', 'waRankingsCategoryId'],
  ['age_groups', 'ageGroups'],
  ['national_id', 'nationalId'],
  ['basic_description', 'basicDescription'],
  ['contact_details', 'contactDetails'],
  ['organiser_id', 'organiserId'],
  ['website', 'website'],
  ['entry_link', 'entryLink'],
  ['results_link', 'resultsLink'],
];

const EVENT_KEYS: [string, string][] = [
  ['event_id', 'eventId'],
  ['event_code', 'eventCode'],
  ['name', 'name'],
  ['genders', 'genders'],
  ['category', 'category'],
  ['age_groups', 'ageGroups'],
  ['rounds', 'rounds'],
  ['status', 'status'],
];

const UNIT_KEYS: [string, string][] = [
  ['heat', 'heat'],
  ['round', 'round'],
  ['status', 'status'],
  ['results_status', 'resultsStatus'],
  ['results', 'results'],
  ['heights', 'heights'],
  ['trials', 'trials'],
];

const alias = ([snake, camel]: [string, string]) => (snake === camel ? snake : `${snake}: ${camel}`);

/** Selection of a v1 record without events (lists). */
export const RECORD_SELECTION = `${RECORD_KEYS.map(alias).join(' ')} id year`;
/** Selection of a v1 record with its events (single records, calendar files). */
export const RECORD_WITH_EVENTS_SELECTION = `${RECORD_SELECTION} events { ${EVENT_KEYS.map(alias).join(' ')} units { ${UNIT_KEYS.map(alias).join(' ')} } }`;

export type GraphqlRecord = Record<string, unknown>;

/**
 * The record in the order the seed prints it. wa_rankings_category_id is a number when it is one
 * (the calendar uses 1-11), a code otherwise; override_token is an input only, always null here.
 */
export function v1Record(node: GraphqlRecord, withEvents: boolean): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [snake] of RECORD_KEYS) record[snake] = node[snake] ?? null;
  const category = record.wa_rankings_category_id;
  if (typeof category === 'string' && /^\d{1,9}$/.test(category)) record.wa_rankings_category_id = Number(category);
  record.override_token = null;
  record.id = node.id;
  record.year = node.year;
  record.events = withEvents ? (node.events ?? []) : null;
  return record;
}

const decimal = (value: unknown): unknown => (typeof value === 'string' ? (value.trim() === '' ? null : Number(value)) : value);
const text = (value: unknown): unknown => (typeof value === 'number' ? String(value) : value);

function mapKeys(source: Record<string, unknown>, keys: [string, string][], convert: (snake: string, value: unknown) => unknown = (_, v) => v) {
  const out: Record<string, unknown> = {};
  for (const [snake, camel] of keys) {
    if (Object.hasOwn(source, snake)) out[camel] = convert(snake, source[snake]);
  }
  return out;
}

function eventInput(event: Record<string, unknown>): Record<string, unknown> {
  const out = mapKeys(event, EVENT_KEYS, (snake, value) => (snake === 'event_id' || snake === 'event_code' ? text(value) : value));
  if (Array.isArray(event.units)) out.units = event.units.map((unit) => mapKeys(unit as Record<string, unknown>, UNIT_KEYS));
  return out;
}

/**
 * A v1 request body (already checked against the route schema) as GraphQL input. Keys it does not
 * know are ignored, as FastAPI does. id and year are read-only: the server assigns the id (a client
 * re-posting an earlier answer's dict, as OpenTrack's duplicate workflow does, creates a new
 * competition) and derives the year from date.
 */
export function competitionInput(body: Record<string, unknown>): Record<string, unknown> {
  const input = mapKeys(body, RECORD_KEYS, (snake, value) => {
    if (snake === 'latitude' || snake === 'longitude' || snake === 'altitude') return decimal(value);
    if (snake === 'wa_rankings_category_id') return text(value);
    return value;
  });
  if (Array.isArray(body.events)) input.events = body.events.map((event) => eventInput(event as Record<string, unknown>));
  else if (body.events === null) delete input.events;
  return input;
}

const SNAKE_NAMES = new Map([...RECORD_KEYS, ...EVENT_KEYS, ...UNIT_KEYS].filter(([snake, camel]) => snake !== camel).map(([snake, camel]) => [camel, snake]));

/** A resolver's message in the dialect's words: "finishDate must ..." -> "finish_date must ...". */
export const inV1Words = (message: string): string => message.replace(/\b[a-z]+(?:[A-Z][a-z]+)+\b/g, (word) => SNAKE_NAMES.get(word) ?? word);

/** GraphQL field path (events.1.eventId) -> FastAPI loc (events, 1, event_id). */
export function locOf(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
}
