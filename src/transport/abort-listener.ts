/**
 * One 'abort' listener per caller's signal, however many attempts and waits of concurrent calls
 * watch it: Node warns of a leak past 10 listeners on one signal, and a whole batch of calls often
 * shares one. The listener is removed as soon as nothing watches the signal any more.
 */
interface Watchers {
  callbacks: Set<() => void>;
  dispatch: () => void;
}

const watched = new WeakMap<AbortSignal, Watchers>();

/** Calls `callback` once when `signal` aborts; the function returned stops watching. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let watchers = watched.get(signal);
  if (watchers === undefined) {
    const callbacks = new Set<() => void>();
    const dispatch = () => {
      watched.delete(signal);
      for (const each of callbacks) each();
    };
    watchers = { callbacks, dispatch };
    watched.set(signal, watchers);
    signal.addEventListener('abort', dispatch, { once: true });
  }
  const own = watchers;
  own.callbacks.add(callback);
  return () => {
    own.callbacks.delete(callback);
    if (own.callbacks.size === 0 && watched.get(signal) === own) {
      watched.delete(signal);
      signal.removeEventListener('abort', own.dispatch);
    }
  };
}

/** The promise's result, or the signal's reason as soon as it aborts (a token refresh may be slow). */
export function untilAborted<T>(value: T | Promise<T>, signal: AbortSignal | undefined): T | Promise<T> {
  if (signal === undefined || !(value instanceof Promise)) return value;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stopWatching = onAbort(signal, () => reject(signal.reason));
    value.then(
      (result) => (stopWatching(), resolve(result)),
      (error) => (stopWatching(), reject(error)),
    );
  });
}
