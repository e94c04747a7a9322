import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { schemaSdl } from '../../src/graphql/schema.ts';

describe('schema/schema.graphql', () => {
  it('matches what the code generates (run `npm run schema` after changing types)', async () => {
    expect(readFileSync('schema/schema.graphql', 'utf8')).toBe(await schemaSdl());
  });
});
