import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { badRequest, normalizeOperationOutcome, notFound, serverError, tooManyRequests, unauthorized } from '@medplum/core';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { FhirRepository, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { Fault, FaultPlan } from './faults';
import { applyDefaultPageSize, FHIR_JSON, fhirRequest, httpAnswer, isBundleResponse, isSearchset, json, minimalEntries, withPagingLinks, type HttpAnswer } from './fhirHttp';
import type { RequestLog } from './requestLog';

export const BASE_PATH = '/fhir';

/** What a request is served with: the peer's parts, as startCentroServizi assembled them. */
export interface PeerParts {
  /** Absolute base URL, e.g. http://127.0.0.1:8090/fhir. */
  base: string;
  token: string | null;
  router: FhirRouter;
  repo: FhirRepository;
  faults: FaultPlan;
  requests: RequestLog;
  /** How many times the peer went offline: a request that arrived before the last time dies with the server. */
  outages: number;
}

const outcome = (code: OperationOutcomeIssue['code'], text: string, expression?: string): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, details: { text }, ...(expression ? { expression: [expression] } : {}) }],
});

/** The answer of a fault that stops the request before the server sees it, or null if the request goes on. */
function answerInsteadOfProcessing(fault: Fault): HttpAnswer | null {
  switch (fault.kind) {
    case 'status500':
      return json(500, serverError(new Error('fault injected by the test')));
    case 'status429':
      return json(429, tooManyRequests, { 'Retry-After': String(fault.retryAfterSeconds) });
    case 'status503':
      return json(503, outcome('transient', 'Service Unavailable'), { 'Retry-After': String(fault.retryAfterSeconds) });
    case 'status504':
      return json(504, outcome('timeout', 'Gateway Timeout'));
    case 'status422':
      return json(422, outcome('business-rule', fault.text, fault.expression));
    case 'garbage':
      return { status: 200, headers: { 'Content-Type': FHIR_JSON }, body: Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>') };
    case 'garbageJson':
      return json(200, { status: 'queued', message: 'not a FHIR resource' });
    default:
      return null;
  }
}

/** The path after the base ('' for the base itself), or null for a path outside it. */
function pathAfterBase(pathname: string): string | null {
  if (pathname === BASE_PATH || pathname === `${BASE_PATH}/`) return '';
  return pathname.startsWith(`${BASE_PATH}/`) ? pathname.slice(BASE_PATH.length + 1) : null;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

function parseBody(body: Buffer): ParsedBody {
  if (body.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** The request as the FHIR server answers it: bearer token, then the router. */
async function answerAsFhirServer(peer: PeerParts, req: IncomingMessage, request: { method: HttpMethod; path: string; interaction: string | null }, search: URLSearchParams, parsed: ParsedBody): Promise<HttpAnswer> {
  const { method, path, interaction } = request;
  if (peer.token !== null && req.headers.authorization !== `Bearer ${peer.token}`) {
    return json(401, unauthorized, { 'WWW-Authenticate': 'Bearer' });
  }
  if (!parsed.ok) return json(400, badRequest('The body is not JSON'));
  const isSearch = method === 'GET' && (interaction === 'search-type' || interaction === 'search-system');
  if (isSearch) applyDefaultPageSize(search);
  const [result, resource] = await peer.router.handleRequest(fhirRequest(method, path, search, req.headers, parsed.value), peer.repo);
  const page = isSearch && isSearchset(resource) ? withPagingLinks(resource, `${peer.base}${path ? `/${path}` : ''}?${search}`) : resource;
  const minimal = /\breturn=minimal\b/.test(String(req.headers.prefer ?? '')) && isBundleResponse(page);
  return httpAnswer(page ? [result, minimal ? minimalEntries(page) : page] : [result], peer.base);
}

/** Writes the whole answer; returns the body bytes written. */
function send(res: ServerResponse, answer: HttpAnswer): number {
  if (res.destroyed) return 0;
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(answer.body.length) });
  res.end(answer.body);
  return answer.body.length;
}

/** Announces the whole answer, writes half of it, then cuts the connection. */
function sendHalf(res: ServerResponse, answer: HttpAnswer): number {
  if (res.destroyed) return 0;
  const half = answer.body.subarray(0, Math.floor(answer.body.length / 2));
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(answer.body.length) });
  res.write(half, () => res.destroy());
  return half.length;
}

/** Serves one HTTP request: faults first (they stand for the network and the gateway), then the FHIR server. */
export async function serveRequest(peer: PeerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrived = performance.now();
  const outages = peer.outages;
  // Going offline destroys sockets under answers still being written.
  res.on('error', () => undefined);
  const method = (req.method ?? 'GET') as HttpMethod;
  const target = new URL(req.url ?? '/', peer.base);
  const path = pathAfterBase(target.pathname);
  const entry = {
    method,
    path: path ?? target.pathname,
    interaction: path === null ? null : (peer.router.find(method, path)?.data?.interaction ?? null),
    fault: null as Fault['kind'] | null,
    bytesIn: 0,
    digest: null as string | null,
    bundle: null as string | null,
    entries: null as string[] | null,
  };
  const record = (status: number | null, bytesOut: number) =>
    peer.requests.record({ ...entry, status, bytesOut, arrivedAt: arrived, durationMs: performance.now() - arrived });
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch {
    record(null, 0);
    return;
  }
  entry.bytesIn = body.length;
  entry.digest = body.length ? createHash('sha256').update(body).digest('hex') : null;
  if (path === null) {
    record(404, send(res, json(404, notFound)));
    return;
  }
  const parsed = parseBody(body);
  const posted = parsed.ok ? (parsed.value as { resourceType?: unknown; type?: unknown; entry?: unknown } | undefined) : undefined;
  if (posted?.resourceType === 'Bundle' && typeof posted.type === 'string') {
    entry.bundle = posted.type;
    entry.entries = Array.isArray(posted.entry) ? posted.entry.map((e: { request?: { method?: string; url?: string } }) => `${e.request?.method ?? '?'} ${e.request?.url ?? '?'}`) : [];
  }
  const fault = peer.faults.take({ method, path, body: parsed.ok ? parsed.value : undefined });
  entry.fault = fault?.kind ?? null;
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    record(null, 0);
    return;
  }
  const instead = fault && answerInsteadOfProcessing(fault);
  if (instead) {
    record(instead.status, send(res, instead));
    return;
  }
  if (fault?.kind === 'slow') await delay(fault.ms);
  if (peer.outages !== outages) {
    record(null, 0);
    return;
  }
  let answer: HttpAnswer;
  try {
    answer = await answerAsFhirServer(peer, req, { method, path, interaction: entry.interaction }, target.searchParams, parsed);
  } catch (err) {
    answer = json(500, normalizeOperationOutcome(err));
  }
  if (fault?.kind === 'status504AfterProcessing') answer = json(504, outcome('timeout', 'Gateway Timeout'));
  record(answer.status, fault?.kind === 'hangUpMidBody' ? sendHalf(res, answer) : send(res, answer));
}
