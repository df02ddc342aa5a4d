import { parseSearchRequest } from '@medplum/core';
import type { Core } from '../../main/core';
import type { OutboxRow } from '../../main/store/outbox';
import type { Store } from '../../main/store/store';
import type { SyncBridge } from '../../main/sync/engine';
import { canonical, contentOf } from '../../main/sync/merge';
import { refOf } from '../../main/sync/resources';
import type { CentroServizi } from '../peers/centroServizi';

/** Every type the studio writes to the Centro Servizi. */
const WRITTEN_TYPES = ['Practitioner', 'Organization', 'Patient', 'Condition', 'EpisodeOfCare', 'Consent', 'CarePlan', 'ServiceRequest', 'Appointment', 'Communication'] as const;

/** Each resource on the peer, `Type/id`, with its versions' contents oldest first. */
export async function peerContents(peer: CentroServizi): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const type of WRITTEN_TYPES) {
    const page = await peer.repo.search(parseSearchRequest(`${type}?_count=100000`));
    for (const e of page.entry ?? []) {
      const r = e.resource!;
      const history = await peer.repo.readHistory(type, r.id!);
      out.set(refOf(r), (history.entry ?? []).map((h) => canonical(contentOf(h.resource!))).reverse());
    }
  }
  return out;
}

/**
 * What the outbox of `store` should leave on the Centro Servizi once sent: each item's resources
 * as built now (the last build of a resource wins, as the pusher sends it), by `Type/id`; only
 * the items `keep` picks, when given.
 */
export function expectedOnPeer(store: Store, build: SyncBridge['build'], keep: (row: OutboxRow) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  for (const resources of build(store.outbox.due(100_000).filter(keep))) {
    for (const r of resources ?? []) out.set(refOf(r), canonical(contentOf(r)));
  }
  return out;
}

/** Whether every resource on the peer kept one content through all its versions (a repeated write, never a different one). */
export function sameContentEveryVersion(contents: Map<string, string[]>): boolean {
  return [...contents.values()].every((versions) => versions.every((v) => v === versions[0]));
}

/** Each resource's current content. */
export const latest = (contents: Map<string, string[]>): Map<string, string> => new Map([...contents].map(([ref, v]) => [ref, v.at(-1)!]));

/** The studio's items still queued or held, by status. */
export const outboxLeft = (c: Core): Record<string, number> =>
  Object.fromEntries(c.store.outbox.counts().reduce((m, r) => m.set(r.status, (m.get(r.status) ?? 0) + r.n), new Map<string, number>()));
