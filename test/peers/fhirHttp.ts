import type { IncomingHttpHeaders } from 'node:http';
import { getStatus } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FhirRequest, FhirResponse, HttpMethod } from '@medplum/fhir-router';

/**
 * HTTP to Medplum's FhirRequest and its FhirResponse back to HTTP: what Medplum's server does
 * around the router, and no more. FHIR's meaning is the router's.
 */

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A search without `_count` gets a page of this many, as on Medplum's server and HAPI. */
export const DEFAULT_PAGE_SIZE = 20;

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The query as FhirRequest has it: a repeated key becomes an array. */
export function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

export function fhirRequest(method: HttpMethod, path: string, search: URLSearchParams, headers: IncomingHttpHeaders, body: unknown): FhirRequest {
  const query = search.size > 0 ? `?${search}` : '';
  // Without `transactions` the router runs a transaction bundle as a batch, entry by entry.
  return { method, url: `${path}${query}`, pathname: '', body, params: {}, query: parseQuery(search), headers, config: { transactions: true } };
}

export function json(status: number, payload: unknown, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { 'Content-Type': FHIR_JSON, ...headers }, body: Buffer.from(JSON.stringify(payload)) };
}

/**
 * The router's answer as HTTP: the outcome gives the status; the body is the resource, or the
 * outcome when there is none; a version gets its ETag and Last-Modified, a create its Location.
 */
export function httpAnswer([outcome, resource]: FhirResponse, base: string): HttpAnswer {
  const status = getStatus(outcome);
  const headers: Record<string, string> = {};
  const meta = resource?.resourceType === 'Bundle' ? undefined : resource?.meta;
  if (meta?.versionId) headers.ETag = `W/"${meta.versionId}"`;
  if (meta?.lastUpdated) headers['Last-Modified'] = new Date(meta.lastUpdated).toUTCString();
  if (status === 201 && resource?.id && meta?.versionId) {
    headers.Location = `${base}/${resource.resourceType}/${resource.id}/_history/${meta.versionId}`;
  }
  return json(status, resource ?? outcome, headers);
}

/** The search's page size: the client's `_count`, else the default (set on `search` so the links carry it). */
export function applyDefaultPageSize(search: URLSearchParams): void {
  if (!search.has('_count')) search.set('_count', String(DEFAULT_PAGE_SIZE));
}

/**
 * MemoryRepository pages with `_count` and `_offset` but links nothing: the links a server adds,
 * as absolute URLs on this server, so a client follows `next` as it would on HAPI.
 */
export function withPagingLinks(bundle: Bundle, pageUrl: string): Bundle {
  const url = new URL(pageUrl);
  const count = Number(url.searchParams.get('_count'));
  const offset = Number(url.searchParams.get('_offset') ?? 0);
  const link: NonNullable<Bundle['link']> = [{ relation: 'self', url: url.href }];
  if (count > 0 && bundle.total !== undefined && offset + count < bundle.total) {
    url.searchParams.set('_offset', String(offset + count));
    link.push({ relation: 'next', url: url.href });
  }
  return { ...bundle, link };
}

/**
 * A batch or transaction answered as the client preferred (`Prefer: return=minimal`, FHIR R4
 * http.html): each entry's response with the version written (ETag, Last-Modified, as HAPI gives
 * them), without the resource. Medplum's router always returns the resources.
 */
export function minimalEntries(bundle: Bundle): Bundle {
  return {
    ...bundle,
    entry: bundle.entry?.map(({ resource, ...entry }) => {
      const meta = resource?.resourceType === 'OperationOutcome' ? undefined : resource?.meta;
      return { ...entry, response: { ...entry.response!, ...(meta?.versionId ? { etag: `W/"${meta.versionId}"` } : {}), ...(meta?.lastUpdated ? { lastModified: meta.lastUpdated } : {}) } };
    }),
  };
}

export function isBundleResponse(resource: Resource | undefined): resource is Bundle {
  return resource?.resourceType === 'Bundle' && (resource.type === 'transaction-response' || resource.type === 'batch-response');
}

export function isSearchset(resource: Resource | undefined): resource is Bundle {
  return resource?.resourceType === 'Bundle' && resource.type === 'searchset';
}
