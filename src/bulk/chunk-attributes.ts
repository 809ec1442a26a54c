import type { ImportCreateAttributes, ImportInput, ImportResourceType } from '../types.js';
import type { Chunk } from './chunk-reader.js';
import { csvChunk } from './csv-chunk.js';
import { chunkMetadata, REFERENCE_ORIGIN, referenceOf } from './group.js';
import type { ImportAllSettings } from './import-all-options.js';

/** What a chunk's create sends: the caller's attributes, then the chunk's inputs, reference and metadata, named as Commerce Layer's CLI names them. */
export function attributesOf(settings: ImportAllSettings, resourceType: ImportResourceType, chunk: Chunk, columns: string[] | undefined, chunks: number | undefined) {
  const { attributes = {}, group } = settings;
  const inputs: ImportInput[] | string = settings.format === 'csv' ? csvChunk(columns!, chunk.records) : chunk.records;
  return {
    ...attributes,
    resource_type: resourceType,
    format: settings.format,
    inputs,
    reference: referenceOf(group, chunk.index),
    reference_origin: REFERENCE_ORIGIN,
    metadata: { ...attributes.metadata, ...chunkMetadata(group, chunk.index, chunk.first, chunk.last, chunks) },
  } as ImportCreateAttributes & { reference: string };
}
