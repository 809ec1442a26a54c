import type { Import, ImportList } from '../types.js';

/**
 * Every import across pages, fetching page n + 1 only when the caller asks for the item after
 * page n. A `break` ends the generator, so no further page is fetched; an aborted signal rejects
 * the pending or next fetch with its reason.
 */
export async function* listPages(fetchPage: (number: number) => Promise<ImportList>, first = 1): AsyncGenerator<Import, void, undefined> {
  for (let number = first; ; number++) {
    const page = await fetchPage(number);
    yield* page.data;
    if (page.data.length === 0 || !(number < (page.meta?.page_count ?? 0))) return;
  }
}
