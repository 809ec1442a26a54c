// StrykerJS for `npm run mutate` (scripts/mutate.js runs it once per folder). Each folder's mutants
// meet only the tests written for that folder (the token's tests for auth and transport alike), run
// in the test's own process: a mutant lives in src/, so tests that run the built dist/ in a child
// process (the CLI tests) could never see one, and wider tests would only make each surviving
// mutant cost more. A folder's score is thus what its own tests catch. MUTATE_FOLDER names the
// folder; without it, every folder at once, against all the tests of vitest.mutate.config.ts.
const FOLDERS = {
  readers: { mutate: ['src/cli/readers/**/*.ts'], tests: ['test/cli/readers.test.ts'] },
  auth: { mutate: ['src/auth/**/*.ts'], tests: ['test/unit/auth/**/*.test.ts', 'test/unit/transport/token-*.test.ts'] },
  // Not test/unit/client: its property tests send 1,000 requests each, so that every mutant that
  // slows a request down becomes a timeout costing minutes.
  transport: { mutate: ['src/transport/**/*.ts'], tests: ['test/unit/transport/**/*.test.ts', 'test/unit/auth/**/*.test.ts'] },
  bulk: { mutate: ['src/bulk/**/*.ts'], tests: ['test/unit/bulk/**/*.test.ts'] },
};

const name = process.env.MUTATE_FOLDER;
if (name !== undefined && !Object.hasOwn(FOLDERS, name)) throw new Error(`MUTATE_FOLDER must be one of ${Object.keys(FOLDERS).join(', ')}`);
const folders = name === undefined ? Object.values(FOLDERS) : [FOLDERS[name]];
const tag = name ?? 'all';

export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: folders.flatMap((folder) => folder.mutate),
  testFiles: name === undefined ? undefined : FOLDERS[name].tests,
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant) needs every test, with a fresh module graph each time.
  ignoreStatic: true,
  // The next run re-tests only the mutants whose code or tests changed (--force: all). The file is
  // not committed: it cannot see changes to test helpers or dependencies, so each clone earns its own.
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${tag}.json`,
  // Two cores: one test runner each.
  concurrency: 2,
  timeoutMS: 5000,
  timeoutFactor: 1.5,
  ignorePatterns: ['/bench', '/docs', '/examples', '/.ci', '/dist/docs'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${tag}.html` },
  jsonReporter: { fileName: `reports/mutation/${tag}.json` },
  clearTextReporter: { reportMutants: false, reportTests: false },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: '.stryker-tmp',
};
