import { apiEvents, type EventName, type EventPayload } from '../shared/api';

type Listener<N extends EventName> = (payload: EventPayload<N>) => void;
type AnyListener = (name: EventName, payload: unknown) => void;

/** Typed pushes from the core to whoever listens (Electron windows, browser-mode sockets). */
export class EventHub {
  private readonly listeners = new Set<AnyListener>();
  private readonly queue: [EventName, unknown][] = [];
  private delivering = false;

  /**
   * Every listener hears events in the order they were emitted: an event emitted by a listener
   * waits until the current one has reached everybody.
   */
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    this.queue.push([name, apiEvents[name].parse(payload)]);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        for (const l of this.listeners) l(next[0], next[1]);
      }
    } catch (err) {
      this.queue.length = 0;
      throw err;
    } finally {
      this.delivering = false;
    }
  }

  /** Every event, for transports that forward them all; returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<N extends EventName>(name: N, listener: Listener<N>): () => void {
    return this.onAny((n, p) => {
      if (n === name) listener(p as EventPayload<N>);
    });
  }
}
