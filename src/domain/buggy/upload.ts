// One buggy upload, the same whether it came through the race server's key + secret route or a
// signed-in GraphQL client (docs/dialects/raceserver.md, Buggy JSON rules). Answers are data, not errors: the
// raw text is kept (and a one-time secret stays spent) even when nothing usable was uploaded.
import type { DB } from '../../db/index.ts';
import type { BuggyRow } from '../../db/tables.ts';
import { coerceBuggy } from './coercion.ts';
import { totalCost, totalMass } from './game-data.ts';
import { parsePythonJson, PyJsonError, pyStrip, type PyValue } from './python-values.ts';
import { recordUploadAttempt, saveBuggy } from './buggy.repository.ts';

export const UPLOAD_ANSWERS = {
  noJson: 'no JSON (buggy_json) provided',
  parseFailed: 'Failed to parse JSON data',
  nothingToChange: 'Nothing to change: no buggy settings were found in the uploaded data',
  created: 'buggy created OK',
  updated: 'buggy updated OK',
} as const;

export interface UploadOutcome {
  ok: string | null;
  error: string | null;
  created: boolean;
  buggy: BuggyRow | null;
}

const failed = (error: string): UploadOutcome => ({ ok: null, error, created: false, buggy: null });

/** Run inside the request's transaction. `maxBytes` (MAX_INFO_BYTES) bounds the text that is kept. */
export async function uploadBuggyText(db: DB, userId: number, raw: string | null | undefined, at: Date, maxBytes = Infinity): Promise<UploadOutcome> {
  // Only the emptiness check sees the text stripped; what is kept and parsed is the text as sent.
  if (raw === null || raw === undefined || pyStrip(raw) === '') return failed(UPLOAD_ANSWERS.noJson);
  // An over-size text is neither kept nor parsed.
  if (raw.length * 3 > maxBytes && Buffer.byteLength(raw, 'utf8') > maxBytes) return failed(`buggy_json is too large: at most ${maxBytes} bytes`);
  await recordUploadAttempt(db, userId, raw, at);
  let data: PyValue;
  try {
    data = parsePythonJson(raw);
  } catch (error) {
    if (error instanceof PyJsonError) return failed(UPLOAD_ANSWERS.parseFailed);
    throw error;
  }
  const { settings, used } = coerceBuggy(data);
  if (used.length === 0) return failed(UPLOAD_ANSWERS.nothingToChange);
  const { buggy, created } = await saveBuggy(db, userId, settings, { total_cost: totalCost(settings), mass: totalMass(settings) }, raw, at);
  return { ok: created ? UPLOAD_ANSWERS.created : UPLOAD_ANSWERS.updated, error: null, created, buggy };
}
