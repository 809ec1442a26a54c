// Scripted failures, checked before anything else: a matching request is answered with a status
// (a JSON:API error document), dropped before it is handled, or handled (an import stored, updated
// or deleted) and then dropped without an answer, as when a response is lost on its way back.

export type FaultAnswer = number | 'drop' | 'drop-after-store';

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
}

interface Fault {
  method: string;
  path: string | RegExp | undefined;
  answer: FaultAnswer;
  times: number;
  skip: number;
  headers: Record<string, string>;
}

export class Faults {
  private faults: Fault[] = [];

  add(spec: FaultSpec): void {
    const { method, path, answer, times = 1, skip = 0, headers = {} } = spec;
    if (typeof method !== 'string' || method === '') throw new TypeError('fault: method must be a non-empty string');
    const valid = answer === 'drop' || answer === 'drop-after-store' || (Number.isInteger(answer) && answer >= 100 && answer <= 599);
    if (!valid) throw new TypeError('fault: answer must be a status from 100 to 599, "drop" or "drop-after-store"');
    if (!Number.isInteger(times) || times < 1 || !Number.isInteger(skip) || skip < 0) {
      throw new RangeError('fault: times must be an integer of 1 or more, skip an integer of 0 or more');
    }
    this.faults.push({ method: method.toUpperCase(), path, answer, times, skip, headers });
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
}
