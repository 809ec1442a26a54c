// Scripted failures, checked before anything else: a matching request is answered with a status
// (a JSON:API error document), dropped before it is handled, or handled (an import stored, updated
// or deleted) and then dropped without an answer, as when a response is lost on its way back;
// handled and answered only after a delay; or dropped at once and handled only after a delay, as
// when a request reaches the API long after its client gave up on it.

export type FaultAnswer = number | 'drop' | 'drop-after-store' | 'delay' | 'store-late';
const WORDS = ['drop', 'drop-after-store', 'delay', 'store-late'];

export interface FaultSpec {
  /** GET, POST, PATCH or DELETE (any case). */
  method: string;
  /** The path (`/api/imports`, exactly) or a pattern tested against the path and query; any path when left out. */
  path?: string | RegExp;
  answer: FaultAnswer;
  /** Matching requests to answer so (default 1). */
  times?: number;
  /** Matching requests to let through first (default 0). */
  skip?: number;
  /** Headers to add to a status answer; a 429 gets the X-Ratelimit-* headers of its class unless these replace them. */
  headers?: Record<string, string>;
  /** `delay`: ms before the answer; `store-late`: ms after the drop before the request is handled (default 1000). */
  delayMs?: number;
}

export interface Fault {
  method: string;
  path: string | RegExp | undefined;
  answer: FaultAnswer;
  times: number;
  skip: number;
  headers: Record<string, string>;
  delayMs: number;
}

export class Faults {
  private faults: Fault[] = [];

  add(spec: FaultSpec): void {
    const { method, path, answer, times = 1, skip = 0, headers = {}, delayMs = 1000 } = spec;
    if (typeof method !== 'string' || method === '') throw new TypeError('fault: method must be a non-empty string');
    const valid = WORDS.includes(answer as string) || (Number.isInteger(answer) && (answer as number) >= 100 && (answer as number) <= 599);
    if (!valid) throw new TypeError(`fault: answer must be a status from 100 to 599 or one of ${WORDS.join(', ')}`);
    if (!Number.isInteger(times) || times < 1 || !Number.isInteger(skip) || skip < 0) {
      throw new RangeError('fault: times must be an integer of 1 or more, skip an integer of 0 or more');
    }
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) throw new RangeError('fault: delayMs must be a finite number of 0 or more');
    this.faults.push({ method: method.toUpperCase(), path, answer, times, skip, headers, delayMs });
  }

  /** The fault this request meets, if any; each match uses up one skip or one time. */
  take(method: string, target: string): Fault | undefined {
    const pathname = target.split('?')[0];
    for (const fault of this.faults) {
      const matches = fault.method === method &&
        (fault.path === undefined || (typeof fault.path === 'string' ? fault.path === pathname : fault.path.test(target)));
      if (!matches) continue;
      if (fault.skip > 0) {
        fault.skip--;
        continue;
      }
      fault.times--;
      this.faults = this.faults.filter((f) => f.times > 0);
      return fault;
    }
    return undefined;
  }

  clear(): void {
    this.faults = [];
  }

  /** Delayed work (late stores, delayed answers) not done yet: it is done, or dropped on close. */
  private readonly pending = new Set<{ timer: NodeJS.Timeout; done: () => void }>();

  /** Runs `work` after `ms`, without keeping the process alive. */
  later(ms: number, work: () => void): void {
    const entry = {
      done: () => {},
      timer: setTimeout(() => {
        this.pending.delete(entry);
        try {
          work();
        } finally {
          entry.done();
        }
      }, ms),
    };
    entry.timer.unref();
    this.pending.add(entry);
  }

  /** Resolves once every delayed piece of work scheduled so far has been done. */
  settled(): Promise<void> {
    return Promise.all([...this.pending].map((entry) => new Promise<void>((resolve) => {
      const before = entry.done;
      entry.done = () => (before(), resolve());
    }))).then(() => undefined);
  }

  /** On close: delayed work is dropped, as a server that went away would drop it. */
  cancel(): void {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.done();
    }
    this.pending.clear();
  }
}
