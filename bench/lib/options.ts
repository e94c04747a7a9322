// Command-line options of `npm run bench`.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';

export interface Options {
  scales: number[];
  /** Scenario names (or name prefixes) to run; null: all. */
  only: string[] | null;
  skip: string[];
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  rssConnections: number;
  /** Sequential requests per scenario used to count SQL statements. */
  samples: number;
  reload: boolean;
  loadOnly: boolean;
  adminUrl: string;
  outDir: string;
  ports: { gateway: number; baseline: number; postgraphile: number };
  list: boolean;
  /** Start the gateway with --cpu-prof; profiles land in bench/data/profiles/. */
  cpuProf: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --scale LIST          task counts, comma separated: 10k,100k,1m or 10000 (default: 10k,100k,1m)
  --scenario LIST       run only these scenarios (names or name prefixes, comma separated)
  --skip LIST           leave these scenarios out
  --duration S          seconds per measured run (default 8)
  --warmup S            warm-up seconds before a scenario's first run (default 2)
  --rounds N            measured runs per scenario; figures are medians (default 3)
  --connections N       autocannon connections (default 10)
  --rss-connections N   connections of the peak-RSS scenario (default 100)
  --quick               --duration 3 --warmup 1 --rounds 1 (a smoke run, figures are noisy)
  --reload              drop and reload the benchmark databases even if their row counts match
  --load-only           load (or check) the databases, print the EXPLAIN, run no load
  --pg URL              PostgreSQL server, any database on it (default postgres://postgres@127.0.0.1:5432/postgres)
  --out DIR             where reports go (default bench/results)
  --cpu-prof            profile the gateway (node --cpu-prof) over the whole run; the .cpuprofile goes to
                        bench/data/profiles/ (open it in Chrome DevTools or summarise it with
                        node --import tsx bench/profile.ts FILE). Profiling slows the gateway: its figures
                        are not comparable with unprofiled runs.
  --list                list the scenarios and exit
  --help                this text`;

export class OptionsError extends Error {}

/** 10k, 100K, 1m, 1_000_000, 250000 -> a number of tasks. */
export function parseScale(raw: string): number {
  const text = raw.trim().toLowerCase().replace(/_/g, '');
  const match = /^(\d+(?:\.\d+)?)([km]?)$/.exec(text);
  if (!match) throw new OptionsError(`--scale: "${raw}" is not a number of tasks (examples: 10k, 100k, 1m, 10000)`);
  const value = Number(match[1]) * (match[2] === 'k' ? 1_000 : match[2] === 'm' ? 1_000_000 : 1);
  if (!Number.isInteger(value) || value < 1 || value > 100_000_000) {
    throw new OptionsError(`--scale: "${raw}" must be a whole number of tasks between 1 and 100,000,000`);
  }
  return value;
}

/** 10000 -> 10k, 1000000 -> 1m: used in database and report names. */
export function scaleLabel(tasks: number): string {
  if (tasks % 1_000_000 === 0) return `${tasks / 1_000_000}m`;
  if (tasks % 1_000 === 0) return `${tasks / 1_000}k`;
  return String(tasks);
}

function positive(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new OptionsError(`--${name} must be a number >= ${min}, got "${raw}"`);
  return value;
}

const list = (values: string[] | undefined) =>
  (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

export function parseOptions(argv: string[], benchDir: string): Options | 'help' {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        scale: { type: 'string', multiple: true },
        scales: { type: 'string', multiple: true },
        scenario: { type: 'string', multiple: true },
        skip: { type: 'string', multiple: true },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        rounds: { type: 'string' },
        connections: { type: 'string' },
        'rss-connections': { type: 'string' },
        samples: { type: 'string' },
        quick: { type: 'boolean' },
        reload: { type: 'boolean' },
        'load-only': { type: 'boolean' },
        pg: { type: 'string' },
        out: { type: 'string' },
        list: { type: 'boolean' },
        'cpu-prof': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
  if (values.help) return 'help';
  const quick = values.quick === true;
  const scaleArgs = list([...(values.scale ?? []), ...(values.scales ?? [])]);
  const scales = [...new Set((scaleArgs.length ? scaleArgs : ['10k', '100k', '1m']).map(parseScale))].sort((a, b) => a - b);
  const only = list(values.scenario);
  return {
    scales,
    only: only.length ? only : null,
    skip: list(values.skip),
    durationSeconds: positive('duration', values.duration, quick ? 3 : 8),
    warmupSeconds: positive('warmup', values.warmup, quick ? 1 : 2, 0),
    rounds: Math.round(positive('rounds', values.rounds, quick ? 1 : 3)),
    connections: Math.round(positive('connections', values.connections, 10)),
    rssConnections: Math.round(positive('rss-connections', values['rss-connections'], 100)),
    samples: Math.round(positive('samples', values.samples, 5)),
    reload: values.reload === true,
    loadOnly: values['load-only'] === true,
    adminUrl: values.pg ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    outDir: resolve(values.out ?? resolve(benchDir, 'results')),
    ports: { gateway: 47101, baseline: 47102, postgraphile: 47103 },
    list: values.list === true,
    cpuProf: values['cpu-prof'] === true,
  };
}
