// A token function's answer is checked before it goes into a header: what cannot be a bearer
// token is refused with an InputError that says why, without repeating the token, and nothing is sent.
import { expect, test } from 'vitest';
import { createImportsClient, InputError } from '../../../src/index.js';
import { importResponse, useFaultServer } from '../../support/fault-server.js';

const server = useFaultServer();

test.each([
  ['an empty string', '', '`accessToken` is required: a non-empty string, or a function returning one'],
  ['a number', 42, '`accessToken` is required: a non-empty string, or a function returning one'],
  ['a line break', 'tok\nen-x9', '`accessToken` contains a line break or NUL character and was refused'],
  ['a NUL', 'tok\0en-x9', '`accessToken` contains a line break or NUL character and was refused'],
  ['a space', 'tok en-x9', '`accessToken` contains a space, control or non-ASCII character and was refused'],
  ['a non-ASCII letter', 'tök-en-x9', '`accessToken` contains a space, control or non-ASCII character and was refused'],
])('a token function that returns %s: refused, nothing sent', async (_name, token, message) => {
  server.script(importResponse());
  const client = createImportsClient({ baseUrl: server.url, accessToken: () => token as string, retry: false });
  const error = await client.retrieve('imp1').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).message).toBe(message);
  if (typeof token === 'string' && token !== '') expect((error as InputError).message).not.toContain(token);
  expect(server.requests).toHaveLength(0);
});

test('a visible-ASCII token is sent as the bearer token', async () => {
  server.script(importResponse());
  const client = createImportsClient({ baseUrl: server.url, accessToken: () => 'tok_~!-x9', retry: false });
  await expect(client.retrieve('imp1')).resolves.toMatchObject({ id: 'imp1' });
  expect(server.requests.map((request) => request.headers.authorization)).toStrictEqual(['Bearer tok_~!-x9']);
});
