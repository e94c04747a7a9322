// A tiny HTTP client over fetch for tests that talk to a real listening gateway.

export interface HttpAnswer {
  status: number;
  text: string;
  headers: Headers;
  json<T = any>(): T;
}

export interface HttpOptions {
  headers?: Record<string, string>;
  /** An object is sent as JSON; a URLSearchParams as a form; a string as it is. */
  body?: unknown;
  signal?: AbortSignal;
}

export async function http(base: string, method: string, path: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body instanceof URLSearchParams) {
    body = options.body.toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (typeof options.body === 'string') {
    body = options.body;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(base + path, { method, headers, body, signal: options.signal });
  const text = await response.text();
  return {
    status: response.status,
    text,
    headers: response.headers,
    json: () => JSON.parse(text),
  };
}

/** Runs every job at once and waits for all; never rejects (a failure becomes the job's result). */
export async function allAtOnce<T>(jobs: (() => Promise<T>)[]): Promise<(T | Error)[]> {
  return Promise.all(jobs.map((job) => job().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

/** Runs jobs with at most `width` in flight. */
export async function withConcurrency<T>(width: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}
