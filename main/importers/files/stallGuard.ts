/**
 * A watchdog for a reader that may stop answering without failing (a library waiting for an
 * event that never comes). Iterating `watch(source)` fails with the `onStall` error when a step
 * waits `ms` without `touch()` being called, or at once with the error given to `fail()`. Only
 * the waits for the source count: the time the consumer takes between steps does not.
 */
export class StallGuard {
  private failure: Error | null = null;
  private rejectPending: ((err: Error) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly onStall: () => Error,
  ) {}

  /** Something moved (bytes read): the current wait starts over. */
  touch(): void {
    this.timer?.refresh();
  }

  /** The reader failed where it cannot tell its consumer: the current and any later step fail with `err`. */
  fail(err: Error): void {
    this.failure ??= err;
    this.rejectPending?.(this.failure);
  }

  async *watch<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await this.step(iterator.next());
        if (next.done) return;
        yield next.value;
      }
    } finally {
      // After a stall or a failure the sources (one nested in another) would not answer return() either.
      if (!this.failure) await iterator.return?.();
    }
  }

  private step<T>(pending: Promise<T>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(this.onStall()), this.ms);
      this.timer = timer;
      this.rejectPending = reject;
      // Cleared before the consumer resumes: by then its next step may have armed its own timer.
      const settle = () => {
        clearTimeout(timer);
        this.timer = null;
        this.rejectPending = null;
      };
      pending.then(
        (value) => {
          settle();
          resolve(value);
        },
        (err: unknown) => {
          settle();
          reject(err);
        },
      );
    });
  }
}
