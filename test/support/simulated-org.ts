// A simulator and a client on it, for the bulk tests: the simulator processes fast, and every
// response it sends is checked against the document (the test fails on one the document does not
// describe); it closes after each test.
import { createImportsClient, type ImportInput, type ImportsClientOptions } from '../../src/index.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.js';
import { useCheckedSimulators } from './simulator.js';

const simulators = useCheckedSimulators();

export async function simulatedOrg(options: SimulatorOptions = {}, clientOptions: Partial<ImportsClientOptions> = {}) {
  const simulator = await simulators.start({ inputsPerSecond: 200_000, ...options });
  const client = createImportsClient({
    baseUrl: simulator.url,
    accessToken: 'bulk-token',
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 20 },
    // Short, so that a create given up for lost is looked up after 1 s rather than 5.
    timeoutMs: 1000,
    ...clientOptions,
  } as ImportsClientOptions);
  return { simulator, client };
}

/** n valid SKUs, numbered from `from`; those at the indexes in `invalid` fail. */
export function skus(n: number, { from = 0, invalid = [] as number[] } = {}): ImportInput[] {
  const failing = new Set(invalid);
  return Array.from({ length: n }, (_, i) => ({
    code: `SKU${from + i}`,
    name: `Product ${from + i}`,
    shipping_category_id: 'nBAvrhRZBl',
    ...(failing.has(i) && { invalid: true }),
  }));
}

/** How many creates each reference of the group got: one each, when nothing was sent twice. */
export function createsOf(simulator: Simulator, group: string, chunks: number): number[] {
  return Array.from({ length: chunks }, (_, i) => simulator.createsByReference(`${group}-${String(i + 1).padStart(4, '0')}`));
}
