import type { FaultKind } from './faults';

export interface LoggedRequest {
  method: string;
  /** After the base, without the query: 'Patient/123', '' for a transaction. */
  path: string;
  /** The router's name for what was asked ('batch' for a transaction or batch, 'search-type', 'update'…); null if it matches no route. */
  interaction: string | null;
  /** null when the connection was dropped without an answer. */
  status: number | null;
  /** Request body bytes received. */
  bytesIn: number;
  /** SHA-256 of the request body (hex), null without one: two requests with one digest sent the same bytes. */
  digest: string | null;
  /** The type of a Bundle posted ('transaction', 'batch'), null for anything else: the interaction does not tell them apart. */
  bundle: string | null;
  /** A posted Bundle's entries, each as its request's method and url ('PUT Patient/…'); null for anything else. */
  entries: string[] | null;
  /** Response body bytes written. */
  bytesOut: number;
  fault: FaultKind | null;
  /** When the request arrived, in milliseconds on the peer's clock (performance.now()): with durationMs, which requests were under way together. */
  arrivedAt: number;
  /** Milliseconds from the request's arrival to its answer. */
  durationMs: number;
}

export type RequestFilter = Partial<Pick<LoggedRequest, 'method' | 'interaction' | 'status' | 'fault' | 'bundle'>> | ((r: LoggedRequest) => boolean);

function matcher(filter: RequestFilter | undefined): (r: LoggedRequest) => boolean {
  if (!filter) return () => true;
  if (typeof filter === 'function') return filter;
  const wanted = Object.entries(filter) as [keyof LoggedRequest, unknown][];
  return (r) => wanted.every(([key, value]) => r[key] === value);
}

/** Every request the peer received, in the order they were answered. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  count(filter?: RequestFilter): number {
    return this.entries.filter(matcher(filter)).length;
  }

  bytesIn(filter?: RequestFilter): number {
    return this.entries.filter(matcher(filter)).reduce((sum, r) => sum + r.bytesIn, 0);
  }

  bytesOut(filter?: RequestFilter): number {
    return this.entries.filter(matcher(filter)).reduce((sum, r) => sum + r.bytesOut, 0);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
