// Fails the test after which a promise rejection went unhandled: the client must never leave one,
// whether a call succeeds, fails, times out or is aborted.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export function expectNoUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => void unhandled.push(reason);
  beforeAll(() => void process.on('unhandledRejection', record));
  afterEach(async () => {
    // Node reports unhandled rejections after the microtask queue drains: let it run first.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const seen = unhandled.splice(0);
    expect(seen, 'unhandled rejections').toEqual([]);
  });
  afterAll(() => void process.off('unhandledRejection', record));
}
