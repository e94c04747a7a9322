// The length of the JSON text each object or array read from the database was parsed from, so the
// response budget (src/graphql/response-budget.ts) knows a value's size without printing it again.
export const jsonSizes = new WeakMap<object, number>();

/** JSON.parse that remembers the size of the text an object or array came from. */
export function parseJsonSized(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (value !== null && typeof value === 'object') jsonSizes.set(value, text.length);
  return value;
}
