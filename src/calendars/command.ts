// gantry export-calendars [--out DIR] [--year YYYY]
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { defaultCalendarDir, defaultYears, exportCalendars } from './export.ts';

export const EXPORT_CALENDARS_USAGE = 'gantry export-calendars [--out DIR] [--year YYYY]';

export async function exportCalendarsCommand(args: string[]): Promise<void> {
  let flags: { out?: string; year?: string };
  try {
    flags = parseArgs({ args, options: { out: { type: 'string' }, year: { type: 'string' } }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`gantry export-calendars: ${(error as Error).message}\nUsage: ${EXPORT_CALENDARS_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (flags.year !== undefined && (!/^\d{4}$/.test(flags.year) || Number(flags.year) < 1900)) {
    console.error(`gantry export-calendars: --year must be a year such as ${defaultYears()[0]}, got "${flags.year}"\nUsage: ${EXPORT_CALENDARS_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const summary = await exportCalendars(database.db, config, {
      dir: flags.out ? resolve(flags.out) : defaultCalendarDir(config),
      ...(flags.year ? { years: [Number(flags.year)] } : {}),
    });
    const total = summary.files.reduce((sum, file) => sum + file.competitions, 0);
    console.log(`Wrote ${summary.files.length} calendar files for ${summary.years.join(' and ')} to ${summary.dir} (${total} records in all).`);
    for (const file of summary.files.filter((f) => f.competitions > 0 || f.name.startsWith('european'))) {
      console.log(`  ${file.name.padEnd(36)} ${String(file.competitions).padStart(6)} competitions`);
    }
    if (summary.removed.length) console.log(`Removed ${summary.removed.length} files of other years: ${summary.removed.join(', ')}`);
  } finally {
    await database.close();
  }
}
