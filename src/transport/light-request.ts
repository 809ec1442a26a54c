/**
 * The Request class handed to openapi-fetch when no middleware needs a real one. openapi-fetch
 * builds one per call; a real Request costs a stream per body and `fetch(request)` is slower than
 * `fetch(url, init)`, so this one only keeps what the transport reads.
 */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  readonly signal: AbortSignal | undefined;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = typeof init.body === 'string' ? init.body : null;
    this.signal = init.signal ?? undefined;
  }

  /** openapi-fetch checks what middleware returns with `instanceof Request`: accept real ones too. */
  static [Symbol.hasInstance](value: unknown): boolean {
    // Object(value): null and undefined have no prototype to ask for.
    return value instanceof globalThis.Request || Object.getPrototypeOf(Object(value)) === LightRequest.prototype;
  }
}
