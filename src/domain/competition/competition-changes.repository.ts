// The SQL of the competition change feed and of tombstones (docs/calendar-sync.md explains why the
// feed cannot skip a change). Rows of competition_changes are written by a trigger on competitions.
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { CompetitionRow } from '../../db/tables.ts';
import { badInput } from '../../graphql/errors.ts';

/** A place in the feed: the writing transaction's id, then the row's serial. Ordered as a pair. */
export interface FeedPosition {
  xid: string;
  seq: string;
}

export const START: FeedPosition = { xid: '0', seq: '0' };

const CURSOR_PREFIX = 'c1:';

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`${CURSOR_PREFIX}${position.xid}:${position.seq}`, 'utf8').toString('base64url');
}

/** The position in an opaque cursor; a cursor this server did not make is bad input. */
export function decodeCursor(cursor: string, field = 'after'): FeedPosition {
  const text = cursor.length <= 200 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^c1:(\d{1,20}):(\d{1,19})$/.exec(text);
  if (!match || BigInt(match[1]!) > 0xffffffffffffffffn || BigInt(match[2]!) > 0x7fffffffffffffffn) {
    throw badInput(`${field} is not a cursor of this feed: pass the endCursor of a previous page, or nothing to start.`, [
      { field, message: 'not a cursor of this feed' },
    ]);
  }
  return { xid: match[1]!, seq: match[2]! };
}

export interface ChangeRow {
  seq: string;
  xid: string;
  competition_id: string;
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
}

export interface TombstoneRow {
  id: string;
  country_id: string;
  date: string;
  finish_date: string;
  full_name: string;
  slug: string;
  organiser_id: string | null;
  sequence: number;
  deleted_at: Date;
}

export interface ChangeBatch {
  rows: ChangeRow[];
  /** The snapshot's xmin: every transaction with a smaller id had finished when the rows were read. */
  watermark: string;
}

/**
 * The next changes after `after`, in (xid, seq) order, among those written by transactions older
 * than every transaction still in flight (the snapshot's xmin): that set is closed (no row can join
 * it later) and each later set extends it at the end, so a cursor over it never skips a row.
 * Reads `first + 1` rows to tell whether more follow. One statement, so one snapshot.
 */
export async function readChanges(db: DB, after: FeedPosition, first: number, country?: string): Promise<ChangeBatch> {
  const conditions: RawBuilder<boolean>[] = [sql<boolean>`ch.xid < w.xmin`, sql<boolean>`(ch.xid, ch.seq) > (${after.xid}::xid8, ${after.seq}::bigint)`];
  if (country) conditions.push(sql<boolean>`(ch.country_id = ${country} OR ch.previous_country_id = ${country})`);
  const { rows } = await sql<ChangeRow & { watermark: string }>`
    WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
    SELECT w.xmin::text AS watermark, page.* FROM w LEFT JOIN LATERAL (
      SELECT ch.seq::text AS seq, ch.xid::text AS xid, ch.competition_id, ch.kind FROM competition_changes ch
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY ch.xid, ch.seq LIMIT ${first + 1}
    ) page ON true ORDER BY page.xid::xid8, page.seq::bigint`.execute(db);
  const watermark = rows[0]!.watermark;
  return { rows: rows.filter((row) => row.seq !== null).map(({ watermark: _, ...row }) => row), watermark };
}

/** Is `position` before the newest pruned change (so a pruned delete may be missing after it)? */
export async function isBeforeHorizon(db: DB, position: FeedPosition): Promise<boolean> {
  const { rows } = await sql<{ expired: boolean }>`
    SELECT (${position.xid}::xid8, ${position.seq}::bigint) < (h.xid, h.seq) AS expired FROM competition_changes_horizon h`.execute(db);
  return rows[0]?.expired ?? false;
}

export async function competitionsByIds(db: DB, ids: string[]): Promise<CompetitionRow[]> {
  if (!ids.length) return [];
  const { rows } = await sql<CompetitionRow>`SELECT * FROM competitions WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return rows;
}

export async function tombstonesByIds(db: DB, ids: string[]): Promise<TombstoneRow[]> {
  if (!ids.length) return [];
  const { rows } = await sql<TombstoneRow>`SELECT * FROM competition_tombstones WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return rows;
}

export interface TombstoneFilter {
  countries?: string[];
  fromDate?: string;
  toDate?: string;
  slug?: string;
  organiserId?: string;
  deletedSince?: Date;
  limit: number;
  offset: number;
}

/** Tombstones by deletion time (then id), filtered like the competition list. */
export async function listTombstones(db: DB, filter: TombstoneFilter): Promise<TombstoneRow[]> {
  const conditions: RawBuilder<boolean>[] = [sql<boolean>`true`];
  if (filter.countries) conditions.push(sql<boolean>`t.country_id = ANY(${filter.countries}::text[])`);
  if (filter.fromDate) conditions.push(sql<boolean>`t.date >= ${filter.fromDate}::date`);
  if (filter.toDate) conditions.push(sql<boolean>`t.date <= ${filter.toDate}::date`);
  if (filter.slug !== undefined) conditions.push(sql<boolean>`t.slug = ${filter.slug}`);
  if (filter.organiserId) conditions.push(sql<boolean>`t.organiser_id = ${filter.organiserId}::uuid`);
  if (filter.deletedSince) conditions.push(sql<boolean>`t.deleted_at >= ${filter.deletedSince}`);
  const { rows } = await sql<TombstoneRow>`
    SELECT t.* FROM competition_tombstones t WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY t.deleted_at, t.id LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(db);
  return rows;
}

export interface PruneSummary {
  tombstones: number;
  changes: number;
}

/**
 * Forgets deletions older than `days`: their tombstones, and every change row older than that which
 * is not the newest row of a competition that still exists (each live competition keeps one row, so
 * a sync from the start still finds it). The newest position pruned becomes the horizon: a cursor
 * before it is refused as expired, since a delete it has not seen may be gone.
 */
export async function pruneDeletions(db: DB, days: number): Promise<PruneSummary> {
  return db.transaction().execute(async (trx) => {
    const cutoff = sql`clock_timestamp() - make_interval(days => ${days})`;
    const tombstones = await sql`DELETE FROM competition_tombstones WHERE deleted_at < ${cutoff}`.execute(trx);
    const { rows } = await sql<{ xid: string; seq: string; pruned: string }>`
      WITH pruned AS (
        DELETE FROM competition_changes ch WHERE ch.changed_at < ${cutoff}
          AND (NOT EXISTS (SELECT 1 FROM competitions c WHERE c.id = ch.competition_id)
               OR EXISTS (SELECT 1 FROM competition_changes n
                          WHERE n.competition_id = ch.competition_id AND (n.xid, n.seq) > (ch.xid, ch.seq)))
        RETURNING ch.xid, ch.seq
      ), newest AS (SELECT xid, seq FROM pruned ORDER BY xid DESC, seq DESC LIMIT 1)
      SELECT newest.xid::text AS xid, newest.seq::text AS seq, (SELECT count(*) FROM pruned)::text AS pruned FROM newest`.execute(trx);
    const newest = rows[0];
    if (newest) {
      await sql`
        INSERT INTO competition_changes_horizon (xid, seq) VALUES (${newest.xid}::xid8, ${newest.seq}::bigint)
        ON CONFLICT (only_row) DO UPDATE SET xid = EXCLUDED.xid, seq = EXCLUDED.seq
        WHERE (EXCLUDED.xid, EXCLUDED.seq) > (competition_changes_horizon.xid, competition_changes_horizon.seq)`.execute(trx);
    }
    return { tombstones: Number(tombstones.numAffectedRows ?? 0), changes: Number(newest?.pruned ?? 0) };
  });
}
