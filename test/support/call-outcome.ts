// How a call ended, for tests that assert on errors and on elapsed time.
import { performance } from 'node:perf_hooks';

/** Runs a call and times it; `error` is what it rejected with. */
export async function timed<T>(call: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = performance.now();
  try {
    const value = await call();
    return { value, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

/** What the call threw or rejected with; fails the test when it succeeds. */
export async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
