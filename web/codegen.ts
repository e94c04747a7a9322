// GraphQL Code Generator: typed documents for the console from the checked-in SDL.
// Run `npm run web:codegen` after changing a document or the schema; a unit test fails when the
// files in src/gql/ are stale.
import { readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { parse, print, visit } from 'graphql';

const here = new URL('.', import.meta.url).pathname;

/** The schema without descriptions: rewording a doc comment must not make the generated code stale. */
function schemaWithoutDescriptions(): string {
  const document = parse(readFileSync(`${here}../schema/schema.graphql`, 'utf8'));
  const stripped = visit(document, {
    enter(node) {
      return 'description' in node && node.description ? { ...node, description: undefined } : undefined;
    },
  });
  return print(stripped);
}

const config: CodegenConfig = {
  schema: schemaWithoutDescriptions(),
  documents: [`${here}src/**/*.{ts,tsx}`, `!${here}src/gql/**`],
  ignoreNoDocuments: false,
  generates: {
    [`${here}src/gql/`]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        skipTypename: false,
        scalars: {
          DateTimeISO: 'string',
          LocalDate: 'string',
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
