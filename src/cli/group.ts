import { createHash } from 'node:crypto';

export interface LoadIdentity {
  /** SHA-256 of the file's bytes. */
  sha256: string;
  resourceType: string;
  parent: string | undefined;
  chunkSize: number;
  format: string;
  delimiter: string;
}

/**
 * The group of a load run without --group: the same file, resource type, parent, chunk size and
 * parsing give the same group, so running the same command again resumes it; anything else starts
 * another. Such as `skus-3f9a2c1b7d4e`.
 */
export function derivedGroup(load: LoadIdentity): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([load.sha256, load.resourceType, load.parent ?? null, load.chunkSize, load.format, load.format === 'csv' ? load.delimiter : null]))
    .digest('hex');
  return `${load.resourceType}-${digest.slice(0, 12)}`;
}
