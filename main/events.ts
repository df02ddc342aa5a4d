import { apiEvents, type EventName, type EventPayload } from '../shared/api';

type Listener<N extends EventName> = (payload: EventPayload<N>) => void;
type AnyListener = (name: EventName, payload: unknown) => void;

/** Typed pushes from the core to whoever listens (Electron windows, browser-mode sockets). */
export class EventHub {
  private readonly listeners = new Set<AnyListener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const checked = apiEvents[name].parse(payload);
    for (const l of this.listeners) l(name, checked);
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
