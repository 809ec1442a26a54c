// The ids the simulated organization gives what it creates: imports and records alike.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A ten-letter id like Commerce Layer's (xYZkjABcde). */
export function newId(): string {
  return [...randomBytes(10)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}
