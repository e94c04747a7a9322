// The physical column list of every table, read once after migrations, so relation loaders can
// read only the columns a query needs (src/graphql/selection.ts).
import { sql } from 'kysely';
import type { DB } from './index.ts';

const catalogues = new WeakMap<DB, Map<string, readonly string[]>>();

/** Reads the current schema's columns; call after migrating (buildApp does). */
export async function loadColumnCatalogue(db: DB): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db);
  const catalogue = new Map<string, string[]>();
  for (const row of rows) {
    const list = catalogue.get(row.table_name) ?? [];
    list.push(row.column_name);
    catalogue.set(row.table_name, list);
  }
  catalogues.set(db, catalogue);
}

/** The table's columns in table order, or undefined when the catalogue is not loaded. */
export function tableColumns(db: DB, table: string): readonly string[] | undefined {
  return catalogues.get(db)?.get(table);
}

/**
 * Gives a derived Kysely view (db.withPlugin, one per request for statement counting) the catalogue
 * of the instance it derives from; without it, every request would read whole rows.
 */
export function withCatalogueOf<T extends DB>(base: DB, derived: T): T {
  const catalogue = catalogues.get(base);
  if (catalogue) catalogues.set(derived, catalogue);
  return derived;
}
