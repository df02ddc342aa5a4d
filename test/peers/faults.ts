/**
 * What can go wrong between the app and a Centro Servizi, one request at a time. Unless a fault
 * says otherwise the request is not processed: nothing is written.
 */
export type Fault =
  /** The connection is destroyed once the request has arrived, with no answer. */
  | { kind: 'drop' }
  | { kind: 'status500' }
  | { kind: 'status429'; retryAfterSeconds: number }
  | { kind: 'status503'; retryAfterSeconds: number }
  /**
   * The server refuses the content (a business rule of the Centro Servizi, an R4 check it makes
   * and we do not): 422 with an OperationOutcome naming why and, if given, where.
   */
  | { kind: 'status422'; text: string; expression?: string }
  /** A gateway gave up before the server saw the request. */
  | { kind: 'status504' }
  /**
   * The gateway gave up but the server finished the request (Lombardy's regional API documents
   * this): the request is processed, then answered 504. A retry is a new request.
   */
  | { kind: 'status504AfterProcessing' }
  /** 200 with a body that is not JSON (a proxy's error page), labelled as FHIR JSON. */
  | { kind: 'garbage' }
  /** 200 with JSON that is neither a Bundle nor any resource. */
  | { kind: 'garbageJson' }
  /** Processed and answered normally, after waiting `ms` first. */
  | { kind: 'slow'; ms: number }
  /** Processed; the answer's headers and half its body are sent, then the connection is destroyed. */
  | { kind: 'hangUpMidBody' };

export type FaultKind = Fault['kind'];

/** A request as faults see it: its path is the part after the base, without the query ('' for the base). */
export interface RequestLine {
  method: string;
  path: string;
  /** The body parsed as JSON (undefined when empty or not JSON): a fault can pick one bundle among those posted to the base. */
  body: unknown;
}

interface Queued {
  fault: Fault;
  remaining: number;
  matches: (request: RequestLine) => boolean;
}

/** Faults queued for coming requests, taken in the order they were queued. */
export class FaultPlan {
  private readonly queue: Queued[] = [];

  /** The next `times` requests (1 by default) that `matches` accepts (any, by default) meet `fault`. */
  inject(fault: Fault, options: { times?: number; matches?: (request: RequestLine) => boolean } = {}): this {
    this.queue.push({ fault, remaining: options.times ?? 1, matches: options.matches ?? (() => true) });
    return this;
  }

  /** How many requests are still to meet a fault. */
  get pending(): number {
    return this.queue.reduce((sum, q) => sum + q.remaining, 0);
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The fault this request meets, if any, used up. */
  take(request: RequestLine): Fault | null {
    const i = this.queue.findIndex((q) => q.matches(request));
    const queued = this.queue[i];
    if (!queued) return null;
    if (--queued.remaining === 0) this.queue.splice(i, 1);
    return queued.fault;
  }
}
