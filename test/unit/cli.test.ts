import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/gantry.js', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'gantry-cli-')), ...env },
    // An embedded database's first start (initdb and migrations) takes a while on a busy machine.
    timeout: 150_000,
  });

describe('gantry CLI', () => {
  it('prints usage and exits 2 on an unknown command', () => {
    const result = run(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).toContain('Usage: gantry <command>');
  });

  it('prints usage and exits 2 on a bad flag', () => {
    const result = run(['seed', '--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--bogus'/);
  });

  it('rejects a bad --scale with exit 2', () => {
    const result = run(['seed', '--scale', 'many']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--scale must be a whole number');
  });

  it('stops with one clear line and exit 1 on a bad environment value', () => {
    const result = run(['migrate'], { PORT: 'eighty' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: PORT: must be a whole number, got "eighty"');
  });

  it('creates a user and prints JSON with its id and API key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-cli-'));
    const result = run(['create-user', '--name', 'dora', '--email', 'dora@example.com', '--password', 'dora-password', '--admin'], {
      DATA_DIR: dir,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ id: 1, name: 'dora', admin: true });
    expect(printed.api_key).toMatch(/^[0-9a-f-]{36}$/);
    const again = run(['create-user', '--name', 'dora', '--email', 'other@example.com', '--password', 'dora-password'], {
      DATA_DIR: dir,
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
  }, 320_000);
});
