import { sql } from 'kysely';
import type { DB } from '../../db/index.ts';
import type { BuggyRow } from '../../db/tables.ts';
import type { BuggySettings } from './game-data.ts';

/** Keeps the raw text of an upload attempt on the user, whether or not it becomes a buggy. */
export async function recordUploadAttempt(db: DB, userId: number, raw: string, at: Date): Promise<void> {
  // PostgreSQL text cannot hold NUL; such a text never parses as JSON, so only the kept copy changes.
  const kept = raw.replaceAll('\0', '\uFFFD');
  await db.updateTable('users').set({ latest_json: kept, uploaded_at: at }).where('id', '=', userId).execute();
}

/** Creates or wholly replaces the user's one buggy; tells which happened. */
export async function saveBuggy(
  db: DB,
  userId: number,
  settings: BuggySettings,
  totals: { total_cost: number | null; mass: number | null },
  raw: string,
  at: Date,
): Promise<{ buggy: BuggyRow; created: boolean }> {
  const values = { ...settings, ...totals, latest_json: raw, uploaded_at: at, updated: at };
  const row = await db
    .insertInto('buggies')
    .values({ user_id: userId, created: at, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .returningAll()
    // xmax is 0 only on a freshly inserted row version.
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  const { inserted, ...buggy } = row;
  return { buggy: buggy as BuggyRow, created: inserted };
}
