import { ApiError } from '../errors.js';

/**
 * The token endpoint refused the client credentials (a 400 or 401): a wrong client ID or secret, a
 * scope the application may not have. `status`, `code` and `errors` are the endpoint's answer, the
 * secret redacted; retrying will not help.
 */
export class CredentialsError extends ApiError {
  constructor(status: number, body: unknown, headers: Headers, attempts: number) {
    super(status, body, headers, attempts);
    const reason = this.errors[0]?.title || this.errors[0]?.detail;
    this.message = `Commerce Layer refused the client credentials: ${status}${this.code ? ` ${this.code}` : ''}${reason ? ` (${reason})` : ''}`;
  }
}
