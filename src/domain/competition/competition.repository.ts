// The SQL of competitions.
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { CompetitionRow } from '../../db/tables.ts';
import { constraintOf, isCheckViolation, isUniqueViolation } from '../../db/errors.ts';
import { badInput, conflict } from '../../graphql/errors.ts';
import type { CompetitionValues } from './competition.rules.ts';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

export interface CompetitionFilter {
  countries?: string[];
  fromDate?: string;
  toDate?: string;
  slug?: string;
  organiserId?: string;
  updatedSince?: Date;
  ids?: string[];
  /** Competitions where this user holds a role; rows then carry `role`. */
  roleOf?: number;
  limit: number;
  offset: number;
  /** Newest first (my-competitions); otherwise by date ascending. */
  newestFirst?: boolean;
}

export type CompetitionWithRole = CompetitionRow & { role?: string };

export async function listCompetitions(db: DB, filter: CompetitionFilter): Promise<CompetitionWithRole[]> {
  const conditions: RawBuilder<boolean>[] = [];
  if (filter.countries) conditions.push(sql<boolean>`c.country_id = ANY(${filter.countries}::text[])`);
  if (filter.fromDate) conditions.push(sql<boolean>`c.date >= ${filter.fromDate}::date`);
  if (filter.toDate) conditions.push(sql<boolean>`c.date <= ${filter.toDate}::date`);
  if (filter.slug !== undefined) conditions.push(sql<boolean>`c.slug = ${filter.slug}`);
  if (filter.organiserId) conditions.push(sql<boolean>`c.organiser_id = ${filter.organiserId}::uuid`);
  if (filter.updatedSince) conditions.push(sql<boolean>`c.updated >= ${filter.updatedSince}`);
  if (filter.ids) conditions.push(sql<boolean>`c.id = ANY(${filter.ids}::uuid[])`);
  const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const order = filter.newestFirst ? sql`c.date DESC, c.id DESC` : sql`c.date ASC, c.id ASC`;
  if (filter.roleOf !== undefined) {
    // Driven by the user's roles (indexed by user_id); one row per competition, DIRECTOR first.
    const { rows } = await sql<CompetitionWithRole>`
      SELECT c.*, r.role FROM (
        SELECT DISTINCT ON (competition_id) competition_id, role FROM competition_roles
        WHERE user_id = ${filter.roleOf} ORDER BY competition_id, (role = 'DIRECTOR') DESC, role
      ) r JOIN competitions c ON c.id = r.competition_id
      ${where} ORDER BY ${order} LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(db);
    return rows;
  }
  const { rows } = await sql<CompetitionRow>`SELECT c.* FROM competitions c ${where} ORDER BY ${order} LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(db);
  return rows;
}

/** Countries with at least one competition starting in [fromDate, toDate]. */
export async function countriesWithCompetitions(db: DB, fromDate: string, toDate: string): Promise<string[]> {
  const { rows } = await sql<{ country_id: string }>`
    SELECT DISTINCT country_id FROM competitions WHERE date >= ${fromDate}::date AND date <= ${toDate}::date ORDER BY country_id`.execute(db);
  return rows.map((row) => row.country_id);
}

export async function competitionForUpdate(trx: DB, id: string): Promise<CompetitionRow | undefined> {
  const { rows } = await sql<CompetitionRow>`SELECT * FROM competitions WHERE id = ${id}::uuid FOR UPDATE`.execute(trx);
  return rows[0];
}

function rethrow(error: unknown, values: { slug: string }, id?: string | null): never {
  if (isUniqueViolation(error, 'competitions_slug_key')) {
    throw conflict(`A competition with the slug "${values.slug}" already exists: choose another slug.`, {
      reason: 'slug_taken',
      fields: [{ field: 'slug', message: 'already taken' }],
    });
  }
  if (isUniqueViolation(error, 'competitions_pkey')) {
    throw conflict(`A competition with the id ${id} already exists.`, { reason: 'id_taken', fields: [{ field: 'id', message: 'already taken' }] });
  }
  if (isCheckViolation(error)) {
    throw badInput(`The competition is not valid (${constraintOf(error) ?? 'check failed'}).`);
  }
  throw error;
}

const row = (values: CompetitionValues) => ({ ...values, events: JSON.stringify(values.events) });

export async function insertCompetition(trx: DB, values: CompetitionValues, createdBy: number, id?: string | null): Promise<CompetitionRow> {
  try {
    return await trx
      .insertInto('competitions')
      .values({ ...row(values), created_by: createdBy, ...(id ? { id: id.toLowerCase() } : {}) })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    rethrow(error, values, id);
  }
}

export async function updateCompetitionRow(trx: DB, id: string, values: CompetitionValues): Promise<CompetitionRow> {
  try {
    return await trx
      .updateTable('competitions')
      .set({ ...row(values), updated: sql<Date>`clock_timestamp()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    rethrow(error, values);
  }
}

export async function deleteCompetitionRow(trx: DB, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('competitions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The stored record as the rules see it (for merging a partial update). */
export function valuesOf(row: CompetitionRow): CompetitionValues {
  return {
    full_name: row.full_name,
    short_name: row.short_name,
    slug: row.slug,
    name_local: row.name_local,
    country_id: row.country_id,
    address: row.address,
    city: row.city,
    venue_id: row.venue_id,
    latitude: row.latitude,
    longitude: row.longitude,
    altitude: row.altitude,
    date: row.date,
    finish_date: row.finish_date,
    year: row.year,
    wa_rankings_category_id: row.wa_rankings_category_id,
    age_groups: row.age_groups,
    national_id: row.national_id,
    basic_description: row.basic_description,
    contact_details: row.contact_details,
    organiser_id: row.organiser_id,
    website: row.website,
    entry_link: row.entry_link,
    results_link: row.results_link,
    events: (row.events as CompetitionValues['events']) ?? [],
  };
}

/**
 * A version of the competitions, read from the change log (migration 0004) that a trigger writes in
 * the transaction of every write: `<newest seq>-<changes>-<sum of seqs>-<tombstones>`. It moves exactly
 * when a change becomes visible, a late commit with an older seq included (the count and the sum
 * move even when the newest seq does not), and when pruning removes changes or tombstones. The first
 * part orders versions. One statement; no lock is taken, so writers never wait on each other for it
 * (a single counter row bumped by every write would hold every other competition write until commit).
 */
export async function competitionsVersion(db: DB): Promise<string> {
  const { rows } = await sql<{ version: string }>`
    SELECT concat_ws('-', coalesce(max(seq), 0), count(*), coalesce(sum(seq), 0), (SELECT count(*) FROM competition_tombstones)) AS version
    FROM competition_changes`.execute(db);
  return rows[0]?.version ?? '0-0-0-0';
}
