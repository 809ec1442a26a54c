// Vitest global setup: bundles the document and serves it with Prism for the contract tests.
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startPrism } from './prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  execFileSync(process.execPath, ['scripts/bundle.js'], { stdio: 'ignore' });
  const prism = await startPrism('dist/openapi.yaml');
  project.provide('prismUrl', prism.url);
  return () => prism.stop();
}
