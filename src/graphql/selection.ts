// Which table columns a field's selection needs, so relation loaders read only those. Parsing whole
// rows (JSON info, timestamps, keys nobody asked for) was most of a deep nested query's cost
// (bench/README.md, "What was changed").
//
// A plain @Field reads its own property, which is the column. A @FieldResolver reads what it declares
// with @Reads('column', ...); one that declares nothing makes the loader read the whole row, so an
// undeclared resolver is slower, never wrong.
import { getNamedType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Extensions } from 'type-graphql';
import { plainFieldsOf } from './plain-fields.ts';
import { tableColumns } from '../db/columns.ts';
import type { DB } from '../db/index.ts';

/** Declares the row columns a field resolver reads. */
export const Reads = (...columns: string[]) => Extensions({ reads: columns });

function collectFields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Set<string>, seen: Set<string>): void {
  if (!selectionSet) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collectFields(selection.selectionSet, info, into, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      collectFields(info.fragments[selection.name.value]?.selectionSet, info, into, seen);
    }
  }
}

/**
 * The columns of `table` the field's selection reads, always with `key`; null means the whole row
 * (a resolver that declares nothing, an unknown type, or no column catalogue yet).
 */
export function selectedColumns(db: DB, info: GraphQLResolveInfo, table: string, key = 'id'): readonly string[] | null {
  const available = tableColumns(db, table);
  if (!available) return null;
  // Every item of a list, and every later run of the same document, resolves the same field nodes:
  // the answer is worked out once per node set and table (a table's column list stands for both
  // the table and the catalogue, which every request's view of the database shares).
  let byNode = memo.get(available);
  if (!byNode) memo.set(available, (byNode = new WeakMap()));
  const nodes = info.fieldNodes;
  let entries = byNode.get(nodes[0]!);
  if (!entries) byNode.set(nodes[0]!, (entries = []));
  for (const entry of entries) {
    if (entry.key === key && entry.nodes.length === nodes.length && entry.nodes.every((node, i) => node === nodes[i])) return entry.columns;
  }
  const columns = workOutColumns(info, available, key);
  entries.push({ nodes, key, columns });
  return columns;
}

interface Memo {
  nodes: readonly FieldNode[];
  key: string;
  columns: readonly string[] | null;
}
const memo = new WeakMap<readonly string[], WeakMap<FieldNode, Memo[]>>();

function workOutColumns(info: GraphQLResolveInfo, available: readonly string[], key: string): readonly string[] | null {
  const type = getNamedType(info.returnType);
  const plain = plainFieldsOf(type.name);
  if (!plain || !('getFields' in type)) return null;
  const schemaFields = type.getFields();
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const node of info.fieldNodes) collectFields(node.selectionSet, info, names, seen);
  const columns = new Set<string>([key]);
  // Columns a type's own rules need whatever is selected (e.g. a user's restrict flag).
  for (const column of (type.extensions as { reads?: string[] } | undefined)?.reads ?? []) columns.add(column);
  for (const name of names) {
    if (name.startsWith('__')) continue;
    const reads = (schemaFields[name]?.extensions as { reads?: string[] } | undefined)?.reads;
    const property = plain.get(name);
    if (reads) for (const column of reads) columns.add(column);
    else if (property !== undefined) columns.add(property);
    else return null;
  }
  // Properties that are not columns (a search rank) are not in the whole row either.
  return intern(available, available.filter((column) => columns.has(column)));
}

/**
 * One array per distinct column list of a table, so loaders can key on the array itself and fields
 * reading the same columns share one batch. Past MAX_INTERNED lists (only crafted queries get there)
 * a list is used as it is: still right, batched apart.
 */
const MAX_INTERNED = 4096;
const interned = new WeakMap<readonly string[], Map<string, readonly string[]>>();
function intern(available: readonly string[], columns: readonly string[]): readonly string[] {
  let lists = interned.get(available);
  if (!lists) interned.set(available, (lists = new Map()));
  const name = columns.join(',');
  const found = lists.get(name);
  if (found) return found;
  if (lists.size < MAX_INTERNED) lists.set(name, columns);
  return columns;
}
