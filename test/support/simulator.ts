// Simulators for tests, each checked against the bundled document: every response a simulator
// sends during a test is found in the document by path, method and status and validated against
// that response's schema and headers. After each test the simulators close and the test fails on
// any response the document does not describe. A status the document does not list (a 503) is
// allowed only when a scripted fault sent it, and then its body must still be an error document.
import { afterEach, expect } from 'vitest';
import { type ResponseRecord, type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/index.js';
import { openApiDocument } from './openapi-document.js';
import { schemaValidator } from './schema-validator.js';

const JSON_API = 'application/vnd.api+json';

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
  headers?: Record<string, { $ref?: string; schema?: { type?: string; minimum?: number } }>;
}

const document = openApiDocument as unknown as {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject>; headers: Record<string, { schema?: { type?: string; minimum?: number } }> };
};

const resolve = <T>(value: T & { $ref?: string }, from: Record<string, T>): T => (value.$ref ? from[value.$ref.split('/').pop()!]! : value);

function templateOf(path: string): string | undefined {
  const pathname = path.split('?')[0]!;
  if (pathname === '/api/imports') return pathname;
  return /^\/api\/imports\/[^/]+$/.test(pathname) ? '/api/imports/{importId}' : undefined;
}

function validate(schemaRef: string | undefined, body: unknown): string[] {
  if (!schemaRef) return ['the document gives no schema by reference'];
  const check = schemaValidator(schemaRef.split('/').pop()!);
  return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** What is wrong with one response, by the document; [] when nothing is. */
export function responseProblems(response: ResponseRecord): string[] {
  const where = `${response.method} ${response.path} -> ${response.status}`;
  if (response.path.split('?')[0] === '/oauth/token') return tokenProblems(response).map((p) => `${where}: ${p}`);
  const template = templateOf(response.path);
  const operation = template && document.paths[template]?.[response.method.toLowerCase()];
  if (!operation) return [`${where}: no such operation in the document`];
  const declared = operation.responses[String(response.status)];
  let parsed: unknown;
  try {
    parsed = response.body === '' ? undefined : JSON.parse(response.body);
  } catch {
    return [`${where}: the body is not JSON`];
  }
  if (!declared) {
    if (!response.fault) return [`${where}: the document lists no ${response.status} for this operation`];
    return validate('#/components/schemas/ErrorDocument', parsed).map((p) => `${where} (fault): ${p}`);
  }
  const spec = resolve(declared, document.components.responses);
  const problems: string[] = [];
  const media = spec.content?.[JSON_API];
  if (!spec.content) {
    if (response.body !== '') problems.push('the document gives no body, one was sent');
  } else if (!media) {
    problems.push('the document gives no application/vnd.api+json body');
  } else {
    if (response.headers['Content-Type'] !== JSON_API) problems.push(`Content-Type is ${response.headers['Content-Type']}`);
    problems.push(...validate(media.schema?.$ref, parsed));
  }
  for (const [name, header] of Object.entries(spec.headers ?? {})) {
    const schema = resolve(header, document.components.headers).schema;
    const value = response.headers[name];
    if (value === undefined) problems.push(`header ${name} is missing`);
    else if (schema?.type === 'integer' && !(/^\d+$/.test(value) && Number(value) >= (schema.minimum ?? 0))) problems.push(`header ${name} is ${value}`);
  }
  return problems.map((p) => `${where}: ${p}`);
}

/** The token endpoint is not in the imports document: its answers are checked against Commerce Layer's form. */
function tokenProblems(response: ResponseRecord): string[] {
  const body = JSON.parse(response.body) as Record<string, unknown>;
  if (response.status === 200) {
    const ok = body.access_token === '[REDACTED]' && body.token_type === 'bearer' && Number.isInteger(body.expires_in) &&
      typeof body.scope === 'string' && Number.isInteger(body.created_at);
    return ok ? [] : [`not a token answer: ${Object.keys(body).join(', ')}`];
  }
  const errors = body.errors as Array<Record<string, unknown>> | undefined;
  const ok = Array.isArray(errors) && errors.length > 0 && errors.every((e) => typeof e.title === 'string' && typeof e.detail === 'string' && typeof e.code === 'string');
  return ok ? [] : ['not an error document'];
}

/** Checks, after each test, every response of the simulators watched; call at the top of a test file. */
export function useResponseChecks(): { watch(simulator: Simulator): Simulator; readonly responses: ResponseRecord[] } {
  const responses: ResponseRecord[] = [];
  afterEach(() => {
    const problems = responses.splice(0).flatMap(responseProblems);
    expect(problems, 'responses the document does not describe').toStrictEqual([]);
  });
  return {
    responses,
    watch(simulator) {
      simulator.onResponse((response) => responses.push(response));
      return simulator;
    },
  };
}

export interface CheckedSimulators {
  /** Starts a simulator whose every response is checked; it closes after the test. */
  start(options?: SimulatorOptions): Promise<Simulator>;
  /** The responses seen so far in this test, by every simulator started in it. */
  readonly responses: ResponseRecord[];
}

/** Simulators started per test, closed after it, their responses checked; call at the top of a test file. */
export function useCheckedSimulators(): CheckedSimulators {
  const started: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((simulator) => simulator.close()));
  });
  const checks = useResponseChecks();
  return {
    responses: checks.responses,
    async start(options) {
      const simulator = checks.watch(await startSimulator(options));
      started.push(simulator);
      return simulator;
    },
  };
}
