import type { Bundle, BundleEntry, EpisodeOfCare, Resource } from '@medplum/fhirtypes';
import { createLogger } from '../log';
import type { KnownResource } from '../store/syncStore';
import { ServerFailedError, ServerRefusedError, SyncConflictError } from './errors';
import { outcomeText, type FhirClient } from './fhirClient';
import { canonical, contentOf } from './merge';
import { batchRead, entryStatus, refOf } from './resources';

const log = createLogger('sync.claim');

export type ClaimOutcome = { kind: 'ours' } | { kind: 'elsewhere'; gestore: string } | { kind: 'refused'; why: string };

export interface ClaimDeps {
  /** What the server said of our episodes: the push records it with the answers of its batch. */
  learn: (known: KnownResource) => void;
  client: FhirClient;
  /** `Organization/<id>` of our Gestore: an EpisodeOfCare managed by another one is his lock. */
  ourGestore: string;
  /** One request as the push makes them: repeated while the server is busy, counted, a stop of the run wrapped. */
  exchange: <T extends { bytesSent: number }>(send: () => Promise<T>) => Promise<T>;
}

const HOLDING = new Set(['planned', 'waitlist', 'active', 'onhold']);
const OTHER_GESTORE = 'un altro Gestore';

/**
 * The lock: a new enrollment's EpisodeOfCare is written only where the server has none, or has
 * one nobody holds. If two studios create it at once, the first version in the server's history
 * wins; the other puts the winner's copy back (If-Match on its own version) and is locked elsewhere.
 *
 * A bundle's episodes are claimed together: one batch reads them, one creates those the server
 * lacks, one reads back their histories (three requests, not three per patient). A take-over of
 * a free episode, and whatever a batch the server refuses as a whole held, go one by one.
 */
export class EpisodeClaims {
  /** What the server answered of our episodes, written here once the bundle's claims are done. */
  private readonly learnt: Resource[] = [];

  constructor(private readonly d: ClaimDeps) {}

  async claim(episodes: EpisodeOfCare[]): Promise<ClaimOutcome[]> {
    try {
      return await this.together(episodes);
    } catch (err) {
      if (!(err instanceof ServerRefusedError)) throw err;
      // One episode the server will not take spoils the batch: alone, each gets its own answer.
      const outcomes: ClaimOutcome[] = [];
      for (const ep of episodes) outcomes.push(await this.refusable(() => this.alone(ep, 0)));
      return outcomes;
    } finally {
      // Even when the run stops halfway: what the server said stays true.
      for (const r of this.learnt.splice(0)) {
        if (r.meta?.versionId) this.d.learn({ resourceType: r.resourceType, resourceId: r.id!, patientId: null, versionId: r.meta.versionId, content: canonical(contentOf(r)), lastUpdated: r.meta.lastUpdated ?? null });
      }
    }
  }

  private async together(episodes: EpisodeOfCare[]): Promise<ClaimOutcome[]> {
    const outcomes: ClaimOutcome[] = [];
    const read = await this.d.exchange(() => this.d.client.bundle(batchRead(episodes.map(refOf))));
    const absent: EpisodeOfCare[] = [];
    for (const [k, ep] of episodes.entries()) {
      const entry = read.body.entry?.[k];
      const status = entryStatus(entry);
      if (status === 404 || status === 410) absent.push(ep);
      else outcomes[k] = await this.refusable(() => this.existing(ep, answered<EpisodeOfCare>(entry), 0));
    }
    if (absent.length === 0) return outcomes;
    const created = await this.d.exchange(() => this.d.client.bundle({ resourceType: 'Bundle', type: 'batch', entry: absent.map((ep) => ({ resource: ep, request: { method: 'PUT', url: refOf(ep) } })) }));
    const made: { ep: EpisodeOfCare; mine: EpisodeOfCare }[] = [];
    for (const [j, ep] of absent.entries()) {
      const entry = created.body.entry?.[j];
      const status = entryStatus(entry);
      // A server with a unique constraint on the id (HAPI) refuses the second of two creates at once: read again and decide.
      if (status === 409 || status === 412) outcomes[episodes.indexOf(ep)] = await this.refusable(() => this.alone(ep, 1));
      else if (status >= 400 && status < 500) outcomes[episodes.indexOf(ep)] = { kind: 'refused', why: outcomeText(entry?.response?.outcome) };
      else made.push({ ep, mine: answered<EpisodeOfCare>(entry) });
    }
    if (made.length === 0) return outcomes;
    const histories = await this.d.exchange(() => this.d.client.bundle(batchRead(made.map(({ ep }) => `${refOf(ep)}/_history`))));
    for (const [j, { ep, mine }] of made.entries()) {
      outcomes[episodes.indexOf(ep)] = await this.afterCreating(ep, mine, answered<Bundle<EpisodeOfCare>>(histories.body.entry?.[j]));
    }
    return outcomes;
  }

  /** One episode by itself: read, then taken over or created. */
  private async alone(ep: EpisodeOfCare, tries: number): Promise<ClaimOutcome> {
    const ref = refOf(ep);
    const current = await this.readOrNull<EpisodeOfCare>(ref);
    if (current) return this.existing(ep, current, tries);
    let created: EpisodeOfCare;
    try {
      created = (await this.d.exchange(() => this.d.client.request<EpisodeOfCare>('PUT', ref, ep))).body;
    } catch (err) {
      // As in the batch: the other create of the same id won the server's unique constraint.
      if (err instanceof SyncConflictError && tries < 3) return this.alone(ep, tries + 1);
      throw err;
    }
    const history = await this.d.exchange(() => this.d.client.request<Bundle<EpisodeOfCare>>('GET', `${ref}/_history`));
    return this.afterCreating(ep, created, history.body);
  }

  /** The server has one: ours, another Gestore's lock, or free to take over on its version. */
  private async existing(ep: EpisodeOfCare, current: EpisodeOfCare, tries: number): Promise<ClaimOutcome> {
    if (current.managingOrganization?.reference === this.d.ourGestore) {
      this.learnt.push(current);
      return { kind: 'ours' };
    }
    if (HOLDING.has(current.status)) return { kind: 'elsewhere', gestore: current.managingOrganization?.display ?? OTHER_GESTORE };
    try {
      const written = await this.d.exchange(() => this.d.client.request<EpisodeOfCare>('PUT', refOf(ep), ep, { 'if-match': `W/"${current.meta?.versionId}"` }));
      this.learnt.push(written.body);
      return { kind: 'ours' };
    } catch (err) {
      if (err instanceof SyncConflictError && tries < 3) return this.alone(ep, tries + 1);
      throw err;
    }
  }

  /** Ours is in: if the first version that holds the patient is another's, ours is put back to it. */
  private async afterCreating(ep: EpisodeOfCare, mine: EpisodeOfCare, history: Bundle<EpisodeOfCare>): Promise<ClaimOutcome> {
    const versions = (history.entry ?? []).map((e) => e.resource).filter((r): r is EpisodeOfCare => !!r).reverse();
    const myVersion = mine.meta?.versionId;
    const first = versions.find((v) => HOLDING.has(v.status));
    if (!first || first.meta?.versionId === myVersion || first.managingOrganization?.reference === this.d.ourGestore) {
      this.learnt.push(mine);
      return { kind: 'ours' };
    }
    const overwritten = versions[versions.findIndex((v) => v.meta?.versionId === myVersion) - 1];
    if (overwritten) {
      log.warn('episode created by another Gestore at the same moment: putting its copy back', { ref: refOf(ep), gestore: first.managingOrganization?.display });
      try {
        await this.d.exchange(() => this.d.client.request('PUT', refOf(ep), { ...contentOf(overwritten), id: ep.id }, { 'if-match': `W/"${myVersion}"` }));
      } catch (err) {
        if (!(err instanceof SyncConflictError)) throw err;
      }
    }
    return { kind: 'elsewhere', gestore: first.managingOrganization?.display ?? OTHER_GESTORE };
  }

  /** The server refuses this episode: a person looks at why; the other claims go on. */
  private async refusable(claim: () => Promise<ClaimOutcome>): Promise<ClaimOutcome> {
    try {
      return await claim();
    } catch (err) {
      if (err instanceof ServerRefusedError) return { kind: 'refused', why: err.outcome };
      throw err;
    }
  }

  private async readOrNull<T extends Resource>(ref: string): Promise<T | null> {
    try {
      return (await this.d.exchange(() => this.d.client.request<T>('GET', ref))).body;
    } catch (err) {
      if (err instanceof ServerRefusedError && (err.status === 404 || err.status === 410)) return null;
      throw err;
    }
  }
}

/** A batch entry's resource; an entry that failed otherwise than by refusal is the server failing. */
function answered<T extends Resource>(entry: BundleEntry | undefined): T {
  const status = entryStatus(entry);
  if (status >= 200 && status < 300 && entry?.resource) return entry.resource as T;
  throw new ServerFailedError(status, outcomeText(entry?.response?.outcome));
}
