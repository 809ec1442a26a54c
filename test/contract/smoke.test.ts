import { expect, inject, test } from 'vitest';
import { createImportsClient } from '../../src/index.js';

test('the seed example round-trips through the Prism mock', async () => {
  const client = createImportsClient({ baseUrl: inject('prismUrl'), accessToken: 'test-token' });
  const updated = await client.update('xYZkjABcde', { reference: 'ANY-EXTERNAL-REFEFERNCE' });
  expect(updated.id).toBe('xYZkjABcde');
  expect(updated.attributes.reference).toBe('ANY-EXTERNAL-REFEFERNCE');
});
