// The organization's imports, in memory, and what they have done so far. Times are epoch
// milliseconds; the attributes are derived from this state when an import is serialized.
import { newId } from './ids.js';
import type { RecordStore } from './records.js';
import type { ResourceType, Status } from './vocabulary.js';

export interface StoredImport {
  id: string;
  resourceType: ResourceType;
  format: 'json' | 'csv';
  parentResourceId: string | null;
  inputs: Record<string, unknown>[];
  /** How many inputs it has: kept when the inputs themselves are dropped (keepInputs: false). */
  inputsSize: number;
  skipErrors: boolean;
  reference: string | null;
  referenceOrigin: string | null;
  metadata: Record<string, unknown> | null;
  status: Status;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  completedAt: number | null;
  interruptedAt: number | null;
  /** The index of the next input to go through. */
  next: number;
  /** Inputs imported (created or updated): Commerce Layer's processed_count, failed inputs not included. */
  processedCount: number;
  errorsCount: number;
  warningsCount: number;
  errorsLog: Record<string, Record<string, string[]>>;
  warningsLog: Record<string, string[]>;
  /** Retrievals so far, for poll pacing. */
  polls: number;
}

export type NewImport = Pick<StoredImport, 'resourceType' | 'format' | 'parentResourceId' | 'inputs' | 'skipErrors' | 'reference' | 'referenceOrigin' | 'metadata'>;

export const isFinished = (imp: StoredImport) => imp.status === 'completed' || imp.status === 'interrupted';

export class ImportStore {
  /** In creation order, which is also the list's default order. */
  readonly byId = new Map<string, StoredImport>();
  private readonly creates = new Map<string, number>();
  private lastCreatedAt = 0;

  /** `records`: the organization's records, which imports create and update; they stay when an import is deleted. */
  constructor(readonly records: RecordStore) {}

  create(attributes: NewImport, now: number): StoredImport {
    let id = newId();
    while (this.byId.has(id)) id = newId();
    // Strictly increasing creation times, so that sorting by created_at is as the creation order.
    const createdAt = Math.max(now, this.lastCreatedAt + 1);
    this.lastCreatedAt = createdAt;
    const imp: StoredImport = {
      ...attributes,
      id,
      inputsSize: attributes.inputs.length,
      status: 'pending',
      createdAt,
      updatedAt: createdAt,
      startedAt: null,
      completedAt: null,
      interruptedAt: null,
      next: 0,
      processedCount: 0,
      errorsCount: 0,
      warningsCount: 0,
      // Keyed by input codes, which may be any string (`__proto__` included): no prototype to reach.
      errorsLog: Object.create(null) as Record<string, Record<string, string[]>>,
      warningsLog: Object.create(null) as Record<string, string[]>,
      polls: 0,
    };
    this.byId.set(id, imp);
    if (attributes.reference !== null) this.creates.set(attributes.reference, (this.creates.get(attributes.reference) ?? 0) + 1);
    return imp;
  }

  get(id: string): StoredImport | undefined {
    return this.byId.get(id);
  }

  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  all(): StoredImport[] {
    return [...this.byId.values()];
  }

  /** How many imports were ever created with this reference, deleted ones included. */
  createsByReference(reference: string): number {
    return this.creates.get(reference) ?? 0;
  }

  running(): StoredImport[] {
    return this.all().filter((imp) => imp.status === 'in_progress');
  }

  /** Pending imports, oldest first: the order in which slots go to them. */
  pending(): StoredImport[] {
    return this.all().filter((imp) => imp.status === 'pending');
  }
}
