// Plain HTTP for setting scenarios up and probing them (the load itself goes through autocannon).

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Wall time of the request, ms. */
  ms: number;
}

export async function send(base: string, request: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  const response = await fetch(base + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.method === 'POST' ? request.body : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A scenario whose route or GraphQL field is not there (yet) is reported, not failed. */
export class NotAvailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

// graphql-js validation messages that mean "this schema has no such field/argument/type yet".
const MISSING_IN_SCHEMA = /^(Cannot query field|Unknown argument|Unknown type|Field "[^"]+" argument "[^"]+" of type .* is required|Unknown operation)/;

const shorten = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
};

/** Why a probe response is not a success, phrased for the report; null when it is a success. */
export function failureOf(response: HttpResponse): string | null {
  const body = parseJson(response.text) as
    | { message?: string; errors?: { message?: string; extensions?: { code?: string } }[]; data?: unknown }
    | undefined;
  const graphqlErrors = Array.isArray(body?.errors) ? body!.errors : null;
  if (response.status === 404 && typeof body?.message === 'string' && /^Route .* not found$/.test(body.message)) {
    return 'route missing';
  }
  if (graphqlErrors?.length && (body?.data === undefined || body?.data === null)) {
    const message = graphqlErrors[0]?.message ?? '';
    if (MISSING_IN_SCHEMA.test(message)) return `route missing: ${shorten(message, 110)}`;
    return `GraphQL error: ${shorten(message)}`;
  }
  if (response.status >= 200 && response.status < 300) return null;
  return `HTTP ${response.status}: ${shorten(response.text)}`;
}

export interface GraphqlResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Sends one GraphQL operation; throws NotAvailable when it does not succeed. */
export async function graphql(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await send(base, { method: 'POST', path: '/graphql', headers, body: JSON.stringify({ query, variables }) });
  const failure = failureOf(response);
  const result = parseJson(response.text) as GraphqlResult | undefined;
  if (failure) throw new NotAvailable(failure);
  if (result?.errors?.length) throw new NotAvailable(`GraphQL error: ${shorten(result.errors[0]!.message)}`);
  return result?.data ?? {};
}

/** The first difference between two JSON values, as a path and both sides; null when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ${shorten(JSON.stringify(a) ?? 'undefined', 60)} vs ${shorten(JSON.stringify(b) ?? 'undefined', 60)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const difference = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keysLeft = Object.keys(left);
  const keysRight = Object.keys(right);
  const missing = keysLeft.filter((k) => !(k in right));
  const extra = keysRight.filter((k) => !(k in left));
  if (missing.length || extra.length) {
    return `${path}: keys ${missing.length ? `only left: ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `only right: ${extra.join(', ')}` : ''}`;
  }
  for (const key of keysLeft) {
    const difference = firstDifference(left[key], right[key], `${path}.${key}`);
    if (difference) return difference;
  }
  if (keysLeft.join() !== keysRight.join()) return `${path}: same keys in another order`;
  return null;
}

/** Items per list in a JSON answer ("projects 13, tasks 260, ..."), to check two servers answered alike. */
export function listSizes(value: unknown): string {
  const counts = new Map<string, number>();
  const walk = (node: unknown, key: string, parentKey: string) => {
    if (Array.isArray(node)) {
      // Connections keep their items under "nodes"/"edges": name them after the connection.
      const name = key === 'nodes' || key === 'edges' ? parentKey : key;
      counts.set(name, (counts.get(name) ?? 0) + node.length);
      for (const item of node) walk(item, key, parentKey);
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, k, key);
    }
  };
  walk(value, 'items', '');
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ') || 'no lists';
}
