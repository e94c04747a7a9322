// The console's typed documents (web/src/gql) are generated from schema/schema.graphql and the
// documents in web/src; this fails when either changed without `npm run web:codegen`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import config from '../../web/codegen.ts';

describe('web console generated GraphQL code', () => {
  it('matches what GraphQL Code Generator makes from the current schema and documents', async () => {
    const outputs = await generate({ ...config, silent: true, errorsOnly: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      let committed = '';
      try {
        committed = readFileSync(filename, 'utf8');
      } catch {
        /* missing counts as stale */
      }
      expect(committed === content, `${filename} is stale: run \`npm run web:codegen\` and commit the result`).toBe(true);
    }
  }, 60_000);
});
