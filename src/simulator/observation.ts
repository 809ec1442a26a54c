// What tests and benchmarks read off the simulator: a log of the requests (without bodies, tokens
// or secrets), counts that survive the log's bound, and listeners that see each response whole.

export interface RequestRecord {
  method: string;
  /** The request target, path and query, as sent (still percent-encoded). */
  path: string;
  /** The status answered; null when the connection was dropped without an answer. */
  status: number | null;
  /** The bytes of the response body. */
  bytes: number;
  /** When the request arrived, in milliseconds since the simulator started. */
  at: number;
  /** Whether a scripted fault answered or dropped it. */
  fault: boolean;
}

/** One response as it was sent, for checking it against the document. */
export interface ResponseRecord {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  /** The body as sent ('' for none); an issued access token is replaced by [REDACTED]. */
  body: string;
  fault: boolean;
}

export interface SimulatorCounts {
  requests: number;
  /** Requests per method, such as { GET: 12, POST: 3 }. */
  byMethod: Record<string, number>;
  /** 429s that the rate limits of /api/* answered (not those scripted by faults). */
  throttled: number;
  tokenRequests: number;
  /** 429s of the token endpoint's own limit. */
  tokenThrottled: number;
  /** Connections dropped by faults. */
  dropped: number;
}

/** The log keeps the latest requests only, so that a long-running sandbox does not grow without end. */
const LOG_LIMIT = 100_000;

export class Observation {
  readonly requests: RequestRecord[] = [];
  private counts = Observation.zero();
  private readonly listeners = new Set<(response: ResponseRecord) => void>();
  private readonly started = performance.now();

  private static zero(): SimulatorCounts {
    return { requests: 0, byMethod: {}, throttled: 0, tokenRequests: 0, tokenThrottled: 0, dropped: 0 };
  }

  /** Milliseconds since the simulator started. */
  elapsed(): number {
    return Math.round((performance.now() - this.started) * 1000) / 1000;
  }

  record(entry: RequestRecord, kind: { token: boolean; throttled: boolean }): void {
    this.requests.push(entry);
    // Trimmed by a tenth at a time, so that each request does not move the whole log.
    if (this.requests.length > LOG_LIMIT * 1.1) this.requests.splice(0, this.requests.length - LOG_LIMIT);
    const counts = this.counts;
    counts.requests++;
    counts.byMethod[entry.method] = (counts.byMethod[entry.method] ?? 0) + 1;
    if (kind.token) counts.tokenRequests++;
    if (kind.throttled) counts[kind.token ? 'tokenThrottled' : 'throttled']++;
    if (entry.status === null) counts.dropped++;
  }

  snapshot(): SimulatorCounts {
    return { ...this.counts, byMethod: { ...this.counts.byMethod } };
  }

  clear(): void {
    this.requests.length = 0;
    this.counts = Observation.zero();
  }

  onResponse(listener: (response: ResponseRecord) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(response: ResponseRecord): void {
    for (const listener of this.listeners) {
      try {
        listener(response);
      } catch (error) {
        // The listener's own failure: thrown outside the request, so that it is not taken for the simulator's.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
