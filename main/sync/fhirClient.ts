import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { InsecureServerUrlError, ServerAuthError, ServerBusyError, ServerFailedError, ServerGarbageError, ServerRefusedError, ServerUnreachableError, SyncConflictError } from './errors';

export interface FhirClientOptions {
  baseUrl: string;
  token: string | null;
  /** Per request; a slow server is treated like an absent one after this. */
  timeoutMs?: number;
  /** The clock of Retry-After dates. */
  now?: () => Date;
}

export interface FhirAnswer<T = Resource> {
  status: number;
  body: T;
  etag: string | null;
  bytesSent: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** TLS for anything that leaves this computer. */
export function assertSecureUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InsecureServerUrlError(url);
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return parsed;
  throw new InsecureServerUrlError(url);
}

/** Seconds or an HTTP date (RFC 9110), in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** What an OperationOutcome says, for a person: each issue's text and where; a body that is none, as it came. */
export function outcomeText(body: unknown): string {
  const o = body as OperationOutcome | null;
  if (o?.resourceType !== 'OperationOutcome') return typeof body === 'string' ? body.slice(0, 300) : 'no OperationOutcome';
  return (o.issue ?? []).map((i) => [i.details?.text ?? i.diagnostics ?? i.code, i.expression?.join(', ')].filter(Boolean).join(' @ ')).join('; ') || 'no details';
}

/** A FHIR R4 REST client: every failure becomes one of the named errors of ./errors. */
export class FhirClient {
  readonly base: string;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: FhirClientOptions) {
    this.base = assertSecureUrl(options.baseUrl).href.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? (() => new Date());
  }

  async request<T extends Resource = Resource>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<FhirAnswer<T>> {
    const url = /^https?:/.test(path) ? path : `${this.base}/${path.replace(/^\//, '')}`;
    const text = body === undefined ? undefined : JSON.stringify(body);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        body: text,
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          accept: 'application/fhir+json',
          ...(text === undefined ? {} : { 'content-type': 'application/fhir+json' }),
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
          ...headers,
        },
      });
    } catch (err) {
      throw new ServerUnreachableError((err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).name);
    }
    let raw: string;
    try {
      raw = await response.text();
    } catch (err) {
      throw new ServerUnreachableError(`answer cut short: ${(err as Error).message}`);
    }
    let parsed: unknown = null;
    try {
      parsed = raw.length ? JSON.parse(raw) : null;
    } catch {
      parsed = raw;
    }
    const s = response.status;
    if (s === 429 || s === 503 || s === 504) throw new ServerBusyError(s, retryAfterMs(response.headers.get('retry-after'), this.now()));
    if (s === 401 || s === 403) throw new ServerAuthError(s);
    if (s === 409 || s === 412) throw new SyncConflictError(s, outcomeText(parsed));
    if (s >= 500) throw new ServerFailedError(s, outcomeText(parsed));
    if (s >= 400) throw new ServerRefusedError(s, outcomeText(parsed));
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Resource).resourceType !== 'string') {
      throw new ServerGarbageError(`HTTP ${s} ${method} ${path}: ${typeof parsed === 'string' ? 'not JSON' : 'not a FHIR resource'}`);
    }
    return { status: s, body: parsed as T, etag: response.headers.get('etag'), bytesSent: text ? Buffer.byteLength(text) : 0 };
  }

  /**
   * A transaction or batch; anything but its response bundle is garbage. `minimal`: the entries'
   * versions are enough, not the resources written (Prefer: return=minimal; a server that ignores
   * it sends them all the same).
   */
  async bundle(bundle: Bundle, options: { minimal?: boolean } = {}): Promise<FhirAnswer<Bundle>> {
    const answer = await this.request<Bundle>('POST', '', bundle, options.minimal ? { prefer: 'return=minimal' } : {});
    const expected = bundle.type === 'transaction' ? 'transaction-response' : 'batch-response';
    if (answer.body.resourceType !== 'Bundle' || answer.body.type !== expected || (answer.body.entry?.length ?? 0) !== (bundle.entry?.length ?? 0)) {
      throw new ServerGarbageError(`expected a ${expected} of ${bundle.entry?.length ?? 0} entries`);
    }
    return answer;
  }
}

/** The version an ETag or a `W/"3"` names. */
export function versionOf(etag: string | null | undefined): string | null {
  if (!etag) return null;
  const m = /^(?:W\/)?"([^"]+)"$/.exec(etag.trim());
  return m ? m[1]! : null;
}
