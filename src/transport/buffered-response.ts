/**
 * The Response the transport hands openapi-fetch once it has read the body whole. `new Response(text)`
 * would wrap the text in a fresh stream and copy every header, only for openapi-fetch to read the stream
 * back: on a small JSON:API answer that costs more than the rest of the client together. This one keeps
 * the text and the original response (for headers, url and type), answers text() and json() from the
 * text, and makes a real body only when someone asks for a stream, bytes, a Blob or form data.
 */
export function bufferedResponse(text: string, original: Response): Response {
  BufferedResponseClass ??= defineBufferedResponse();
  return new BufferedResponseClass(text, original);
}

let BufferedResponseClass: ReturnType<typeof defineBufferedResponse> | undefined;

/**
 * Defined on first use: the global Response is a lazy getter that loads Node's fetch implementation,
 * which would add tens of milliseconds to importing the client.
 */
function defineBufferedResponse() {
  return class BufferedResponse extends Response {
    readonly #text: string;
    readonly #hasBody: boolean;
    readonly #original: Response;
    #read = false;
    #real: Response | undefined;

    /** `text` is the whole body, already decoded; `original` is the response it was read from. */
    constructor(text: string, original: Response) {
      super(null, { status: original.status, statusText: original.statusText });
      this.#text = text;
      this.#original = original;
      // A 204, 205 or 304 always comes with an empty text: a Response with such a status cannot hold a body.
      this.#hasBody = text !== '';
    }

    /** Marks the body read, or rejects as a real Response does when it was read before. */
    #take(): Promise<never> | undefined {
      if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      this.#read = true;
      return undefined;
    }

    /** A real Response with the same body, made on demand; its body is consumed already if the text was read. */
    #realResponse(): Response {
      if (this.#real === undefined) {
        this.#real = new Response(this.#hasBody ? this.#text : null, { status: this.status, statusText: this.statusText, headers: this.headers });
        if (this.#read) void this.#real.arrayBuffer().catch(() => {});
      }
      return this.#real;
    }

    /** The rarer readers go through a real Response, which then keeps its own bodyUsed. */
    #viaReal(name: 'arrayBuffer' | 'blob' | 'bytes' | 'formData'): Promise<unknown> {
      if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      return (this.#realResponse() as unknown as Record<string, () => Promise<unknown>>)[name]!();
    }

    static {
      // Response's typings declare its members as properties, which a class body cannot override as
      // methods or accessors: they are defined on the prototype here instead.
      const methods: Record<string, (this: BufferedResponse) => unknown> = {
        text() {
          return this.#take() ?? Promise.resolve(this.#text);
        },
        json() {
          const unusable = this.#take();
          if (unusable) return unusable;
          try {
            return Promise.resolve(JSON.parse(this.#text));
          } catch (error) {
            return Promise.reject(error);
          }
        },
        clone() {
          if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
          return new BufferedResponse(this.#text, this.#original);
        },
      };
      // Written out one by one rather than in a loop over their names: what runs once here is what
      // every response then has, which `npm run mutate`'s per-test coverage cannot follow.
      methods.arrayBuffer = function () {
        return this.#viaReal('arrayBuffer');
      };
      methods.blob = function () {
        return this.#viaReal('blob');
      };
      methods.formData = function () {
        return this.#viaReal('formData');
      };
      // bytes() came to the Fetch standard late: where the runtime's Response has none, neither does this one.
      if ('bytes' in Response.prototype) {
        methods.bytes = function () {
          return this.#viaReal('bytes');
        };
      }
      const getters: Record<string, (this: BufferedResponse) => unknown> = {
        headers() {
          return this.#original.headers;
        },
        url() {
          return this.#original.url;
        },
        redirected() {
          return this.#original.redirected;
        },
        type() {
          return this.#original.type;
        },
        body() {
          return this.#hasBody ? this.#realResponse().body : null;
        },
        bodyUsed() {
          return this.#read || (this.#real?.bodyUsed ?? false);
        },
      };
      const prototype = BufferedResponse.prototype;
      for (const [name, value] of Object.entries(methods)) Object.defineProperty(prototype, name, { value, configurable: true, writable: true });
      for (const [name, get] of Object.entries(getters)) Object.defineProperty(prototype, name, { get, configurable: true });
    }
  };
}
