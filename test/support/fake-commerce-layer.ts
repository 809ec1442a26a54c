// A stateful stand-in for Commerce Layer's imports API on node:http (127.0.0.1, a free port). It
// keeps imports in memory and moves each one on every time it is retrieved, not by the clock:
// pending -> in_progress -> completed, or interrupted once more than 10% of its inputs have been
// invalid (unless skip_errors). Scripted failures answer chosen requests with a status, or drop them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.js';

type Input = Record<string, unknown>;

export interface FakeImport {
  id: string;
  inputs: Input[];
  polls: number;
  attributes: Record<string, unknown> & { status: string; processed_count: number; errors_count: number; warnings_count: number };
}

export interface FakeOptions {
  /** Retrievals an in_progress import takes to process all its inputs (default 2). */
  pollsToFinish?: number;
  /** Retrievals each state lasts before the next step (default 1): more show the same state again. */
  pollsPerStep?: number;
}

interface ScriptedFailure {
  method: string;
  answer: number | 'drop';
  skip: number;
  times: number;
  headers: Record<string, string>;
}

export interface FakeCommerceLayer {
  url: string;
  imports: Map<string, FakeImport>;
  /** Every request, in order, as "METHOD /path?query". */
  requests: string[];
  /** The most imports that were pending or in progress at the same time. */
  maxRunning: number;
  /** Answers `times` requests of `method`, after letting `skip` through, with `answer` (a status, or a dropped connection). */
  fail(method: string, answer: number | 'drop', options?: { skip?: number; times?: number; headers?: Record<string, string> }): void;
  close(): Promise<void>;
}

const JSON_API = 'application/vnd.api+json';
const FINISHED = ['completed', 'interrupted'];
/** An input marked `invalid: true` fails; one marked `warn: true` is imported with a warning. */
const keyOf = (input: Input, index: number) => `code:${String(input.code ?? index)}`;

export async function startFakeCommerceLayer(options: FakeOptions = {}): Promise<FakeCommerceLayer> {
  const { pollsToFinish = 2, pollsPerStep = 1 } = options;
  const failures: ScriptedFailure[] = [];
  let nextId = 1;
  const running = () => [...fake.imports.values()].filter((i) => !FINISHED.includes(i.attributes.status)).length;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://fake');
    fake.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const body = await readBody(req);
    const failure = failures.find((f) => f.method === req.method && f.times > 0 && f.skip-- <= 0);
    if (failure) {
      failure.times--;
      if (failure.answer === 'drop') return void req.socket.destroy();
      return send(res, failure.answer, errorDocument(failure.answer, 'Scripted failure'), failure.headers);
    }
    if (!req.headers.authorization?.startsWith('Bearer ')) return send(res, 401, errorDocument(401, 'Invalid token'));
    const base = `http://${req.headers.host}`;
    const fields = url.searchParams.get('fields[imports]')?.split(',');
    const id = /^\/api\/imports\/([^/]+)$/.exec(url.pathname)?.[1];
    const found = id === undefined ? undefined : fake.imports.get(decodeURIComponent(id));

    if (url.pathname === '/api/imports' && req.method === 'POST') {
      const attributes = (JSON.parse(body) as { data?: { attributes?: Record<string, unknown> } }).data?.attributes ?? {};
      const inputs = attributes.inputs;
      if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 10_000 || typeof attributes.resource_type !== 'string') {
        return send(res, 422, errorDocument(422, 'Invalid inputs'));
      }
      const now = new Date().toISOString();
      const created: FakeImport = {
        id: `imp${nextId++}`,
        inputs: inputs as Input[],
        polls: 0,
        attributes: {
          ...attributes,
          format: 'json',
          status: 'pending',
          inputs_size: inputs.length,
          processed_count: 0,
          errors_count: 0,
          warnings_count: 0,
          errors_log: [],
          warnings_log: [],
          skip_errors: attributes.skip_errors === true,
          created_at: now,
          updated_at: now,
        },
      };
      fake.imports.set(created.id, created);
      fake.maxRunning = Math.max(fake.maxRunning, running());
      return send(res, 201, { data: resource(base, created, fields) });
    }
    if (url.pathname === '/api/imports' && req.method === 'GET') {
      const size = Number(url.searchParams.get('page[size]') ?? 10);
      const number = Number(url.searchParams.get('page[number]') ?? 1);
      if (!(size >= 1 && size <= 25)) return send(res, 400, errorDocument(400, 'Invalid page size'));
      const status = url.searchParams.get('filter[q][status_eq]');
      const all = [...fake.imports.values()].filter((i) => status === null || i.attributes.status === status);
      const pageCount = Math.ceil(all.length / size);
      const link = (n: number) => `${base}/api/imports?page%5Bnumber%5D=${n}&page%5Bsize%5D=${size}`;
      return send(res, 200, {
        data: all.slice((number - 1) * size, number * size).map((i) => resource(base, i, fields)),
        meta: { record_count: all.length, page_count: pageCount },
        links: {
          first: link(1),
          ...(number > 1 && { prev: link(number - 1) }),
          ...(number < pageCount && { next: link(number + 1) }),
          last: link(Math.max(pageCount, 1)),
        },
      });
    }
    if (!found) return send(res, 404, errorDocument(404, 'Record not found'));
    if (req.method === 'GET') {
      if (++found.polls % pollsPerStep === 0) advance(found, pollsToFinish);
      return send(res, 200, { data: resource(base, found, fields) });
    }
    if (req.method === 'PATCH') {
      const attributes = (JSON.parse(body) as { data: { attributes: Record<string, unknown> } }).data.attributes;
      if (attributes._interrupt === true && !FINISHED.includes(found.attributes.status)) {
        Object.assign(found.attributes, { status: 'interrupted', interrupted_at: new Date().toISOString() });
      }
      return send(res, 200, { data: resource(base, found, fields) });
    }
    if (req.method === 'DELETE') {
      fake.imports.delete(found.id);
      return send(res, 204);
    }
    send(res, 405, errorDocument(405, 'Method not allowed'));
  });

  const fake: FakeCommerceLayer = {
    url: await listenOnLoopback(server),
    imports: new Map(),
    requests: [],
    maxRunning: 0,
    fail: (method, answer, { skip = 0, times = 1, headers = { 'retry-after': '0' } } = {}) =>
      void failures.push({ method, answer, skip, times, headers }),
    close: () => closeServer(server),
  };
  return fake;
}

/** One retrieval's worth of work: start a pending import, or process the next share of its inputs. */
function advance(imp: FakeImport, pollsToFinish: number): void {
  const a = imp.attributes;
  if (a.status === 'pending') {
    Object.assign(a, { status: 'in_progress', started_at: new Date().toISOString() });
    return;
  }
  if (a.status !== 'in_progress') return;
  const end = Math.min(imp.inputs.length, a.processed_count + Math.ceil(imp.inputs.length / pollsToFinish));
  for (let i = a.processed_count; i < end; i++) {
    const input = imp.inputs[i]!;
    if (input.invalid === true) {
      a.errors_count++;
      (a.errors_log as unknown[]).push({ [keyOf(input, i)]: { base: ['is invalid'] } });
    } else if (input.warn === true) {
      a.warnings_count++;
      (a.warnings_log as unknown[]).push({ [keyOf(input, i)]: ['was imported with a warning'] });
    }
    a.processed_count++;
    if (!a.skip_errors && a.errors_count > imp.inputs.length / 10) {
      Object.assign(a, { status: 'interrupted', interrupted_at: new Date().toISOString() });
      return;
    }
  }
  if (a.processed_count === imp.inputs.length) Object.assign(a, { status: 'completed', completed_at: new Date().toISOString() });
}

function resource(base: string, imp: FakeImport, fields: string[] | undefined) {
  const attributes = fields ? Object.fromEntries(fields.map((f) => [f, imp.attributes[f]])) : { ...imp.attributes, inputs: imp.inputs };
  return { id: imp.id, type: 'imports', links: { self: `${base}/api/imports/${imp.id}` }, attributes, meta: { mode: 'test' } };
}

function errorDocument(status: number, title: string) {
  return { errors: [{ title, detail: title, code: title.toUpperCase().replace(/ /g, '_'), status: String(status) }] };
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, body === undefined ? headers : { ...headers, 'content-type': JSON_API });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}
