/** Per-call facts shared between a client method and the transport, which it hands openapi-fetch as that call's fetch. */
export interface CallState {
  attempts: number;
  idempotent: boolean;
  /** The status of the last response, for errors raised after the transport returned. */
  status?: number;
  /** Sent again after a failure the server may have acted on (a 5xx, a timeout, a lost connection). */
  resent?: boolean;
  /** The caller took its turn from the client's pacer already: the transport does not count it again. */
  paced?: boolean;
}
