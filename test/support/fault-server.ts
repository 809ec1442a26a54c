// A node:http server on loopback, scripted per test with a queue of behaviours (statuses, rate
// limits, cut connections, slow or oversized bodies, bodies that are not JSON), recording every
// request it receives and when, so tests can count attempts and measure the waits between them.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { closeServer, listenOnLoopback } from './loopback.js';
import { expectNoUnhandledRejections } from './no-unhandled-rejections.js';

export const JSON_API = 'application/vnd.api+json';

export interface RecordedRequest {
  method: string;
  /** The request target as sent, still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request had been read whole. */
  at: number;
  /** Whether the response was written to the end (false when the client hung up first). */
  finished?: boolean;
}

/** What the server does with one request; it must end or destroy the response. */
export type Behaviour = (request: RecordedRequest, res: ServerResponse) => void;

export interface FaultServer {
  /** The origin, such as http://127.0.0.1:43125. */
  url: string;
  requests: RecordedRequest[];
  /** Queues behaviours for the next requests, in order. */
  script(...behaviours: Behaviour[]): void;
  /** What requests get once the script is used up (default: a 500 saying the request was not scripted). */
  fallback: Behaviour;
  /** Forgets the script and the recorded requests, between tests. */
  reset(): void;
  /** The number of open connections, for leak checks. */
  connections(): Promise<number>;
  close(): Promise<void>;
}

/**
 * One fault server for a whole test file: listening before its tests (after a first fetch when
 * `warm`, so that loading undici stays out of timed tests), reset after each test, closed after all,
 * with no unhandled rejection allowed. Its `url` is set once it listens.
 */
export function useFaultServer({ warm = false } = {}): FaultServer {
  const fault = createFaultServer();
  beforeAll(async () => {
    await fault.listen();
    if (warm) await fetch(fault.url).then((response) => response.arrayBuffer());
    fault.reset();
  });
  afterEach(() => fault.reset());
  afterAll(() => fault.close());
  expectNoUnhandledRejections();
  return fault;
}

export async function startFaultServer(): Promise<FaultServer> {
  const fault = createFaultServer();
  await fault.listen();
  return fault;
}

function createFaultServer(): FaultServer & { listen(): Promise<void> } {
  const queue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  const fault: FaultServer & { listen(): Promise<void> } = {
    url: '',
    requests,
    script: (...behaviours) => void queue.push(...behaviours),
    fallback: respond(500, { errors: [{ title: 'unscripted request', code: 'UNSCRIPTED' }] }),
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
    connections: () => new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    listen,
    close: () => closeServer(server),
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      requests.push(recorded);
      res.on('close', () => (recorded.finished = res.writableFinished));
      (queue.shift() ?? fault.fallback)(recorded, res);
    });
  });

  async function listen(): Promise<void> {
    fault.url = await listenOnLoopback(server);
  }
  return fault;
}

/** A response with a JSON body (objects are serialized), a text body or raw bytes. */
export function respond(status: number, body?: unknown, headers: Record<string, string> = {}): Behaviour {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  return (_request, res) => {
    res.writeHead(status, { 'content-type': JSON_API, 'content-length': String(bytes.length), ...headers });
    res.end(bytes);
  };
}

/** A JSON:API error document, as Commerce Layer sends. */
export function failure(status: number, code = `STATUS_${status}`, headers: Record<string, string> = {}): Behaviour {
  return respond(status, { errors: [{ title: `failure ${status}`, detail: `scripted ${status}`, code, status: String(status) }] }, headers);
}

/** A 429, with whichever of Retry-After and X-Ratelimit-Interval are given. */
export function rateLimited(options: { retryAfter?: string; interval?: string } = {}): Behaviour {
  const headers: Record<string, string> = { 'x-ratelimit-limit': '50', 'x-ratelimit-count': '51' };
  if (options.retryAfter !== undefined) headers['retry-after'] = options.retryAfter;
  if (options.interval !== undefined) headers['x-ratelimit-interval'] = options.interval;
  return failure(429, 'TOO_MANY_REQUESTS', headers);
}

/** The seed's 200 response for the import the request named, with the attributes it sent. */
export function importResponse(): Behaviour {
  return (request, res) => respond(200, importDocument(request))(request, res);
}

export function importDocument(request: Pick<RecordedRequest, 'url' | 'body'>): { data: Record<string, unknown> } {
  // Split the raw target: a URL parser would resolve dot segments such as %2e.
  const id = decodeURIComponent(request.url.split('?')[0]!.split('/').pop() ?? '');
  const sent = request.body ? (JSON.parse(request.body) as { data?: { attributes?: object } }) : {};
  return {
    data: {
      id,
      type: 'imports',
      links: { self: `https://yourdomain.commercelayer.io/api/imports/${encodeURIComponent(id)}` },
      attributes: { resource_type: 'skus', status: 'started', reference: 'ANY-EXTERNAL-REFEFERNCE', metadata: { foo: 'bar' }, ...sent.data?.attributes },
      meta: { mode: 'test' },
    },
  };
}

/** Runs `then` after `ms`, unless the client hung up first. */
function later(res: ServerResponse, ms: number, then: () => void): void {
  const timer = setTimeout(then, ms);
  res.on('close', () => clearTimeout(timer));
}

export function slowHeaders(ms: number, then: Behaviour = importResponse()): Behaviour {
  return (request, res) => later(res, ms, () => then(request, res));
}

/** Sends the headers and half the body at once, the rest after `ms`. */
export function slowBody(ms: number): Behaviour {
  return (request, res) => {
    const text = JSON.stringify(importDocument(request));
    res.writeHead(200, { 'content-type': JSON_API, 'content-length': String(Buffer.byteLength(text)) });
    res.write(text.slice(0, text.length >> 1));
    later(res, ms, () => res.end(text.slice(text.length >> 1)));
  };
}

/** Promises a whole body, sends half, then destroys the socket. */
export function destroyMidBody(): Behaviour {
  return (request, res) => {
    const text = JSON.stringify(importDocument(request));
    res.writeHead(200, { 'content-type': JSON_API, 'content-length': String(Buffer.byteLength(text)) });
    res.write(text.slice(0, text.length >> 1), () => res.destroy());
  };
}

/** Hangs up without answering: the connection is reset. */
export function resetConnection(): Behaviour {
  return (_request, res) => res.socket?.destroy();
}

export const malformedJson = (): Behaviour => respond(200, '{"data":{"id":"x","type":"imports","attributes":{');
export const html = (status = 200): Behaviour =>
  respond(status, '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html; charset=utf-8' });

/** A 200 with no body, announced by Content-Length: 0 or by an empty chunked body. */
export function emptyOk(withContentLength = true): Behaviour {
  return (_request, res) => {
    res.writeHead(200, withContentLength ? { 'content-type': JSON_API, 'content-length': '0' } : { 'content-type': JSON_API });
    res.end();
  };
}

/** A valid JSON:API body under a content type that is not JSON. */
export function wrongContentType(contentType = 'text/plain'): Behaviour {
  return (request, res) => respond(200, importDocument(request), { 'content-type': contentType })(request, res);
}

/** `bytes` of filler, streamed with backpressure, with or without Content-Length. */
export function hugeBody(bytes: number, withContentLength: boolean, status = 200): Behaviour {
  return (_request, res) => {
    res.writeHead(status, withContentLength ? { 'content-type': JSON_API, 'content-length': String(bytes) } : { 'content-type': JSON_API });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let left = bytes;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const size = Math.min(chunk.length, left);
        left -= size;
        if (left === 0) return void res.end(chunk.subarray(0, size));
        if (!res.write(chunk.subarray(0, size))) return void res.once('drain', pump);
      }
    };
    pump();
  };
}

/** A small gzip body that decodes to a valid document padded to `bytes`: Content-Length says little about the decoded size. */
export function gzipBomb(bytes: number): Behaviour {
  const document = Buffer.from(JSON.stringify(importDocument({ url: '/api/imports/imp0rt', body: '' })));
  const zipped = gzipSync(Buffer.concat([document, Buffer.alloc(bytes, 0x20)]));
  return respond(200, zipped, { 'content-encoding': 'gzip', 'content-length': String(zipped.length) });
}

export function redirect(status: number, location: string): Behaviour {
  return respond(status, '', { location });
}
