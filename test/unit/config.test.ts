import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('config', () => {
  it('has working defaults for the embedded mode and keeps a generated JWT secret in DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gantry-config-'));
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.baseUrl).toBe('http://localhost:4000');
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(config.jwtSecret);
    // A second start reads the same secret, so issued tokens survive restarts.
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it('requires JWT_SECRET with DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/test' })).toThrowError(/JWT_SECRET: is required/);
  });

  it.each([
    ['PORT', 'abc', /PORT: must be a whole number/],
    ['PORT', '70000', /PORT: must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: must start with postgres:/],
    ['BASE_URL', 'not a url', /BASE_URL: is not a valid URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be one of/],
    ['IS_API_SECRET_ONE_TIME_PW', 'maybe', /IS_API_SECRET_ONE_TIME_PW: must be true or false/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value, JWT_SECRET: 'x'.repeat(32) }, { persistSecret: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toMatch(message);
  });

  it('strips a trailing slash from BASE_URL', () => {
    expect(loadConfig({ BASE_URL: 'https://api.example.org/', JWT_SECRET: 'x'.repeat(32) }).baseUrl).toBe('https://api.example.org');
  });
});
