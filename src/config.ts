// The only module that reads process.env. Everything else receives a validated Config.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** Set: a pg pool against that server. Unset: embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  baseUrl: string;
  logLevel: LogLevel;
  /** Redis for shared rate-limit counters when several processes run. */
  redisUrl: string | undefined;
  rateLimit: { points: number; durationSeconds: number };
  /**
   * Credential guessing (src/auth/attempts.ts): failed guesses at one target (an account, a
   * race-server user, a project's secret) from one address, and from one address at all targets,
   * per window counted from the first failure.
   */
  credentialGuesses: { perTarget: number; perAddress: number; windowSeconds: number };
  /** Race-server settings: defaults, admins may override them in the database. */
  raceDefaults: {
    API_SECRET_TIME_TO_LIVE: number;
    IS_API_SECRET_ONE_TIME_PW: boolean;
    IS_STUDENT_API_OTP_ALLOWED: boolean;
    TASK_NAME_FOR_API: string;
    IS_ADMIN_API_ENABLED: boolean;
  };
  /** Seconds a task served by the scheduler stays reserved for its caller (PYBOSSA: one hour). */
  taskStampTtlSeconds: number;
  /** Optional maximum age of JSend tokens in seconds (0: none, as Submitty). */
  jsendTokenMaxAge: number;
  /** Query limits checked before execution. */
  maxQueryDepth: number;
  maxQueryCost: number;
  /** Bytes of large values (JSON, long texts) one request may send back. */
  maxResponseBytes: number;
  /** Bytes of one stored JSON value (info, answers, events) or long text (a buggy's JSON). */
  maxInfoBytes: number;
  environmentName: string;
  /** .ics feed requests per RATE_LIMIT_PER window per client address (0: no limit). */
  calendarFeedRateLimit: number;
  /** Days a deleted competition's tombstone (and its change-feed entry) is kept. */
  competitionTombstoneDays: number;
}

/** A configuration problem: printed as one line, exit code 1. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false (or 1/0), got "${raw}"`);
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}, got "${raw}"`);
  }
  return raw.trim();
}

/** Takes group and other access away from everything under dir (symbolic links left alone). */
function makePrivate(dir: string): void {
  if (statSync(dir).mode & 0o077) chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makePrivate(path);
    else if (entry.isFile()) {
      const mode = statSync(path).mode & 0o777;
      if (mode & 0o077) chmodSync(path, mode & 0o700);
    }
  }
}

/**
 * DATA_DIR holds the embedded database (API keys, password hashes) and the JWT secret: it is created
 * 0700 and whatever it holds is made private. A directory other accounts can write is refused: its
 * contents cannot be trusted.
 */
export function secureDataDir(dataDir: string): void {
  let stats;
  try {
    stats = statSync(dataDir);
  } catch {
    stats = undefined;
  }
  try {
    if (!stats) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      chmodSync(dataDir, 0o700);
      return;
    }
    if (!stats.isDirectory()) throw new ConfigError('DATA_DIR', `${dataDir} is not a directory`);
    if (stats.mode & 0o022) {
      const mode = (stats.mode & 0o777).toString(8);
      throw new ConfigError('DATA_DIR', `${dataDir} is writable by other users (mode ${mode}); make it private first: chmod 700 ${dataDir}`);
    }
    makePrivate(dataDir);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('DATA_DIR', `cannot make ${dataDir} private (${(error as Error).message}); it must be a directory you own`);
  }
}

/** The embedded mode keeps a generated secret beside its data so tokens survive restarts. */
function embeddedJwtSecret(dataDir: string): string {
  secureDataDir(dataDir);
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env, options: { persistSecret?: boolean } = {}): Config {
  const port = readInt(env, 'PORT', 4000, 0, 65535);
  const host = env.HOST?.trim() || '0.0.0.0';
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  const redisUrl = readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']);

  const level = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }

  let jwtSecret = env.JWT_SECRET?.trim() ?? '';
  if (jwtSecret !== '' && jwtSecret.length < 16) {
    throw new ConfigError('JWT_SECRET', 'must be at least 16 characters long');
  }
  if (jwtSecret === '') {
    if (databaseUrl) {
      throw new ConfigError('JWT_SECRET', 'is required when DATABASE_URL is set (all gateway processes must share it)');
    }
    jwtSecret = options.persistSecret === false ? randomBytes(48).toString('base64url') : embeddedJwtSecret(dataDir);
  }

  const baseUrlRaw = readUrl(env, 'BASE_URL', ['http:', 'https:']);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const baseUrl = (baseUrlRaw ?? `http://${shownHost}:${port}`).replace(/\/+$/, '');

  const ttl = readInt(env, 'API_SECRET_TIME_TO_LIVE', 3600, 0, 10 * 365 * 24 * 3600);

  return {
    port,
    host,
    databaseUrl,
    dataDir,
    jwtSecret,
    baseUrl,
    logLevel: level,
    redisUrl,
    rateLimit: {
      points: readInt(env, 'RATE_LIMIT', 300, 1, 1_000_000_000),
      durationSeconds: readInt(env, 'RATE_LIMIT_PER', 900, 1, 86400),
    },
    credentialGuesses: {
      perTarget: readInt(env, 'CREDENTIAL_GUESSES_PER_TARGET', 10, 1, 1_000_000_000),
      perAddress: readInt(env, 'CREDENTIAL_GUESSES_PER_ADDRESS', 300, 1, 1_000_000_000),
      windowSeconds: readInt(env, 'CREDENTIAL_GUESSES_WINDOW', 900, 1, 7 * 86400),
    },
    raceDefaults: {
      API_SECRET_TIME_TO_LIVE: ttl,
      IS_API_SECRET_ONE_TIME_PW: readBool(env, 'IS_API_SECRET_ONE_TIME_PW', false),
      IS_STUDENT_API_OTP_ALLOWED: readBool(env, 'IS_STUDENT_API_OTP_ALLOWED', true),
      TASK_NAME_FOR_API: env.TASK_NAME_FOR_API ?? '4-API',
      IS_ADMIN_API_ENABLED: readBool(env, 'IS_ADMIN_API_ENABLED', false),
    },
    taskStampTtlSeconds: readInt(env, 'TASK_STAMP_TTL', 3600, 1, 7 * 24 * 3600),
    jsendTokenMaxAge: readInt(env, 'JSEND_TOKEN_MAX_AGE', 0, 0, 10 * 365 * 24 * 3600),
    maxQueryDepth: readInt(env, 'MAX_QUERY_DEPTH', 10, 1, 100),
    maxQueryCost: readInt(env, 'MAX_QUERY_COST', 250_000, 1, 100_000_000),
    maxResponseBytes: readInt(env, 'MAX_RESPONSE_BYTES', 10 * 1024 * 1024, 1024, 2 ** 31),
    maxInfoBytes: readInt(env, 'MAX_INFO_BYTES', 1024 * 1024, 64, 100 * 1024 * 1024),
    environmentName: env.GANTRY_ENV?.trim() || 'gantry',
    calendarFeedRateLimit: readInt(env, 'CALENDAR_FEED_RATE_LIMIT', 300, 0, 1_000_000_000),
    competitionTombstoneDays: readInt(env, 'COMPETITION_TOMBSTONE_DAYS', 90, 1, 36500),
  };
}
