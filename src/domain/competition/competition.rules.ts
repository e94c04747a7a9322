// What a valid competition record is, and how input becomes the stored row. One place for every
// dialect: GraphQL, OpenTrack v1 (create, update, test) and the calendar exports.
import { Problems } from '../../graphql/validation.ts';
import { badInput } from '../../graphql/errors.ts';
import type { CompetitionRow } from '../../db/tables.ts';
import type { CompetitionEventInput, CompetitionPatch, CompetitionUnitInput } from './competition.input.ts';
import { safeHttpUrl } from './safe-url.ts';

export const COUNTRY = /^[A-Z]{3}$/;

/** A country argument as given (any case, spaces around): its IOC code, or BAD_USER_INPUT naming the field. */
export function countryArgument(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!COUNTRY.test(code)) throw badInput(`${field} must be a three-letter IOC code such as GBR (got "${value}").`, [{ field, message: 'not an IOC code' }]);
  return code;
}
const SLUG = /^[a-z0-9][a-z0-9._-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROUNDS = /^\d+(\s*,\s*\d+)*$/;
const MAX_EVENTS = 500;
const MAX_UNITS_PER_EVENT = 500;

export const isUuid = (value: string): boolean => UUID.test(value);

/** The duplicate key: the name trimmed and case-folded (matches the competitions_name_date_idx index). */
export const normaliseName = (name: string): string => name.trim().toLowerCase();

export interface StoredUnit {
  heat: number | null;
  round: number | null;
  status: string;
  results_status: string;
  results: unknown[];
  heights: unknown[];
  trials: unknown[];
}

export interface StoredEvent {
  event_id: string;
  event_code: string;
  name: string | null;
  genders: string | null;
  category: string | null;
  age_groups: string[] | null;
  rounds: string | null;
  status: string | null;
  units: StoredUnit[];
}

/** The columns a competition input sets (year derived from date): the row less what the database fills. */
export type CompetitionValues = Omit<CompetitionRow, 'id' | 'created' | 'updated' | 'created_by' | 'events'> & { events: StoredEvent[] };

type TextColumn = 'short_name' | 'name_local' | 'address' | 'city' | 'national_id' | 'basic_description' | 'contact_details' | 'website' | 'entry_link' | 'results_link';

/** Optional text fields: GraphQL name, column, longest accepted value. */
const OPTIONAL_TEXT: [keyof CompetitionPatch, TextColumn, number][] = [
  ['shortName', 'short_name', 200],
  ['nameLocal', 'name_local', 300],
  ['address', 'address', 1000],
  ['city', 'city', 200],
  ['nationalId', 'national_id', 100],
  ['basicDescription', 'basic_description', 20000],
  ['contactDetails', 'contact_details', 2000],
  ['website', 'website', 1000],
  ['entryLink', 'entry_link', 1000],
  ['resultsLink', 'results_link', 1000],
];

/** Links shown as hrefs (console, calendar feeds, calendar files): http(s) only. */
const LINKS = new Set<keyof CompetitionPatch>(['website', 'entryLink', 'resultsLink']);

const REQUIRED: [keyof CompetitionPatch, string][] = [
  ['fullName', 'full name'],
  ['slug', 'slug'],
  ['countryId', 'country'],
  ['date', 'start date'],
  ['finishDate', 'finish date'],
];

function checkRange(problems: Problems, field: string, value: number | null | undefined, min: number, max: number): void {
  if (value === null || value === undefined) return;
  if (!Number.isFinite(value) || value < min || value > max) problems.add(field, `${field} must be a number from ${min} to ${max} (got ${value}).`);
}

/** Units per round from "8,3,1" (8 heats in round 1, 3 in round 2, 1 final). */
export function unitsForRounds(rounds: string): StoredUnit[] {
  const units: StoredUnit[] = [];
  rounds.split(',').forEach((part, index) => {
    const heats = Number(part.trim());
    for (let heat = 1; heat <= heats; heat++) {
      units.push({ heat, round: index + 1, status: '', results_status: '', results: [], heights: [], trials: [] });
    }
  });
  return units;
}

function storedUnit(unit: CompetitionUnitInput): StoredUnit {
  return {
    heat: unit.heat ?? null,
    round: unit.round ?? null,
    status: unit.status ?? '',
    results_status: unit.resultsStatus ?? '',
    results: unit.results ?? [],
    heights: unit.heights ?? [],
    trials: unit.trials ?? [],
  };
}

function checkEvents(problems: Problems, events: CompetitionEventInput[]): StoredEvent[] {
  if (events.length > MAX_EVENTS) problems.add('events', `A competition has at most ${MAX_EVENTS} events (got ${events.length}).`);
  const seen = new Map<string, number>();
  return events.map((event, index) => {
    const at = `events.${index}`;
    const eventId = event.eventId.trim();
    if (eventId === '') problems.add(`${at}.eventId`, `${at}.eventId must not be empty.`);
    else if (eventId.length > 50) problems.add(`${at}.eventId`, `${at}.eventId must be at most 50 characters.`);
    else if (seen.has(eventId)) problems.add(`${at}.eventId`, `${at}.eventId "${eventId}" is already used by events.${seen.get(eventId)}: event ids must be unique in a competition.`);
    else seen.set(eventId, index);
    if (event.eventCode.trim() === '') problems.add(`${at}.eventCode`, `${at}.eventCode must not be empty (e.g. 100, LJ, PV).`);
    else if (event.eventCode.length > 50) problems.add(`${at}.eventCode`, `${at}.eventCode must be at most 50 characters.`);
    for (const [field, value] of [['name', event.name], ['genders', event.genders], ['category', event.category], ['status', event.status]] as const) {
      if (value && value.length > 200) problems.add(`${at}.${field}`, `${at}.${field} must be at most 200 characters.`);
    }
    let units: StoredUnit[] = (event.units ?? []).map(storedUnit);
    const rounds = event.rounds?.trim() || null;
    if (rounds !== null) {
      if (!ROUNDS.test(rounds)) {
        problems.add(`${at}.rounds`, `${at}.rounds must list the heats of each round separated by commas, e.g. "8,3,1" (got "${event.rounds}").`);
      } else if (units.length === 0) {
        const total = rounds.split(',').reduce((sum, n) => sum + Number(n.trim()), 0);
        if (total > MAX_UNITS_PER_EVENT) problems.add(`${at}.rounds`, `${at}.rounds asks for ${total} heats; at most ${MAX_UNITS_PER_EVENT} per event.`);
        else units = unitsForRounds(rounds);
      }
    }
    if (units.length > MAX_UNITS_PER_EVENT) problems.add(`${at}.units`, `${at}.units: at most ${MAX_UNITS_PER_EVENT} units per event.`);
    return {
      event_id: eventId,
      event_code: event.eventCode.trim(),
      name: event.name ?? null,
      genders: event.genders ?? null,
      category: event.category ?? null,
      age_groups: event.ageGroups ?? null,
      rounds,
      status: event.status ?? null,
      units,
    };
  });
}

/**
 * Checks a full record (create, or an update merged onto the stored row) and returns the columns
 * to store. Every problem is collected, so one answer lists everything to fix.
 */
export function competitionValues(input: CompetitionPatch, base?: CompetitionValues): CompetitionValues {
  const problems = new Problems();
  const pick = <K extends keyof CompetitionPatch>(key: K) => input[key];

  for (const [field, label] of REQUIRED) {
    const value = pick(field);
    if (value === null || (value === undefined && !base)) problems.add(field, `${field} (${label}) is required.`);
  }
  const fullNameGiven = pick('fullName');
  if (fullNameGiven !== null && fullNameGiven !== undefined) problems.text('fullName', fullNameGiven, { max: 300 });
  const fullName = fullNameGiven ?? base?.full_name ?? '';
  const slug = pick('slug') ?? base?.slug ?? '';
  if (pick('slug') === '') problems.add('slug', 'slug must not be empty.');
  else if (slug !== '' && (!SLUG.test(slug) || slug.length > 200)) {
    problems.add('slug', `slug must be lower-case letters, digits, dots, dashes or underscores, without spaces, at most 200 characters (got "${slug}").`);
  }
  const countryId = pick('countryId') ?? base?.country_id ?? '';
  if (pick('countryId') !== null && pick('countryId') !== undefined && !COUNTRY.test(countryId)) {
    problems.add('countryId', `countryId must be three upper-case letters, an IOC code such as GBR (got "${countryId}").`);
  }
  const date = pick('date') ?? base?.date ?? '';
  const finishDate = pick('finishDate') ?? base?.finish_date ?? '';
  if (date && finishDate && finishDate < date) problems.add('finishDate', `finishDate (${finishDate}) must be on or after date (${date}).`);

  const values = {} as Record<TextColumn, string | null>;
  for (const [field, column, max] of OPTIONAL_TEXT) {
    const given = pick(field) as string | null | undefined;
    const value = given === undefined ? (base?.[column] ?? null) : given;
    if (value !== null && value.length > max) problems.add(field, `${field} must be at most ${max} characters (got ${value.length}).`);
    // Checked when sent (create, or an update that sets it): "" means no link.
    else if (LINKS.has(field) && given && !safeHttpUrl(given)) {
      problems.add(field, `${field} must be an http:// or https:// URL, such as https://example.org/ (got "${given.slice(0, 100)}").`);
    }
    values[column] = value;
  }
  const uuidField = (field: 'venueId' | 'organiserId', column: 'venue_id' | 'organiser_id'): string | null => {
    const given = pick(field);
    const value = given === undefined ? (base?.[column] ?? null) : given === '' ? null : given;
    if (value !== null && !isUuid(value)) problems.add(field, `${field} must be a UUID such as 19c65443-9b0f-444d-b874-1e74d97310fb (got "${value}").`);
    return value === null ? null : value.toLowerCase();
  };
  const venueId = uuidField('venueId', 'venue_id');
  const organiserId = uuidField('organiserId', 'organiser_id');
  const number = (field: 'latitude' | 'longitude' | 'altitude') => {
    const given = pick(field);
    return given === undefined ? (base?.[field] ?? null) : given;
  };
  const latitude = number('latitude');
  const longitude = number('longitude');
  const altitude = number('altitude');
  checkRange(problems, 'latitude', latitude, -90, 90);
  checkRange(problems, 'longitude', longitude, -180, 180);
  checkRange(problems, 'altitude', altitude, -1000, 10000);

  const category = pick('waRankingsCategoryId');
  const waRankingsCategoryId = category === undefined ? (base?.wa_rankings_category_id ?? null) : category;
  if (waRankingsCategoryId !== null && waRankingsCategoryId.length > 20) problems.add('waRankingsCategoryId', 'waRankingsCategoryId must be at most 20 characters.');
  const groups = pick('ageGroups');
  const ageGroups = groups === undefined ? (base?.age_groups ?? null) : groups;
  if (ageGroups && (ageGroups.length > 100 || ageGroups.some((g) => g.length > 200))) {
    problems.add('ageGroups', 'ageGroups may list at most 100 groups of at most 200 characters each.');
  }
  const eventsInput = pick('events');
  const events = eventsInput === undefined || eventsInput === null ? (base?.events ?? []) : checkEvents(problems, eventsInput);

  problems.throwIfAny('The competition is not valid.');
  return {
    full_name: fullName.trim(),
    slug,
    country_id: countryId,
    date,
    finish_date: finishDate,
    year: Number(date.slice(0, 4)),
    ...values,
    venue_id: venueId,
    organiser_id: organiserId,
    latitude,
    longitude,
    altitude,
    wa_rankings_category_id: waRankingsCategoryId,
    age_groups: ageGroups,
    events,
  };
}
