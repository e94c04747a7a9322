// gantry serve | migrate | seed | create-user | export-schema | export-calendars
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/index.ts';
import { migrateToLatest } from './db/migrator.ts';
import { hashPassword } from './auth/passwords.ts';
import { DEMO_USERS, isEmpty, seedDemo } from './seed/demo.ts';
import { seedScale } from './seed/scale.ts';

const USAGE = `Usage: gantry <command> [options]

Commands:
  serve [--seed-if-empty]        run the gateway (migrates first)
  migrate                        apply pending database migrations
  seed [--scale N]               load demo data, or N synthetic tasks with proportional data
  create-user --name N --email E --password P [--admin]
                                 create a user; prints JSON with its id and API key
  export-schema [--out FILE]     write the GraphQL SDL (default schema/schema.graphql)
  export-calendars [--out DIR] [--year YYYY]
                                 write the static calendar files (default DATA_DIR/files/live/euroath, this year and next)
  help                           show this text

Environment: PORT, HOST, DATABASE_URL, DATA_DIR, JWT_SECRET, BASE_URL, LOG_LEVEL (see README).`;

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function withDatabase<T>(config: Config, work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

function progressBar(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const line = `${label.padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
  else if (done >= total) process.stderr.write(line + '\n');
}

async function serve(args: string[]): Promise<void> {
  const flags = parse(args, { 'seed-if-empty': { type: 'boolean' } });
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  let demo: Awaited<ReturnType<typeof seedDemo>> | undefined;
  if (flags['seed-if-empty'] && (await isEmpty(database.db))) demo = await seedDemo(database.db);

  const { buildApp } = await import('./http/app.ts');
  const app = await buildApp({ config, database });
  await app.listen({ port: config.port, host: config.host });

  const where = config.databaseUrl ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`;
  console.log(`Gantry is serving on ${config.baseUrl} (${where})`);
  console.log(`  GraphQL: ${config.baseUrl}/graphql   health: ${config.baseUrl}/healthz, ${config.baseUrl}/readyz`);
  if (demo) {
    console.log('Demo data loaded. Sign in with (name / password):');
    for (const u of demo.users) console.log(`  ${u.name.padEnd(6)} ${u.password.padEnd(15)} api_key ${u.api_key}${u.admin ? '  (admin)' : ''}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown took over 20 s; exiting');
      process.exit(1);
    }, 20_000);
    timer.unref();
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error(error, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function migrate(args: string[]): Promise<void> {
  parse(args, {});
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await migrateToLatest(database.db);
    const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await database.close();
  }
}

async function seed(args: string[]): Promise<void> {
  const flags = parse(args, { scale: { type: 'string' } });
  let scale: number | undefined;
  if (flags.scale !== undefined) {
    const raw = String(flags.scale).replace(/_/g, '');
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000_000) {
      throw new UsageError(`--scale must be a whole number of tasks between 1 and 100000000, got "${flags.scale}"`);
    }
    scale = Number(raw);
  }
  const config = loadConfig();
  await withDatabase(config, async ({ db }) => {
    if (scale !== undefined) {
      const started = Date.now();
      await seedScale(db, scale, progressBar);
      console.log(`Loaded ${scale.toLocaleString('en')} tasks with proportional data in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return;
    }
    if (!(await isEmpty(db))) {
      console.log('The database already has users; demo data not loaded. Demo credentials:');
    } else {
      await seedDemo(db);
      console.log('Demo data loaded. Credentials (name / password):');
    }
    for (const u of DEMO_USERS) console.log(`  ${u.name.padEnd(6)} ${u.password}${u.admin ? '  (admin)' : ''}`);
  });
}

async function createUser(args: string[]): Promise<void> {
  const flags = parse(args, {
    name: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    fullname: { type: 'string' },
    admin: { type: 'boolean' },
  });
  for (const required of ['name', 'email', 'password'] as const) {
    if (typeof flags[required] !== 'string' || (flags[required] as string).trim() === '') {
      throw new UsageError(`--${required} is required`);
    }
  }
  const name = String(flags.name).trim();
  const email = String(flags.email).trim();
  const password = String(flags.password);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`--email is not an email address: "${email}"`);
  if (password.length < 8) throw new UsageError('--password must be at least 8 characters');
  const config = loadConfig();
  await withDatabase(config, async ({ db }) => {
    const apiKey = randomUUID();
    const clash = await db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb.or([eb('name', '=', name), eb(eb.fn('lower', ['email_addr']), '=', email.toLowerCase())]))
      .executeTakeFirst();
    if (clash) {
      console.error(`A user with the name "${name}" or the email "${email}" already exists.`);
      process.exitCode = 1;
      return;
    }
    const row = await db
      .insertInto('users')
      .values({
        name,
        fullname: typeof flags.fullname === 'string' ? flags.fullname : name,
        email_addr: email,
        passwd_hash: await hashPassword(password),
        api_key: apiKey,
        admin: flags.admin === true,
        info: '{}',
      })
      .returning(['id', 'name', 'admin'])
      .executeTakeFirstOrThrow();
    console.log(JSON.stringify({ id: row.id, name: row.name, admin: row.admin, api_key: apiKey }));
  });
}

async function exportSchema(args: string[]): Promise<void> {
  const flags = parse(args, { out: { type: 'string' } });
  const { schemaSdl } = await import('./graphql/schema.ts');
  const out = resolve(typeof flags.out === 'string' ? flags.out : 'schema/schema.graphql');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await schemaSdl());
  console.log(`Wrote ${out}`);
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve,
  migrate,
  seed,
  'create-user': createUser,
  'export-schema': exportSchema,
  'export-calendars': (args) => import('./calendars/command.ts').then((m) => m.exportCalendarsCommand(args)),
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    console.error(command ? `Unknown command "${command}".\n` : 'No command given.\n');
    console.error(USAGE);
    process.exit(2);
  }
  try {
    await run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`gantry ${command}: ${error.message}\n`);
      console.error(USAGE);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`gantry: ${(error as Error)?.message ?? String(error)}`);
  process.exit(1);
});
