import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { WithId } from './common';

/**
 * A PUT of the resource at its client-derived id: creates it the first time, updates it after,
 * so a resend never duplicates. With the version the workstation last saw, the server refuses
 * the update (412) if someone changed the resource since. The fullUrl is the id as a urn:uuid:
 * the ids are UUIDs, and the server's base is the sync's business, not the mapping's.
 */
export function bundleEntryFor<R extends Resource>(resource: WithId<R>, ifMatchVersion?: string): BundleEntry<R> {
  const url = `${resource.resourceType}/${resource.id}`;
  return {
    fullUrl: `urn:uuid:${resource.id}`,
    resource,
    request: { method: 'PUT', url, ...(ifMatchVersion === undefined ? {} : { ifMatch: `W/"${ifMatchVersion}"` }) },
  };
}

/** One transaction: the server applies all its entries or none. */
export function transactionBundle(entries: BundleEntry[]): Bundle {
  return { resourceType: 'Bundle', type: 'transaction', ...(entries.length === 0 ? {} : { entry: entries }) };
}
