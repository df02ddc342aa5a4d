import type { EpisodeOfCare, Resource } from '@medplum/fhirtypes';
import type { OutboxRow } from '../store/outbox';
import type { Store } from '../store/store';
import type { KnownResource } from '../store/syncStore';
import { createLogger } from '../log';
import { AppError } from '../../shared/errors';
import { retryWhileBusy, type Patience } from './busyRetry';
import { EpisodeClaims, type ClaimOutcome } from './claims';
import { ServerRefusedError, SyncConflictError } from './errors';
import { versionOf, type FhirClient } from './fhirClient';
import { canonical, contentOf, mergeResources } from './merge';
import { packByPatient } from './packing';
import { SendQueue } from './sendQueue';
import { batchRead, entryStatus, putEntry, refOf, transaction } from './resources';

const log = createLogger('sync.push');

/** The resources each outbox item sends, built from its record as it is now; null when the record is gone. */
export type ResourceBuilder = (rows: readonly OutboxRow[]) => (Resource[] | null)[];

export interface PushDeps extends Patience {
  store: Store;
  client: FhirClient;
  build: ResourceBuilder;
  /** `Organization/<id>` of our Gestore: an EpisodeOfCare managed by another one is his lock. */
  ourGestore: string;
  /** The server gave the patient to another Gestore: the local enrollment says so (its own transaction). */
  lockedElsewhere: (row: OutboxRow, gestoreName: string) => void;
  /** A merge took the server's side of some elements: the local record follows. */
  applyMerged: (resource: Resource) => void;
  now: () => Date;
  /** The most entries the server takes in one transaction. */
  maxEntries: number;
}

export interface PushTally {
  pushed: number;
  conflicts: number;
  needsAttention: number;
  lockedElsewhere: number;
  /** Patients whose local records the push changed (locked elsewhere, a merge that took the server's side). */
  patients: Set<number>;
  requests: number;
  bytesSent: number;
}

interface Item {
  row: OutboxRow;
  resources: Resource[];
}

/** Resources whose id only this workstation can make (a booking's random uid, a call's instant): nobody else can have written them. */
const OWN_IDS = new Set(['ServiceRequest', 'Appointment']);
/** Outbox items read (and built, and claimed) at a time. */
const ROWS_PER_READ = 400;
/**
 * The server's answers for this many items are written in one commit (and the rest when the run
 * ends), not one a bundle: each commit makes the UI's connection read (and decrypt) its pages
 * again. Commits of 2,000 cost the worker no less than five of 400, and the pending count in the
 * status bar moves more often.
 */
const ITEMS_PER_COMMIT = 400;
/** Bundles under way at once: the next one is read back while the server writes the one before. */
const IN_FLIGHT = 2;
/** Bundles prepared and not yet taken by a lane before the next read waits: enough that a lane always finds one. */
const BUNDLES_AHEAD = 4;

/** Ends the run: the server cannot be talked to now. The items keep their place. */
export class PushStopped extends Error {
  constructor(readonly reason: AppError) {
    super(reason.message);
  }
}

/**
 * Sends the outbox: the new enrollments' EpisodeOfCare claimed first (the server's copy decides
 * who holds the patient), then per bundle of whole patients (packByPatient, within the server's
 * limit of entries) one transaction of PUTs to client-derived ids, each with If-Match once the
 * server's version is known, so a repeated send (after a crash, a lost answer, a 504) changes nothing.
 */
export class Pusher {
  readonly tally: PushTally = { pushed: 0, conflicts: 0, needsAttention: 0, lockedElsewhere: 0, patients: new Set(), requests: 0, bytesSent: 0 };

  private readonly claims: EpisodeClaims;

  constructor(private readonly d: PushDeps) {
    this.claims = new EpisodeClaims({ learn: (k) => this.learn(k), client: d.client, ourGestore: d.ourGestore, exchange: (send) => this.exchange(send) });
  }

  async run(): Promise<PushTally> {
    try {
      await this.pipeline();
      return this.tally;
    } finally {
      // Even when the run stops halfway: what the server took stays taken.
      this.record();
    }
  }

  /**
   * The outbox read ROWS_PER_READ items at a time; each read's items built, their new episodes
   * claimed (the server's copy decides who holds the patient), then packed by what each still has
   * to send: whole patients per bundle. IN_FLIGHT lanes send the bundles while the next read is
   * prepared, so the server is never left waiting for this side's work; a patient split between
   * bundles (or reads) has each wait for the answer to the one before. A run stopped in one place
   * starts nothing more.
   */
  private async pipeline(): Promise<void> {
    const queue = new SendQueue<Item[]>(BUNDLES_AHEAD);
    const failures: unknown[] = [];
    const lane = async () => {
      for (;;) {
        const next = failures.length ? null : await queue.take();
        if (!next) return;
        try {
          const live = this.unsettled(next.value);
          if (failures.length === 0 && live.length) await this.push(live, 0);
          if (this.answered.items.length >= ITEMS_PER_COMMIT) this.record();
        } catch (err) {
          failures.push(err);
          queue.abandon();
        } finally {
          next.answered();
        }
      }
    };
    const lanes = Array.from({ length: IN_FLIGHT }, lane);
    try {
      let after = 0;
      let carried: Item[] = [];
      for (;;) {
        await queue.hasRoom();
        if (failures.length) break;
        const rows = this.d.store.outbox.due(ROWS_PER_READ, after);
        if (rows.length === 0 && carried.length === 0) break;
        if (rows.length) after = rows.at(-1)!.id;
        const read = [...carried, ...this.built(rows)];
        // A patient's items go in order: his episode is claimed once his bundles put before are
        // answered, and not at all if one of them was held for a person. Until then his items wait
        // for the next read (or, at the end, for those answers), and the others go on.
        const claiming = new Set(read.filter((i) => this.newEpisodes(i).length > 0).map((i) => i.row.patientId));
        const busy = new Set([...claiming].filter((p) => queue.busy(p)));
        if (rows.length === 0) {
          await queue.answeredFor(busy);
          busy.clear();
        }
        carried = read.filter((i) => busy.has(i.row.patientId));
        const items = this.unsettled(read.filter((i) => !busy.has(i.row.patientId)));
        await this.claimEpisodes(items);
        for (const bundle of this.packed(this.unsettled(items))) queue.put(bundle, bundle.map((i) => i.row.patientId));
      }
    } catch (err) {
      failures.push(err);
      queue.abandon();
    } finally {
      queue.close();
      await Promise.all(lanes);
    }
    if (failures.length) throw failures[0];
  }

  /** Whole patients per bundle, by what each item still has to send once the claims are known. */
  private packed(items: Item[]): Item[][] {
    // A patient's items share his resources (and everybody's the MMG): each is looked up once.
    const stillToSend = new Map<Resource, boolean>();
    const needsSending = (r: Resource) => {
      let needs = stillToSend.get(r);
      if (needs === undefined) stillToSend.set(r, (needs = this.toSend(r) !== null));
      return needs;
    };
    return packByPatient(items, this.d.maxEntries, (i) => i.row.patientId, (i) => i.resources.filter(needsSending).map(refOf));
  }

  /**
   * What the server answered, not yet written: the versions it gave, and the items it took.
   * Written (record()) once ITEMS_PER_COMMIT items wait, in one transaction, and when the run
   * ends. Until then the push reads them here; should the process die first, the items are sent
   * again, and the server's copies, read back, are ours.
   */
  private readonly answered = { versions: new Map<string, KnownResource>(), items: [] as number[] };

  private learn(k: KnownResource): void {
    this.answered.versions.set(`${k.resourceType}/${k.resourceId}`, k);
  }

  private knownOf(r: Resource): KnownResource | null {
    return this.answered.versions.get(refOf(r)) ?? this.d.store.sync.known(r.resourceType, r.id!);
  }

  private hasKnown(r: Resource): boolean {
    return this.answered.versions.has(refOf(r)) || this.d.store.sync.has(r.resourceType, r.id!);
  }

  private record(): void {
    const { versions, items } = this.answered;
    if (versions.size === 0 && items.length === 0) return;
    this.d.store.transaction(() => {
      for (const k of versions.values()) this.d.store.sync.remember(k);
      for (const id of items) this.d.store.outbox.done(id);
    });
    versions.clear();
    items.length = 0;
  }

  /** Each row's resources as its record is now; a row whose record is gone has nothing left to send. */
  private built(rows: OutboxRow[]): Item[] {
    const items: Item[] = [];
    this.d.build(rows).forEach((resources, k) => {
      const row = rows[k]!;
      if (resources === null) this.d.store.outbox.done(row.id);
      else items.push({ row, resources });
    });
    return items;
  }

  /** Canonical content of each resource built, computed once: packing and pushing both compare it. */
  private readonly contents = new WeakMap<Resource, string>();

  private content(r: Resource): string {
    let content = this.contents.get(r);
    if (content === undefined) this.contents.set(r, (content = canonical(contentOf(r))));
    return content;
  }

  /** What `r` still needs: null when the server has its content (as far as this workstation knows), else the version it goes over (null: none known). */
  private toSend(r: Resource): { ifMatch: string | null } | null {
    const known = this.knownOf(r);
    if (known && known.content === this.content(r)) return null;
    return { ifMatch: known?.versionId ?? null };
  }

  /** Rows settled during this run (sent, locked elsewhere, held): not sent again. */
  private readonly settled = new Set<number>();
  /** A patient's items go in order: after one is held, his later ones wait with it. */
  private readonly heldPatients = new Set<number>();

  private unsettled(items: Item[]): Item[] {
    return items.filter((i) => !this.settled.has(i.row.id) && !this.heldPatients.has(i.row.patientId));
  }

  private async push(items: Item[], depth: number): Promise<void> {
    const byRef = new Map<string, Resource>();
    for (const i of items) for (const r of i.resources) byRef.set(refOf(r), r);
    await this.afterOthersSending([...byRef.keys()]);
    try {
      await this.learnUnknown(items, byRef);
    } catch (err) {
      // The server refused even to read them back: the records that named them wait for a person.
      if (err instanceof ServerRefusedError) return this.isolate(this.unsettled(items), err, depth);
      throw err;
    }
    await this.afterOthersSending([...byRef.keys()]);
    const live = this.unsettled(items);
    const sends = [...byRef.values()].flatMap((r) => {
      const needs = this.toSend(r);
      return needs ? [{ r, ifMatch: needs.ifMatch }] : [];
    });
    if (sends.length === 0) {
      this.finish(live, []);
      return;
    }
    const entries = sends.map((e) => e.r);
    const bundle = transaction(sends.map((e) => putEntry(e.r, e.ifMatch)));
    try {
      // What was written is ours: only its versions need coming back.
      const answer = await this.whileSending(entries.map(refOf), () => this.exchange(() => this.d.client.bundle(bundle, { minimal: true })));
      this.finish(live, entries.map((r, k) => {
        const entry = answer.body.entry?.[k];
        return { resource: r, version: versionOf(entry?.response?.etag) ?? entry?.resource?.meta?.versionId ?? null, lastUpdated: entry?.response?.lastModified ?? entry?.resource?.meta?.lastUpdated ?? null };
      }));
    } catch (err) {
      if (err instanceof SyncConflictError && depth < 3) {
        await this.refetchAndMerge(live, entries);
        await this.push(this.unsettled(live), depth + 1);
      } else if (err instanceof ServerRefusedError || (err instanceof SyncConflictError && depth >= 3)) {
        await this.isolate(live, err, depth);
      } else {
        throw err;
      }
    }
  }

  /** Resources in a transaction under way, with its answer: a bundle that names one too sends after it, over its version (or nothing, when it is the same). */
  private readonly sending = new Map<string, Promise<unknown>>();

  private async afterOthersSending(refs: readonly string[]): Promise<void> {
    for (;;) {
      const under = refs.flatMap((r) => this.sending.get(r) ?? []);
      if (under.length === 0) return;
      await Promise.allSettled(under);
    }
  }

  private async whileSending<T>(refs: readonly string[], send: () => Promise<T>): Promise<T> {
    const sent = send();
    for (const r of refs) this.sending.set(r, sent);
    try {
      return await sent;
    } finally {
      for (const r of refs) if (this.sending.get(r) === sent) this.sending.delete(r);
    }
  }

  /** One bad record must not hold the others: the chunk is split until the refused item is alone. */
  private async isolate(items: Item[], err: ServerRefusedError | SyncConflictError, depth: number): Promise<void> {
    const patients = [...new Set(items.map((i) => i.row.patientId))];
    if (patients.length > 1) {
      for (const p of patients) await this.push(items.filter((i) => i.row.patientId === p), depth);
    } else if (items.length > 1) {
      for (const i of items) if (this.unsettled([i]).length) await this.push([i], depth);
    } else {
      this.holdFor(items[0]!.row, 'attention', err.outcome);
    }
  }

  private holdFor(row: OutboxRow, status: 'attention' | 'conflict', why: string): void {
    this.d.store.outbox.hold(row.id, status, why);
    this.settled.add(row.id);
    this.heldPatients.add(row.patientId);
    if (status === 'attention') this.tally.needsAttention++;
    else this.tally.conflicts++;
    log.warn('outbox item held for a person', { uid: row.uid, kind: row.kind, status, why });
  }

  private finish(items: Item[], written: { resource: Resource; version: string | null; lastUpdated: string | null }[]): void {
    const owners = new Map<string, number>();
    for (const i of items) for (const r of i.resources) if (!owners.has(refOf(r))) owners.set(refOf(r), i.row.patientId);
    for (const w of written) {
      if (!w.version) continue;
      this.learn({ resourceType: w.resource.resourceType, resourceId: w.resource.id!, patientId: owners.get(refOf(w.resource)) ?? null, versionId: w.version, content: this.content(w.resource), lastUpdated: w.lastUpdated });
    }
    for (const i of items) {
      this.answered.items.push(i.row.id);
      this.settled.add(i.row.id);
    }
    this.tally.pushed += items.length;
  }

  /**
   * Resources never seen here that someone else could have written (same patient, another
   * workstation or studio): read first, so that a first write never overwrites a copy we did not see.
   */
  private async learnUnknown(items: Item[], byRef: Map<string, Resource>): Promise<void> {
    const unknown = [...byRef.values()].filter((r) => !OWN_IDS.has(r.resourceType) && !this.hasKnown(r));
    if (unknown.length === 0) return;
    const answer = await this.exchange(() => this.d.client.bundle(batchRead(unknown.map(refOf))));
    unknown.forEach((ours, k) => {
      const entry = answer.body.entry?.[k];
      if (entryStatus(entry) !== 200 || !entry?.resource) return;
      this.reconcile(items, byRef, ours, entry.resource, null);
    });
  }

  /** A stale If-Match: the server's copies are read again and merged with ours against what we last agreed on. */
  private async refetchAndMerge(items: Item[], sent: Resource[]): Promise<void> {
    const answer = await this.exchange(() => this.d.client.bundle(batchRead(sent.map(refOf))));
    const byRef = new Map(sent.map((r) => [refOf(r), r]));
    sent.forEach((ours, k) => {
      const entry = answer.body.entry?.[k];
      if (entryStatus(entry) !== 200 || !entry?.resource) return;
      const known = this.knownOf(ours);
      if (known?.versionId === entry.resource.meta?.versionId) return;
      this.reconcile(items, byRef, ours, entry.resource, known ? (JSON.parse(known.content) as Resource) : null);
    });
    for (const i of items) i.resources = i.resources.map((r) => byRef.get(refOf(r)) ?? r);
  }

  private reconcile(items: Item[], byRef: Map<string, Resource>, ours: Resource, theirs: Resource, base: Resource | null): void {
    const owner = items.find((i) => i.resources.some((r) => refOf(r) === refOf(ours)));
    const version = theirs.meta?.versionId;
    if (!owner || !version) return;
    const merged = mergeResources(base, ours, theirs);
    if (merged.kind === 'conflict') {
      this.d.store.transaction(() => {
        this.d.store.sync.addConflict({ outboxUid: owner.row.uid, patientId: owner.row.patientId, resourceType: ours.resourceType, resourceId: ours.id!, local: canonical(contentOf(ours)), server: canonical(contentOf(theirs)), serverVersion: version });
        this.holdFor(owner.row, 'conflict', `changed on both sides: ${merged.fields.join(', ')}`);
      });
      // The record in conflict waits for a person; the rest of his stays out of the bundle, but not
      // what another patient's item carries too (the MMG, the Gestore).
      const carried = new Set(this.unsettled(items).flatMap((i) => i.resources.map(refOf)));
      for (const r of owner.resources) if (!carried.has(refOf(r))) byRef.delete(refOf(r));
      byRef.delete(refOf(ours));
      return;
    }
    this.learn({ resourceType: ours.resourceType, resourceId: ours.id!, patientId: owner.row.patientId, versionId: version, content: canonical(contentOf(theirs)), lastUpdated: theirs.meta?.lastUpdated ?? null });
    byRef.set(refOf(ours), { ...merged.resource, id: ours.id } as Resource);
    if (merged.theirsChanged) {
      this.d.applyMerged(merged.resource);
      this.tally.patients.add(owner.row.patientId);
    }
  }

  /** The item's episodes the server has not told us of: to be claimed. */
  private newEpisodes(item: Item): EpisodeOfCare[] {
    return item.resources.filter((r): r is EpisodeOfCare => r.resourceType === 'EpisodeOfCare' && !this.hasKnown(r));
  }

  /** The new episodes claimed together (EpisodeClaims), as many at a time as a bundle takes: a patient held elsewhere or refused goes no further. */
  private async claimEpisodes(items: Item[]): Promise<void> {
    const claims = items.flatMap((item) => this.newEpisodes(item).map((ep) => ({ item, ep })));
    for (let start = 0; start < claims.length; start += this.d.maxEntries) {
      const chunk = claims.slice(start, start + this.d.maxEntries);
      const outcomes = await this.claims.claim(chunk.map((c) => c.ep));
      chunk.forEach(({ item }, k) => this.settleClaim(item, outcomes[k]!));
    }
  }

  private settleClaim(item: Item, outcome: ClaimOutcome): void {
    if (outcome.kind === 'ours' || this.settled.has(item.row.id)) return;
    if (outcome.kind === 'refused') {
      this.holdFor(item.row, 'attention', outcome.why);
      return;
    }
    this.d.lockedElsewhere(item.row, outcome.gestore);
    this.d.store.outbox.done(item.row.id);
    this.settled.add(item.row.id);
    this.tally.lockedElsewhere++;
    this.tally.patients.add(item.row.patientId);
  }

  /** One request, repeated while the server is busy (retryWhileBusy); anything that ends the run is wrapped in PushStopped. */
  private async exchange<T extends { bytesSent: number }>(send: () => Promise<T>): Promise<T> {
    try {
      const answer = await retryWhileBusy(() => {
        this.tally.requests++;
        return send();
      }, this.d);
      this.tally.bytesSent += answer.bytesSent;
      return answer;
    } catch (err) {
      if (err instanceof ServerRefusedError || err instanceof SyncConflictError) throw err;
      throw new PushStopped(err instanceof AppError ? err : new AppError('internal', (err as Error).message, 'Errore interno durante la sincronizzazione.'));
    }
  }
}
