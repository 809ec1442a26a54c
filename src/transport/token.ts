import { InputError } from '../errors.js';

/** What the client tells a token function: `forceRefresh` is true when the API has just refused the token it gave. */
export interface AccessTokenContext {
  forceRefresh: boolean;
}

/**
 * A token string, or a function called before every attempt that returns one. After a 401 whose error
 * code is INVALID_TOKEN, the function is called once more with `{ forceRefresh: true }`; a function that
 * takes no argument works as before.
 */
export type AccessToken = string | ((context: AccessTokenContext) => string | Promise<string>);

/** Validates a token without ever putting it in a message. */
export function checkedToken(token: unknown): string {
  if (typeof token !== 'string' || token.length === 0) {
    throw new InputError('`accessToken` is required: a non-empty string, or a function returning one');
  }
  if (/[\r\n\0]/.test(token)) throw new InputError('`accessToken` contains a line break or NUL character and was refused');
  // A bearer token is visible ASCII; anything else would fail inside fetch, as a retried network error.
  if (/[^\x21-\x7e]/.test(token)) throw new InputError('`accessToken` contains a space, control or non-ASCII character and was refused');
  return token;
}
