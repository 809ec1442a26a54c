import type { ImportList, ListQuery } from '../types.js';
import { type Pacer, paced } from '../transport/rate-pacer.js';

/**
 * The ids of every import that already holds a reference. A chunk created again under the reference
 * of its interrupted import must not take that import (or an earlier retry's) for its own when a
 * create's fate is unknown and the reference is looked up: those ids are left out of the lookup.
 */
export async function importsOfReference(
  list: (query: ListQuery, options: { signal?: AbortSignal }) => Promise<ImportList>,
  reference: string,
  read: Pacer,
  signal: AbortSignal | undefined,
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let number = 1; ; number++) {
    const query: ListQuery = { filter: { reference_eq: reference }, sort: ['created_at', 'id'], fields: ['reference'], page: { number, size: 25 } };
    const page = await paced(read, signal, () => list(query, { signal }));
    for (const found of page.data) ids.add(found.id);
    if (page.data.length === 0 || number >= (page.meta?.page_count ?? 0)) return ids;
  }
}
