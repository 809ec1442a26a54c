// The simulator's node:http server on 127.0.0.1: reads each request whole, lets a scripted fault
// answer or drop it, hands the rest to the token endpoint or the API routes, and sends the reply,
// recording every request. close() drops the keep-alive connections clients hold, so it returns
// at once and leaves no socket behind; nothing else (no timer) keeps a process alive.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerApiRequest, type Api, classOf } from './api-routes.js';
import type { Faults } from './faults.js';
import type { Observation } from './observation.js';
import { type RateLimits, TEST_RATE_LIMITS } from './options.js';
import { fullWindowHeaders } from './rate-limiter.js';
import { codeOf, failure, type Reply } from './reply.js';
import { answerTokenRequest, type TokenEndpoint } from './token-endpoint.js';

/** 10,000 inputs of a few hundred bytes each fit many times over; a larger body is refused. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface Parts {
  api: Api;
  tokenEndpoint: TokenEndpoint;
  faults: Faults;
  observation: Observation;
  limits: RateLimits | false;
}

export async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The body as text, or undefined when the client went away or sent more than the limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return undefined;
      chunks.push(chunk);
    }
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createSimulatorServer(parts: Parts, url: () => string): Server {
  return createServer((req, res) => {
    handle(parts, url(), req, res).catch((error: unknown) => {
      // A fault of the simulator itself: answered as the API's own 500, saying what failed.
      if (res.headersSent) return void res.destroy();
      const detail = `The simulator failed: ${error instanceof Error ? error.message : String(error)}`;
      res.writeHead(500, { 'Content-Type': 'application/vnd.api+json' });
      res.end(JSON.stringify(failure(500, 'Internal server error', detail).body));
    });
  });
}

async function handle(parts: Parts, base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { faults, observation } = parts;
  res.on('error', () => {}); // a client that hung up is not the simulator's failure
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '/';
  const at = observation.elapsed();
  const token = target.split('?')[0] === '/oauth/token';
  const fault = faults.take(method, target);
  const drop = () => {
    observation.record({ method, path: target, status: null, bytes: 0, at, fault: true }, { token, throttled: false });
    req.socket.destroy();
  };
  if (fault?.answer === 'drop') return drop();

  const body = await readBody(req);
  if (body === undefined) {
    if (req.socket.destroyed) return;
    return send(parts, { method, target, at, token, fault: false }, res, failure(400, 'Bad request', 'The request body is too large.'));
  }
  const now = Date.now();
  let reply: Reply;
  if (typeof fault?.answer === 'number') {
    const status = fault.answer;
    const limit = (parts.limits || TEST_RATE_LIMITS)[classOf(method)];
    const rateLimitHeaders = status === 429 ? fullWindowHeaders(token ? 30 : limit.perMinute, 60) : undefined;
    reply = failure(status, `Simulated ${status}`, `A fault scripted for ${method} requests answered ${status}.`, { code: codeOf(status) });
    reply.headers = { ...rateLimitHeaders, ...fault.headers };
  } else if (token) {
    reply = method === 'POST'
      ? answerTokenRequest(parts.tokenEndpoint, body, req.headers['content-type'], now)
      : failure(404, 'Not found', `No route matches ${method} /oauth/token.`, { code: 'NOT_FOUND' });
  } else {
    const { accept, authorization } = req.headers;
    const headers = { accept, authorization, 'content-type': req.headers['content-type'] };
    const request = { method, target, headers, base, body };
    if (fault?.answer === 'store-late') {
      // Given up for lost by its client, the request is acted on only later: its answer goes nowhere.
      drop();
      return faults.later(fault.delayMs, () => void answerApiRequest(parts.api, { ...request, now: Date.now() }));
    }
    reply = answerApiRequest(parts.api, { ...request, now });
  }
  // The request was acted on (an import stored, changed or deleted); its answer is lost.
  if (fault?.answer === 'drop-after-store') return drop();
  const sent = { method, target, at, token, fault: fault !== undefined };
  // Acted on now, answered later: unless the client hung up meanwhile.
  if (fault?.answer === 'delay') return faults.later(fault.delayMs, () => void (!res.destroyed && send(parts, sent, res, reply)));
  send(parts, sent, res, reply);
}

interface Sent {
  method: string;
  target: string;
  at: number;
  token: boolean;
  fault: boolean;
}

function send(parts: Parts, sent: Sent, res: ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body !== undefined) {
    headers['Content-Type'] = reply.contentType ?? 'application/vnd.api+json';
    headers['Content-Length'] = String(Buffer.byteLength(text));
  }
  res.writeHead(reply.status, headers);
  res.end(text);
  const throttled = reply.status === 429 && !sent.fault;
  parts.observation.record({ method: sent.method, path: sent.target, status: reply.status, bytes: Buffer.byteLength(text), at: sent.at, fault: sent.fault }, { token: sent.token, throttled });
  const shown = sent.token && reply.status === 200 ? text.replace(/"access_token":"[^"]*"/, '"access_token":"[REDACTED]"') : text;
  parts.observation.emit({ method: sent.method, path: sent.target, status: reply.status, headers, body: shown, fault: sent.fault });
}
