// Static calendar files, as OpenTrack publishes them for embedding without authentication:
//   european_calendar_<YYYY>.json        competitions in European Athletics member countries
//   domestic_calendar_<cc>_<YYYY>.json   one country's competitions (lower-case IOC code)
// Top-level JSON arrays of v1 records (with events), by start date. The rows come through the
// GraphQL schema like every other read. Each file is written under a temporary name and renamed
// into place, so a reader sees the old file or the new one, never half of one.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { DB } from '../db/index.ts';
import { createContext } from '../graphql/context.ts';
import { anonymousViewer } from '../auth/viewer.ts';
import { run } from '../graphql/operations.ts';
import { calendarCompetitions } from '../../rest-compat/opentrack/operations.ts';
import { v1Record, type GraphqlRecord } from '../../rest-compat/opentrack/records.ts';
import { EUROPEAN_ATHLETICS_MEMBERS, EUROPEAN_CALENDAR_COUNTRIES } from './european-athletics.ts';

const PAGE = 1000;
const FLUSH_BYTES = 256 * 1024;

/** european_calendar_2026.json, domestic_calendar_gbr_2026.json (any case on the way in). */
export const CALENDAR_FILE = /^(?:european_calendar_(\d{4})|domestic_calendar_([A-Za-z]{3})_(\d{4}))\.json$/;

export const europeanCalendarName = (year: number): string => `european_calendar_${year}.json`;
export const domesticCalendarName = (country: string, year: number): string => `domestic_calendar_${country.toLowerCase()}_${year}.json`;

/** Where the server serves calendar files from, unless told otherwise. */
export const defaultCalendarDir = (config: Config): string => join(config.dataDir, 'files', 'live', 'euroath');

/** The current and the following year (UTC). */
export const defaultYears = (now = new Date()): number[] => [now.getUTCFullYear(), now.getUTCFullYear() + 1];

export interface CalendarFileSummary {
  name: string;
  competitions: number;
  bytes: number;
  /** The strong ETag the server answers with. */
  etag: string;
}

export interface CalendarExportSummary {
  dir: string;
  years: number[];
  files: CalendarFileSummary[];
  /** Calendar files of other years (or countries with no competitions left) that were removed. */
  removed: string[];
}

export interface CalendarExportOptions {
  dir: string;
  years: number[];
  /** Remove calendar files not written by this export: of other years when true, of the exported years only when 'years'. */
  prune: boolean | 'years';
}

export const etagOf = (hash: Buffer): string => `"${hash.toString('base64url').slice(0, 32)}"`;

/** A JSON array written record by record to a temporary file, hashed on the way. */
class ArrayFileWriter {
  readonly temporary: string;
  private handle: FileHandle | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  private readonly hash = createHash('sha256');
  count = 0;
  bytes = 0;

  constructor(
    readonly dir: string,
    readonly name: string,
  ) {
    this.temporary = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  }

  private async push(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingBytes += Buffer.byteLength(text);
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
    this.handle ??= await open(this.temporary, 'wx', 0o644);
    this.hash.update(chunk);
    this.bytes += chunk.length;
    await this.handle.write(chunk);
  }

  async add(record: unknown): Promise<void> {
    await this.push(`${this.count === 0 ? '[' : ','}\n${JSON.stringify(record)}`);
    this.count += 1;
  }

  async finish(): Promise<CalendarFileSummary> {
    await this.push(this.count === 0 ? '[]\n' : '\n]\n');
    await this.flush();
    await this.handle!.sync();
    await this.handle!.close();
    this.handle = undefined;
    return { name: this.name, competitions: this.count, bytes: this.bytes, etag: etagOf(this.hash.digest()) };
  }

  async discard(): Promise<void> {
    await this.handle?.close().catch(() => {});
    await rm(this.temporary, { force: true });
  }
}

async function exportYear(db: DB, config: Config, dir: string, year: number, writers: ArrayFileWriter[]): Promise<void> {
  const ctx = createContext(db, config, anonymousViewer('127.0.0.1'));
  const european = new ArrayFileWriter(dir, europeanCalendarName(year));
  writers.push(european);
  const domestic = new Map<string, ArrayFileWriter>();
  const domesticFor = (country: string) => {
    let writer = domestic.get(country);
    if (!writer) {
      writer = new ArrayFileWriter(dir, domesticCalendarName(country, year));
      domestic.set(country, writer);
      writers.push(writer);
    }
    return writer;
  };
  // Every member federation gets its file, even when it is an empty array.
  for (const country of EUROPEAN_ATHLETICS_MEMBERS) domesticFor(country);
  const inEurope = new Set(EUROPEAN_CALENDAR_COUNTRIES);
  for (let offset = 0; ; offset += PAGE) {
    const result = await run<{ competitions: GraphqlRecord[] }>(calendarCompetitions, ctx, {
      countries: null,
      fromDate: `${year}-01-01`,
      toDate: `${year}-12-31`,
      limit: PAGE,
      offset,
    });
    if (!result.ok) throw new Error(`Calendar export failed: ${result.error.message}`);
    for (const node of result.data.competitions) {
      const record = v1Record(node, true);
      const country = String(record.country_id);
      if (inEurope.has(country)) await european.add(record);
      await domesticFor(country).add(record);
    }
    if (result.data.competitions.length < PAGE) break;
  }
}

/** Writes the calendar files of the given years into dir. */
export async function exportCalendarFiles(db: DB, config: Config, options: CalendarExportOptions): Promise<CalendarExportSummary> {
  const { dir, years } = options;
  await mkdir(dir, { recursive: true });
  const writers: ArrayFileWriter[] = [];
  const files: CalendarFileSummary[] = [];
  try {
    for (const year of years) await exportYear(db, config, dir, year, writers);
    for (const writer of writers) files.push(await writer.finish());
  } catch (error) {
    await Promise.all(writers.map((writer) => writer.discard()));
    throw error;
  }
  for (const writer of writers) await rename(writer.temporary, join(dir, writer.name));

  const removed: string[] = [];
  if (options.prune) {
    const written = new Set(files.map((f) => f.name));
    for (const name of await readdir(dir)) {
      const match = CALENDAR_FILE.exec(name);
      if (!match || written.has(name)) continue;
      const year = Number(match[1] ?? match[3]);
      if (options.prune === 'years' && !years.includes(year)) continue;
      await rm(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return { dir, years, files, removed };
}

// One export at a time per directory in this process: a nightly run and an admin's request queue up.
const running = new Map<string, Promise<CalendarExportSummary>>();

export function exportCalendars(
  db: DB,
  config: Config,
  options: Partial<CalendarExportOptions> = {},
): Promise<CalendarExportSummary> {
  const dir = options.dir ?? defaultCalendarDir(config);
  const years = options.years ?? defaultYears();
  const prune = options.prune ?? (options.years ? 'years' : true);
  const previous = running.get(dir) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => exportCalendarFiles(db, config, { dir, years, prune }));
  running.set(dir, next);
  void next.finally(() => {
    if (running.get(dir) === next) running.delete(dir);
  }).catch(() => undefined);
  return next;
}

/** The export running (or queued) for dir, if any: for a clean shutdown. */
export const exportInProgress = (dir: string): Promise<unknown> | undefined => running.get(dir);
