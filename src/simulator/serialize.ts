// Imports as the API returns them: JSON:API resource objects whose attributes follow the document
// (openapi/components/schemas/ImportAttributes.yaml) in its order, with the logs as objects keyed
// by input, and a sparse fieldset (`fields[imports]`) keeping only the attributes named, in order.
import type { ImportAttributes } from '../index.js';
import type { StoredImport } from './store.js';
import { ATTRIBUTE_NAMES, type AttributeName } from './vocabulary.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function attributesOf(imp: StoredImport): Required<ImportAttributes> {
  return {
    resource_type: imp.resourceType,
    format: imp.format,
    parent_resource_id: imp.parentResourceId,
    status: imp.status,
    started_at: iso(imp.startedAt),
    completed_at: iso(imp.completedAt),
    interrupted_at: iso(imp.interruptedAt),
    inputs: imp.inputs,
    inputs_size: imp.inputsSize,
    errors_count: imp.errorsCount,
    warnings_count: imp.warningsCount,
    processed_count: imp.processedCount,
    destroyed_count: 0,
    errors_log: imp.errorsLog,
    warnings_log: imp.warningsLog,
    cleanup_records: false,
    skip_errors: imp.skipErrors,
    attachment_url: null,
    created_at: iso(imp.createdAt)!,
    updated_at: iso(imp.updatedAt)!,
    reference: imp.reference,
    reference_origin: imp.referenceOrigin,
    metadata: imp.metadata,
  };
}

/** The resource object, with links built on `base` (the origin the request was sent to). */
export function resourceOf(imp: StoredImport, base: string, fields?: readonly AttributeName[]) {
  const all = attributesOf(imp);
  const names = fields ?? ATTRIBUTE_NAMES;
  const attributes = Object.fromEntries(names.map((name) => [name, all[name]]));
  const self = `${base}/api/imports/${imp.id}`;
  const relationship = (name: string) => ({ links: { self: `${self}/relationships/${name}`, related: `${self}/${name}` } });
  return {
    id: imp.id,
    type: 'imports' as const,
    links: { self },
    attributes,
    relationships: { events: relationship('events'), event_stores: relationship('event_stores') },
    meta: { mode: 'test' as const },
  };
}

export interface Page {
  imports: StoredImport[];
  number: number;
  size: number;
  recordCount: number;
}

/**
 * A page of the list, its counts over the whole filtered list, and links to the first, previous,
 * next and last pages that repeat the request's other parameters (filters, sort, fields).
 */
export function listDocument(page: Page, base: string, query: URLSearchParams, fields?: readonly AttributeName[]) {
  const pageCount = Math.ceil(page.recordCount / page.size);
  const link = (number: number) => {
    const params = new URLSearchParams([...query].filter(([name]) => name !== 'page[number]' && name !== 'page[size]'));
    params.append('page[number]', String(number));
    params.append('page[size]', String(page.size));
    return `${base}/api/imports?${params}`;
  };
  const last = Math.max(pageCount, 1);
  return {
    data: page.imports.map((imp) => resourceOf(imp, base, fields)),
    meta: { record_count: page.recordCount, page_count: pageCount },
    links: {
      first: link(1),
      ...(page.number > 1 && { prev: link(Math.min(page.number - 1, last)) }),
      ...(page.number < pageCount && { next: link(page.number + 1) }),
      last: link(last),
    },
  };
}
