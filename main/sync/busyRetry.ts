import { ServerBusyError } from './errors';

export interface Patience {
  wait: (ms: number) => Promise<void>;
  /** The longest Retry-After waited inside a run; a longer one ends the run until then. */
  maxWaitMs: number;
}

const BUSY_RETRIES = 5;

/**
 * One request, repeated identically while the server says it is busy (429, 503, 504) and asks for
 * a wait we can afford: its Retry-After, else a doubling second. A 504 may have been finished in
 * the background: the repeat then meets what it wrote. `send` runs once per attempt.
 */
export async function retryWhileBusy<T>(send: () => Promise<T>, patience: Patience): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!(err instanceof ServerBusyError) || attempt >= BUSY_RETRIES) throw err;
      const wait = err.retryAfterMs ?? 1000 * 2 ** attempt;
      if (wait > patience.maxWaitMs) throw err;
      await patience.wait(wait);
    }
  }
}
