// Probing (does the route answer? how many SQL statements per request?) and the load itself
// (autocannon: fixed connections, fixed duration).
import autocannon from 'autocannon';
import { failureOf, send, type HttpResponse } from './http.ts';
import type { Identity, LoopState, Prepared, Step } from './scenario.ts';

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ProbeResult {
  failure: string | null;
  /** Median SQL statements per loop over the samples; null when not measurable. */
  statements: number | null;
  /** Response bodies of the first successful loop, one per step. */
  bodies: string[];
  /** Median wall time of one loop sent alone (no other load), ms. */
  aloneMs: number | null;
}

const median = (values: number[]) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export { median };

/** Hands identities out so that no two in-flight loops use the same one. */
class IdentityPool {
  private free: Identity[];
  private next = 0;
  constructor(private readonly all: Identity[]) {
    this.free = [...all];
  }
  take(): Identity {
    // An identity lost to a dropped connection is not returned; then share round-robin.
    return this.free.shift() ?? this.all[this.next++ % this.all.length]!;
  }
  give(identity: Identity): void {
    if (!this.free.includes(identity)) this.free.push(identity);
  }
}

const resolvePath = (step: Step, state: LoopState) => (typeof step.path === 'function' ? step.path(state) : step.path);
const resolveBody = (step: Step, state: LoopState) => (typeof step.body === 'function' ? step.body(state) : step.body);

/**
 * Runs the steps sequentially `samples` times. The first loop decides whether the scenario is
 * available; statements are read from the gateway's x-sql-statements header or, for servers
 * without it, from a statement counter (before/after).
 */
export async function probe(
  base: string,
  prepared: Prepared,
  samples: number,
  statementCounter?: () => Promise<number>,
): Promise<ProbeResult> {
  const pool = new IdentityPool(prepared.identities?.length ? prepared.identities : [{}]);
  const perLoop: number[] = [];
  const loopMs: number[] = [];
  let bodies: string[] = [];
  for (let i = 0; i < samples; i++) {
    const state: LoopState = { identity: pool.take(), values: {} };
    const before = statementCounter ? await statementCounter() : 0;
    let statements = 0;
    let headerSeen = true;
    let elapsed = 0;
    const loopBodies: string[] = [];
    for (const step of prepared.steps) {
      const path = resolvePath(step, state);
      if (path === undefined) {
        const previous = loopBodies.at(-1) ?? '';
        return { failure: `a step could not be built from the previous answer: ${previous.slice(0, 120)}`, statements: null, bodies, aloneMs: null };
      }
      let response: HttpResponse;
      try {
        response = await send(base, { method: step.method, path, headers: step.headers, body: resolveBody(step, state) });
      } catch (error) {
        return { failure: `request failed: ${(error as Error).message}`, statements: null, bodies, aloneMs: null };
      }
      elapsed += response.ms;
      const failure = failureOf(response) ?? step.check?.(response.text) ?? null;
      if (failure) {
        const where = prepared.steps.length > 1 ? `${step.method} ${path.split('?')[0]}: ` : '';
        return { failure: where + failure, statements: null, bodies, aloneMs: null };
      }
      step.capture?.(response.text, state);
      loopBodies.push(response.text);
      const header = response.headers.get('x-sql-statements');
      if (header === null) headerSeen = false;
      else statements += Number(header);
    }
    pool.give(state.identity);
    loopMs.push(elapsed);
    if (i === 0) bodies = loopBodies;
    if (statementCounter) perLoop.push((await statementCounter()) - before);
    else if (headerSeen) perLoop.push(statements);
  }
  return { failure: null, statements: perLoop.length ? median(perLoop) : null, bodies, aloneMs: loopMs.length ? median(loopMs) : null };
}

/** One autocannon run against base with the scenario's steps. */
export async function runLoad(base: string, prepared: Prepared, connections: number, durationSeconds: number): Promise<LoadFigures> {
  const url = new URL(base);
  const steps = prepared.steps;
  const dynamic = steps.length > 1 || steps.some((s) => typeof s.path === 'function' || typeof s.body === 'function' || s.capture);
  let options: autocannon.Options;
  if (!dynamic) {
    const step = steps[0]!;
    options = {
      url: url.origin + (step.path as string),
      method: step.method,
      headers: step.headers,
      body: step.body as string | undefined,
      connections,
      duration: durationSeconds,
    };
  } else {
    const pool = new IdentityPool(prepared.identities?.length ? prepared.identities : [{}]);
    type Context = LoopState & Record<string, unknown>;
    options = {
      url: url.origin,
      connections,
      duration: durationSeconds,
      requests: steps.map((step, index) => ({
        method: step.method,
        setupRequest: (request: autocannon.Request, context: Context) => {
          if (index === 0) {
            context.identity = pool.take();
            context.values = {};
          }
          const path = resolvePath(step, context);
          if (path === undefined) {
            pool.give(context.identity);
            return undefined as unknown as autocannon.Request;
          }
          return { ...request, method: step.method, path, headers: step.headers ?? {}, body: resolveBody(step, context) };
        },
        onResponse: (_status: number, body: string, context: Context) => {
          step.capture?.(body, context);
          if (index === steps.length - 1) pool.give(context.identity);
        },
      })) as unknown as autocannon.Request[],
    };
  }
  const result = await autocannon(options);
  // No response completed: latencies are undefined, not 0 (in-flight requests are not counted).
  const none = result.requests.total === 0;
  return {
    rps: result.requests.average,
    p50: none ? NaN : result.latency.p50,
    p99: none ? NaN : result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
