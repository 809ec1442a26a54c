// A plain fetch against a simulator, for what the client would refuse to send or hide: wrong
// headers, malformed bodies, the status and headers of each answer.
export const JSON_API = 'application/vnd.api+json';

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** The parsed body; undefined when there is none. */
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** Headers to send instead of the defaults (Accept and Content-Type JSON:API, a bearer token); null removes one. */
  headers?: Record<string, string | null>;
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const defaults: Record<string, string | null> = {
    accept: JSON_API,
    authorization: 'Bearer simulator-test-token',
    ...(options.body !== undefined && { 'content-type': JSON_API }),
  };
  const headers = Object.fromEntries(
    Object.entries({ ...defaults, ...options.headers }).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** A JSON:API create body. */
export const createBody = (attributes: Record<string, unknown>) => ({ data: { type: 'imports', attributes } });

/** Valid SKUs with codes PREFIX0, PREFIX1, ...; the first `invalid` of them marked to fail. */
export const skus = (n: number, { prefix = 'SKU', invalid = 0 } = {}) =>
  Array.from({ length: n }, (_, i) => ({
    code: `${prefix}${i}`,
    name: `Sku ${i}`,
    shipping_category_id: 'nBAvrhRZBl',
    ...(i < invalid && { invalid: true }),
  }));

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every few milliseconds until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await pause(5);
  }
}
