import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

/** `Type/id`: how a resource is named in the push's bookkeeping and in references. */
export const refOf = (r: Pick<Resource, 'resourceType' | 'id'>): string => `${r.resourceType}/${r.id}`;

export function transaction(entries: BundleEntry[]): Bundle {
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

export function batchRead(refs: string[]): Bundle {
  return { resourceType: 'Bundle', type: 'batch', entry: refs.map((url) => ({ request: { method: 'GET', url } })) };
}

export function putEntry(resource: Resource, version: string | null): BundleEntry {
  return { resource, request: { method: 'PUT', url: refOf(resource), ...(version ? { ifMatch: `W/"${version}"` } : {}) } };
}

/** The status code of a bundle entry's response ("201 Created" → 201). */
export function entryStatus(entry: BundleEntry | undefined): number {
  return Number.parseInt(entry?.response?.status ?? '', 10) || 0;
}
