import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { Store } from '../store/store';
import { createLogger } from '../log';
import { AppError } from '../../shared/errors';
import { retryWhileBusy, type Patience } from './busyRetry';
import type { FhirClient } from './fhirClient';
import { canonical, contentOf } from './merge';

const log = createLogger('sync.pull');

/** The order records are applied in: a patient before what is his, a request before its appointment. */
export const PULLED_TYPES = ['Patient', 'Condition', 'EpisodeOfCare', 'Consent', 'CarePlan', 'ServiceRequest', 'Appointment', 'Communication'] as const;

export type ApplyOutcome = 'applied' | 'unchanged' | 'skipped' | 'pending-here';

export interface PullDeps extends Patience {
  store: Store;
  client: FhirClient;
  /** The studio's tag: what its workstations push carries it, and the Centro Servizi keeps it on what it books for the studio. */
  tag: { system: string; code: string };
  /** Writes the server's resource into the local record; 'pending-here' when the record has a change of ours still to send. */
  apply: (resource: Resource) => { outcome: ApplyOutcome; patientId: number | null };
  cursors: { get(): Record<string, string>; set(c: Record<string, string>): void };
}

export interface PullTally {
  pulled: number;
  unreadable: number;
  requests: number;
  patients: Set<number>;
}

/** As many as a server gives in a page (Medplum's cap): one that caps lower pages on with its next links. */
const PAGE = 1000;

/**
 * Pulls what changed since the cursor, type by type, with `_lastUpdated` searches (the system-level
 * `_history` is not offered everywhere). `ge` rather than `gt`, so a resource written in the same
 * instant as the cursor is not missed: versions already known are skipped.
 */
export class Puller {
  readonly tally: PullTally = { pulled: 0, unreadable: 0, requests: 0, patients: new Set() };

  constructor(private readonly d: PullDeps) {}

  async run(): Promise<PullTally> {
    const cursors = this.d.cursors.get();
    for (const type of PULLED_TYPES) {
      const since = cursors[type];
      let url: string | null = `${type}?_tag=${encodeURIComponent(`${this.d.tag.system}|${this.d.tag.code}`)}&_count=${PAGE}&_sort=_lastUpdated${since ? `&_lastUpdated=ge${encodeURIComponent(since)}` : ''}`;
      let newest = since ?? '';
      while (url) {
        const page = await this.page(url);
        if (page.resourceType !== 'Bundle') break;
        for (const entry of page.entry ?? []) {
          const r = entry.resource;
          if (!r || r.resourceType !== type || !r.id || !r.meta?.versionId) continue;
          try {
            this.take(r);
          } catch (err) {
            // One resource the app cannot read must not stop the others (nor the cursor, forever).
            if (!(err instanceof AppError)) throw err;
            this.tally.unreadable++;
            log.warn('pulled resource unreadable, skipped', { ref: `${r.resourceType}/${r.id}`, code: err.code, message: err.message });
          }
          if (r.meta.lastUpdated && r.meta.lastUpdated > newest) newest = r.meta.lastUpdated;
        }
        url = page.link?.find((l) => l.relation === 'next')?.url ?? null;
      }
      if (newest) {
        cursors[type] = newest;
        this.d.cursors.set(cursors);
      }
    }
    return this.tally;
  }

  /** A busy server is waited for here as in the push: the identical search again, inside the run. */
  private async page(url: string): Promise<Bundle> {
    const answer = await retryWhileBusy(() => {
      this.tally.requests++;
      return this.d.client.request<Bundle>('GET', url);
    }, this.d);
    return answer.body;
  }

  private take(r: Resource): void {
    const known = this.d.store.sync.known(r.resourceType, r.id!);
    if (known?.versionId === r.meta!.versionId) return;
    const { outcome, patientId } = this.d.apply(r);
    // Our own change still to send: the push's If-Match (against the version we knew) will meet this one and merge.
    if (outcome === 'pending-here' || outcome === 'skipped') {
      if (outcome === 'skipped') log.info('pulled resource not applied', { ref: `${r.resourceType}/${r.id}` });
      return;
    }
    this.d.store.sync.remember({ resourceType: r.resourceType, resourceId: r.id!, patientId, versionId: r.meta!.versionId!, content: canonical(contentOf(r)), lastUpdated: r.meta!.lastUpdated ?? null });
    if (outcome === 'applied') {
      this.tally.pulled++;
      if (patientId !== null) this.tally.patients.add(patientId);
    }
  }
}
