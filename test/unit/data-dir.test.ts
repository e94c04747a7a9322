// DATA_DIR holds API keys and password hashes (the embedded database) and the JWT secret: no other
// local account may read or write it.
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/index.ts';

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-datadir-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every file and directory under dir (dir included) whose mode gives group or others any access. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  if (mode(dir) & 0o077) found.push(`${dir} ${mode(dir).toString(8)}`);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const path = join(entry.parentPath, entry.name);
    if (mode(path) & 0o077) found.push(`${path} ${mode(path).toString(8)}`);
  }
  return found;
}

describe('DATA_DIR', () => {
  it('is created private (0700), with the generated JWT secret 0600', () => {
    const dir = join(tempDir(), 'nested', 'data');
    loadConfig({ DATA_DIR: dir });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'jwt-secret'))).toBe(0o600);
  });

  it('an existing readable directory and secret are made private', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'jwt-secret'), 'an-existing-secret-of-some-length\n', { mode: 0o644 });
    chmodSync(join(dir, 'jwt-secret'), 0o644);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe('an-existing-secret-of-some-length');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'jwt-secret'))).toBe(0o600);
  });

  it.each([0o777, 0o775, 0o757])('refuses to start on a directory others can write (mode %o), naming DATA_DIR', (loose) => {
    const dir = tempDir();
    chmodSync(dir, loose);
    expect(() => loadConfig({ DATA_DIR: dir })).toThrowError(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir })).toThrowError(/^DATA_DIR: .*writable by other users.*chmod 700/);
    // The same check guards the database when JWT_SECRET is given (loadConfig then writes nothing).
    return expect(openDatabase({ dataDir: dir })).rejects.toThrowError(/^DATA_DIR: /);
  });

  it('the embedded database writes no file group or others can access, and tightens files left open', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'files'));
    writeFileSync(join(dir, 'files', 'left-open.json'), '[]', { mode: 0o666 });
    chmodSync(join(dir, 'files', 'left-open.json'), 0o666);
    let database = await openDatabase({ dataDir: dir });
    await sql`CREATE TABLE secrets (id serial PRIMARY KEY, api_key text)`.execute(database.db);
    await sql`INSERT INTO secrets (api_key) SELECT md5(i::text) FROM generate_series(1, 2000) i`.execute(database.db);
    await sql`CHECKPOINT`.execute(database.db);
    await database.close();
    expect(openToOthers(dir)).toEqual([]);
    expect(readdirSync(join(dir, 'pglite')).length).toBeGreaterThan(3);

    // Files loosened by hand (or by an older version) are tightened at the next start.
    const wal = join(dir, 'pglite', 'pg_wal');
    const someFile = readdirSync(wal, { withFileTypes: true }).find((e) => e.isFile())!;
    chmodSync(join(wal, someFile.name), 0o666);
    database = await openDatabase({ dataDir: dir });
    await database.close();
    expect(openToOthers(dir)).toEqual([]);
  });
});
