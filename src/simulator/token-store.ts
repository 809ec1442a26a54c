// Which bearer tokens the API routes accept: those the token endpoint issued, until they expire;
// then, when an accessToken option is given, that one alone, or else any token at all (but not a
// missing one). Tokens are kept only here, never logged.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenCheck = 'valid' | 'missing' | 'invalid' | 'expired';

export class TokenStore {
  /** Issued tokens and when they expire (epoch ms). */
  private readonly issued = new Map<string, number>();

  constructor(private readonly accessToken: string | undefined) {}

  issue(lifetimeSeconds: number, now: number): string {
    const token = `sim_${randomBytes(24).toString('base64url')}`;
    this.issued.set(token, now + lifetimeSeconds * 1000);
    return token;
  }

  check(authorization: string | undefined, now: number): TokenCheck {
    const token = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '')?.[1];
    if (token === undefined) return 'missing';
    const expiresAt = this.issued.get(token);
    if (expiresAt !== undefined) return now < expiresAt ? 'valid' : 'expired';
    if (this.accessToken === undefined) return 'valid';
    return sameText(token, this.accessToken) ? 'valid' : 'invalid';
  }

  /** Every issued token expires now: the next request that carries one is answered 401. */
  expireAll(now: number): void {
    for (const token of this.issued.keys()) this.issued.set(token, now);
  }
}

/** Compares in constant time, so the answer's timing says nothing about the expected token. */
export function sameText(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}
