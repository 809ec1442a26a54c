// clientCredentials checks every option when it is made: nothing is sent with a bad one.
import { describe, expect, test, vi } from 'vitest';
import { type ClientCredentialsOptions, clientCredentials, InputError } from '../../../src/index.js';

const good = { clientId: 'client-id', clientSecret: 'client-secret' };

/** A fetch that must never be called. */
const neverFetch = vi.fn(() => Promise.reject(new Error('nothing may be sent')));

function refusal(options: unknown): InputError {
  try {
    clientCredentials(options as ClientCredentialsOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ attempts: 0 });
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('the options object', () => {
  test.each([undefined, null, 'client-id', 42])('%s is refused', (options) => {
    expect(refusal(options).message).toBe('clientCredentials needs an options object');
  });

  test.each([
    ['clientSecert', 'clientSecret'],
    ['client_id', 'clientId'],
    ['scopes', 'scope'],
    ['baseURL', 'baseUrl'],
    ['timeout', 'timeoutMs'],
  ])('an unknown option, %s, is refused naming the nearest known one, %s', (name, nearest) => {
    const message = refusal({ ...good, [name]: 'x', fetch: neverFetch }).message;
    expect(message).toContain(`clientCredentials has no option "${name}"`);
    expect(message).toContain(`did you mean ${nearest}?`);
  });
});

describe('clientId and clientSecret', () => {
  test.each<[string, unknown]>([
    ['missing', undefined],
    ['empty', ''],
    ['a number', 42],
    ['with a space', 'a b'],
    ['with a line break', 'ab\r\n'],
    ['with a NUL', 'ab\0'],
    ['not ASCII', 'sécret'],
  ])('%s is refused, without repeating the value', (_, value) => {
    for (const name of ['clientId', 'clientSecret'] as const) {
      const error = refusal({ ...good, [name]: value });
      expect(error.message).toBe(`\`${name}\` must be a non-empty string of visible ASCII characters`);
    }
  });
});

describe('the other options', () => {
  test.each<[string, Partial<Record<keyof ClientCredentialsOptions, unknown>>, string]>([
    ['an empty scope', { scope: '' }, '`scope`'],
    ['a blank scope', { scope: '  ' }, '`scope`'],
    ['a scope that is not a string', { scope: ['market:all'] }, '`scope`'],
    ['a signal that is not an AbortSignal', { signal: { aborted: false } }, '`signal`'],
    ['fetch that is not a function', { fetch: 'fetch' }, '`fetch`'],
    ['timeoutMs 0', { timeoutMs: 0 }, '`timeoutMs`'],
    ['a negative retries', { retry: { retries: -1 } }, '`retry.retries`'],
    ['an unknown retry option', { retry: { retry: 1 } }, '`retry`'],
    ['a baseUrl that is not a URL', { baseUrl: 'auth.commercelayer.io' }, '`baseUrl`'],
    ['a baseUrl with a path', { baseUrl: 'https://auth.commercelayer.io/oauth/token' }, '`baseUrl`'],
  ])('%s is refused', (_, options, named) => {
    expect(refusal({ ...good, ...options }).message).toContain(named);
  });

  test.each(['http://auth.commercelayer.io', 'http://10.0.0.1:4011', 'http://localhost.example.com', 'http://0.0.0.0:4011'])(
    'plain http is refused off loopback: %s',
    (baseUrl) => {
      expect(refusal({ ...good, baseUrl }).message).toContain('plain http is allowed only for loopback hosts');
    },
  );

  test.each(['http://127.0.0.1:4011', 'http://localhost:4011', 'http://[::1]:4011', 'https://auth.example.com'])('%s is taken', (baseUrl) => {
    expect(clientCredentials({ ...good, baseUrl, fetch: neverFetch })).toBeTypeOf('function');
  });

  test('every option at once is taken, and making the provider sends nothing', () => {
    const provider = clientCredentials({
      ...good,
      scope: 'market:code:europe stock_location:code:eu_warehouse',
      baseUrl: 'http://127.0.0.1:4011',
      fetch: neverFetch,
      retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 100 },
      timeoutMs: 1000,
      signal: new AbortController().signal,
    });
    expect(provider).toBeTypeOf('function');
    expect(clientCredentials({ ...good, retry: false, fetch: neverFetch })).toBeTypeOf('function');
    expect(neverFetch).not.toHaveBeenCalled();
  });
});
