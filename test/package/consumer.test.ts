// The packed tarball, installed into a fresh project outside this repository, as a user gets it:
// strict TypeScript under node16 and bundler resolution, then ESM and CommonJS runs against Prism
// serving the OpenAPI document the package exports.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConsumerProject, createConsumerProject } from '../support/consumer-project.js';
import { type PrismMock, startPrism } from '../support/prism.js';

/** One program, written as .mts (ESM), .cts (CommonJS) and .ts (bundler): the same code must hold in each. */
const CONSUMER = `import { ApiError, createImportsClient, type Import, type ImportStatus, type SparseImport } from 'commercelayer-imports';

async function main(): Promise<void> {
  const baseUrl = process.env['PRISM_URL'];
  if (baseUrl === undefined) throw new Error('PRISM_URL is not set');
  const client = createImportsClient({ baseUrl, accessToken: 'consumer-test-token', retry: false });
  const updated: Import = await client.update('xYZkjABcde', { reference: 'consumer-reference', metadata: { source: 'consumer' } });
  const status: ImportStatus = updated.attributes.status;
  // A sparse fieldset narrows the result to the attributes asked for.
  const interrupted: SparseImport<'status'> = await client.interrupt(updated.id, { fields: ['status'] });
  const interruptedStatus: ImportStatus = interrupted.attributes.status;

  // Prism answers with the documented 404 when asked to; the error must be this format's own ApiError.
  const failing = createImportsClient({ baseUrl, accessToken: 'consumer-test-token', retry: false, headers: { Prefer: 'code=404' } });
  const failure: unknown = await failing.update('missing', { reference: null }).then(() => undefined, (error: unknown) => error);
  const apiError = failure instanceof ApiError ? { name: failure.name, status: failure.status, code: failure.code ?? null } : String(failure);

  console.log(JSON.stringify({ id: updated.id, type: updated.type, status, interruptedType: interrupted.type, interruptedStatus, apiError }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/** The same program with one misspelt attribute: it must not compile. */
const MISSPELT = CONSUMER.replace("{ reference: 'consumer-reference'", "{ referense: 'consumer-reference'");

/** Type-only re-export of everything the package declares, to check the declarations themselves. */
const DECLARATIONS = "export type * from 'commercelayer-imports';\n";

const STRICT = {
  target: 'ES2022',
  lib: ['ES2022'],
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  skipLibCheck: true,
};

/**
 * The declarations check looks inside the package's .d.ts files (and openapi-fetch's) with
 * skipLibCheck off, on the DOM lib in place of @types/node: checking all of @types/node would
 * cost some 20 s for nothing this package controls.
 */
const DECLARATIONS_CHECK = { types: [], lib: ['ES2022', 'DOM'], skipLibCheck: false, skipDefaultLibCheck: true };

function tsconfig(resolution: 'node16' | 'bundler', files: string[], options: Record<string, unknown> = {}): string {
  const module = resolution === 'node16' ? { module: 'node16', moduleResolution: 'node16' } : { module: 'preserve', moduleResolution: 'bundler' };
  return JSON.stringify({ compilerOptions: { ...STRICT, ...module, noEmit: true, ...options }, files }, null, 2);
}

describe('the packed package in a fresh project', () => {
  let project: ConsumerProject;
  let prism: PrismMock | undefined;

  beforeAll(async () => {
    for (const built of ['dist/index.js', 'dist/cjs/index.js', 'dist/openapi.yaml']) {
      if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` before this test`);
    }
    project = await createConsumerProject();
    await project.write('consumer.mts', CONSUMER);
    await project.write('consumer.cts', CONSUMER);
    await project.write('consumer.ts', CONSUMER);
    await project.write('misspelt.mts', MISSPELT);
    await project.write('misspelt.cts', MISSPELT);
    await project.write('misspelt.ts', MISSPELT);
    await project.write('declarations.mts', DECLARATIONS);
    await project.write('declarations.cts', DECLARATIONS);
    await project.write('tsconfig.node16.json', tsconfig('node16', ['consumer.mts', 'consumer.cts'], { noEmit: false, outDir: 'out' }));
    await project.write('tsconfig.bundler.json', tsconfig('bundler', ['consumer.ts']));
    await project.write('tsconfig.declarations-node16.json', tsconfig('node16', ['declarations.mts', 'declarations.cts'], DECLARATIONS_CHECK));
    await project.write('tsconfig.misspelt-node16.json', tsconfig('node16', ['misspelt.mts', 'misspelt.cts']));
    await project.write('tsconfig.misspelt-bundler.json', tsconfig('bundler', ['misspelt.ts']));
  }, 120_000);

  afterAll(async () => {
    await prism?.stop();
    await project?.remove();
  });

  test('resolves the client and the OpenAPI document through the exports map, from import and require', async () => {
    const names = ['commercelayer-imports', 'commercelayer-imports/openapi.json', 'commercelayer-imports/openapi.yaml'];
    const esm = await project.run(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(${JSON.stringify(names)}.map((n) => import.meta.resolve(n))))`]);
    const cjs = await project.run(process.execPath, ['-e', `console.log(JSON.stringify(${JSON.stringify(names)}.map((n) => require.resolve(n))))`]);
    expect(esm.code, esm.output).toBe(0);
    expect(cjs.code, cjs.output).toBe(0);
    const [esmMain, esmJson, esmYaml] = JSON.parse(esm.stdout) as string[];
    const [cjsMain, cjsJson, cjsYaml] = JSON.parse(cjs.stdout) as string[];
    expect(esmMain).toMatch(/\/node_modules\/commercelayer-imports\/dist\/index\.js$/);
    expect(cjsMain).toMatch(/\/node_modules\/commercelayer-imports\/dist\/cjs\/index\.js$/);
    expect(esmJson).toMatch(/\/node_modules\/commercelayer-imports\/dist\/openapi\.json$/);
    expect(cjsJson).toMatch(/\/node_modules\/commercelayer-imports\/dist\/openapi\.json$/);
    expect(esmYaml).toMatch(/\/node_modules\/commercelayer-imports\/dist\/openapi\.yaml$/);
    expect(cjsYaml).toBe(new URL(esmYaml!).pathname);

    const document = await project.run(process.execPath, ['-e', "const d = require('commercelayer-imports/openapi.json'); console.log(d.openapi, Object.keys(d.paths).length)"]);
    expect(document.output.trim()).toMatch(/^3\.1\.\d+ [1-9]\d*$/);
  });

  test('type-checks a strict program under node16 (ESM and CommonJS) and bundler resolution', async () => {
    const node16 = await project.tsc(['-p', 'tsconfig.node16.json']);
    expect(node16.output).toBe('');
    expect(node16.code).toBe(0);
    const bundler = await project.tsc(['-p', 'tsconfig.bundler.json']);
    expect(bundler.output).toBe('');
    expect(bundler.code).toBe(0);
  }, 120_000);

  test('the ESM and CommonJS declarations themselves compile under strict settings', async () => {
    // node16 reads dist/*.d.ts for the .mts file and dist/cjs/*.d.ts for the .cts one.
    const result = await project.tsc(['-p', 'tsconfig.declarations-node16.json']);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);

  test('a misspelt attribute fails to compile under node16 (ESM and CommonJS) and bundler', async () => {
    expect(MISSPELT).not.toBe(CONSUMER);
    for (const [config, files] of [['tsconfig.misspelt-node16.json', ['misspelt.mts', 'misspelt.cts']], ['tsconfig.misspelt-bundler.json', ['misspelt.ts']]] as const) {
      const result = await project.tsc(['-p', config]);
      expect(result.code, config).not.toBe(0);
      // Exactly one error per file, and it is the misspelt attribute.
      const errors = result.output.split('\n').filter((line) => line.includes('error TS'));
      expect(errors.map((line) => line.slice(0, line.indexOf('('))).sort(), result.output).toEqual([...files].sort());
      for (const error of errors) expect(error).toMatch(/'referense' does not exist/);
    }
  }, 120_000);

  test('runs as ESM and as CommonJS against Prism serving the packaged document', async () => {
    const compiled = await project.tsc(['-p', 'tsconfig.node16.json']);
    expect(compiled.code, compiled.output).toBe(0);
    const resolved = await project.run(process.execPath, ['-e', "console.log(require.resolve('commercelayer-imports/openapi.yaml'))"]);
    prism = await startPrism(resolved.stdout.trim());

    const results = [];
    for (const program of ['out/consumer.mjs', 'out/consumer.cjs']) {
      const run = await project.run(process.execPath, [program], { PRISM_URL: prism.url });
      expect(run.code, run.output).toBe(0);
      results.push(JSON.parse(run.stdout) as Record<string, unknown>);
    }
    const [esm, cjs] = results;
    expect(esm).toMatchObject({ type: 'imports', interruptedType: 'imports', apiError: { name: 'ApiError', status: 404 } });
    expect(esm!['status']).toEqual(expect.any(String));
    expect(esm!['interruptedStatus']).toEqual(expect.any(String));
    expect(esm!['id']).toEqual(expect.any(String));
    expect(cjs).toEqual(esm);
  }, 120_000);
});
