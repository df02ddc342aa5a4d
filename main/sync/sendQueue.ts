/**
 * Bundles ready to send, between the push that prepares them (reads the outbox, builds, claims,
 * packs) and the lanes that send them: the next ones are prepared while the server writes the
 * ones before. A bundle that names a patient of an earlier one is taken only once that one is
 * answered, so each patient's items still go in order. The preparing side waits while `ahead`
 * bundles are ready and not taken.
 */
export class SendQueue<T> {
  private readonly ready: { value: T; after: Promise<unknown>[]; done: () => void }[] = [];
  private readonly takers: (() => void)[] = [];
  private readonly room: (() => void)[] = [];
  /** Each patient's last bundle put, until it is answered. */
  private readonly lastOf = new Map<number, Promise<void>>();
  private closed = false;

  constructor(private readonly ahead: number) {}

  put(value: T, patients: Iterable<number>): void {
    let done!: () => void;
    const answered = new Promise<void>((resolve) => (done = resolve));
    const after: Promise<unknown>[] = [];
    for (const p of new Set(patients)) {
      const before = this.lastOf.get(p);
      if (before) after.push(before);
      this.lastOf.set(p, answered);
      void answered.then(() => this.lastOf.get(p) === answered && this.lastOf.delete(p));
    }
    this.ready.push({ value, after, done });
    this.takers.shift()?.();
  }

  /** Whether a bundle put that names the patient is still to be answered. */
  busy(patient: number): boolean {
    return this.lastOf.has(patient);
  }

  /** Resolves once every bundle put so far that names one of `patients` is answered. */
  async answeredFor(patients: Iterable<number>): Promise<void> {
    await Promise.all([...new Set(patients)].flatMap((p) => this.lastOf.get(p) ?? []));
  }

  /** Resolves once fewer than `ahead` bundles wait, or the queue is closed. */
  async hasRoom(): Promise<void> {
    while (!this.closed && this.ready.length >= this.ahead) await new Promise<void>((resolve) => this.room.push(resolve));
  }

  /**
   * The next bundle once its patients' earlier bundles are answered, with the call that says it
   * is answered (sent, or given up); null once the queue is closed and empty.
   */
  async take(): Promise<{ value: T; answered: () => void } | null> {
    while (this.ready.length === 0) {
      if (this.closed) return null;
      await new Promise<void>((resolve) => this.takers.push(resolve));
    }
    const next = this.ready.shift()!;
    this.room.shift()?.();
    await Promise.all(next.after);
    return { value: next.value, answered: next.done };
  }

  /** Nothing more will be put: the lanes take what is left, then end. */
  close(): void {
    this.closed = true;
    for (const wake of this.takers.splice(0)) wake();
    for (const wake of this.room.splice(0)) wake();
  }

  /** The run stopped: what waits is not sent, and nobody waits for its answer any longer. */
  abandon(): void {
    for (const left of this.ready.splice(0)) left.done();
    this.close();
  }
}
