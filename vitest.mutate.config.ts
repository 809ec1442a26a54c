// The tests StrykerJS runs against each mutant (`npm run mutate`): only those that load src/ in the
// test's own process, where a mutant is active. The CLI tests run the built dist/cli/main.js in a
// child process, which never holds a mutant, so they are left out rather than counted as covering
// code they cannot see. No Prism (no contract test here) and no type tests.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Stryker stops a mutant's run at the first failing test: the files that failed last time (they
 * killed the previous mutant) run first, then the quickest, so that a killed mutant costs little.
 * Vitest's own order puts the slowest first, which suits parallel runs, not this one.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const results = (file: TestSpecification) => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`);
    const rank = (file: TestSpecification) => {
      const state = results(file);
      return state ? (state.failed ? -1 : 0) * 1e9 + state.duration : 0;
    };
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/cli/readers.test.ts'],
    // They read src/ as text or check the document, which mutants do not change.
    exclude: ['test/unit/architecture.test.ts', 'test/unit/document/**'],
    sequence: { sequencer: QuickestFirst },
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
