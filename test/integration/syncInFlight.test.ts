import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { createSyncBridge } from '../../main/sync/bridge';
import { SyncEngine } from '../../main/sync/engine';
import { ids } from '../../main/sync/fhirIds';
import { refOf } from '../../main/sync/resources';
import { SyncSettings } from '../../main/sync/syncSettings';
import type { LoggedRequest } from '../peers/requestLog';
import { expectedOnPeer, latest, peerContents } from '../support/peerContents';
import { transactionWith } from '../support/requestMatchers';
import { queueEnrolledPatients } from '../support/syncQueue';
import { GESTORE_A, MMG_A, patientIds } from '../support/syncStudio';
import { syncWorldEachTest } from '../support/syncWorld';

/**
 * Two bundles under way at once (the next one read and sent while the server writes the one
 * before): what they share is written once, and a patient whose records need more than one
 * bundle still has them go in order.
 */

const START = '2026-03-02T08:00:00Z';
const world = syncWorldEachTest(START);

/** `patients` of the demo, each with his record, enrollment, consents, PAI and two bookings queued. */
function studio(patients: number): Core {
  const c = world.studio({ patients });
  queueEnrolledPatients(c.store, patientIds(c), { now: START, gestore: GESTORE_A.name, mmgCf: MMG_A.codiceFiscale });
  return c;
}

function engine(c: Core, maxEntries: number) {
  const settings = new SyncSettings(c.store.settings, { read: () => null, write: () => undefined }, 'test');
  const bridge = createSyncBridge(c.store, c.clock, settings);
  return { engine: new SyncEngine({ store: c.store, settings, bridge, clock: c.clock, maxEntries }), bridge };
}

/** Every transaction is answered `ms` late: long enough for the next bundle to arrive meanwhile, if it is sent. */
function slowTransactions(ms: number): void {
  world.peer.faults.inject({ kind: 'slow', ms }, { times: 1_000, matches: (r) => r.method === 'POST' && (r.body as Bundle | undefined)?.type === 'transaction' });
}

const transactions = () => world.peer.requests.entries.filter((r) => r.bundle === 'transaction').sort((a, b) => a.arrivedAt - b.arrivedAt);
const endOf = (r: LoggedRequest) => r.arrivedAt + r.durationMs;
const together = (a: LoggedRequest, b: LoggedRequest) => a.arrivedAt < endOf(b) && b.arrivedAt < endOf(a);

/** The most requests of `requests` under way at one instant. */
function mostAtOnce(requests: LoggedRequest[]): number {
  const events = requests.flatMap((r) => [[r.arrivedAt, 1] as const, [endOf(r), -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of events) most = Math.max(most, (now += d));
  return most;
}

/** The peer holds what the studio built, each resource in one version: nothing written twice. */
async function expectOnPeerOnce(expected: Map<string, string>): Promise<void> {
  const contents = await peerContents(world.peer);
  expect(latest(contents)).toEqual(expected);
  expect([...contents].filter(([, versions]) => versions.length !== 1).map(([ref]) => ref)).toEqual([]);
}

describe('bundles under way together', () => {
  it('sends the next bundle while the server writes the one before, two at most, and writes what they share (the MMG, the Gestore, a provider) once', async () => {
    const c = studio(12);
    const { engine: e, bridge } = engine(c, 50);
    const expected = expectedOnPeer(c.store, bridge.build);
    slowTransactions(150);
    // Each commit of the sync makes the UI's connection read its pages again: the answers of a batch are written together.
    let commits = 0;
    const transaction = c.store.transaction.bind(c.store);
    c.store.transaction = (work) => (commits++, transaction(work));

    const r = await e.runOnce();
    expect(r).toMatchObject({ error: null, pending: 0, needsAttention: 0, conflicts: 0 });
    const sent = transactions();
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(mostAtOnce(sent)).toBe(2);
    // One batch of queued items: the claims' answers and the bundles' in one commit, not one a bundle.
    expect(c.store.outbox.due(1_000)).toEqual([]);
    expect(commits).toBe(1);
    await expectOnPeerOnce(expected);
  });

  it('prepares the next read of the outbox (its items built, its episodes claimed) while bundles of the one before still wait to be sent', async () => {
    // More items than one read of the outbox takes (400): 70 patients, seven items each.
    const c = studio(70);
    const { engine: e, bridge } = engine(c, 50);
    const expected = expectedOnPeer(c.store, bridge.build);
    const rows = c.store.outbox.due(1_000);
    expect(rows.length).toBeGreaterThan(400);
    const laterRead = new Set(rows.slice(400).map((r) => r.patientId));
    // The resources of the patients whose items are all in the first read.
    const firstReadOnly = new Set<string>();
    bridge.build(rows).forEach((resources, k) => {
      if (k < 400 && !laterRead.has(rows[k]!.patientId)) for (const r of resources ?? []) if (r.resourceType === 'Patient') firstReadOnly.add(refOf(r));
    });
    slowTransactions(150);

    expect(await e.runOnce()).toMatchObject({ error: null, pending: 0, needsAttention: 0, conflicts: 0 });
    const claims = world.peer.requests.entries.filter((r) => r.bundle === 'batch' && r.entries!.every((entry) => entry.startsWith('GET EpisodeOfCare/') && !entry.endsWith('/_history')));
    // Each read's claims go before its own bundles; the later read's came before the first read's last bundles.
    const lastClaim = claims.sort((a, b) => a.arrivedAt - b.arrivedAt).at(-1)!;
    const firstReadAfter = transactions().filter((t) => t.arrivedAt > lastClaim.arrivedAt && t.entries!.some((entry) => firstReadOnly.has(entry.split(' ')[1]!)));
    expect(firstReadAfter.length).toBeGreaterThan(0);
    await expectOnPeerOnce(expected);
  });

  it("claims no episode in a later read for a patient whose item of the read before is held for a person", async () => {
    const c = studio(70);
    const { engine: e } = engine(c, 50);
    // A patient among the last of the first read (400 items) has his enrollment edited again: its
    // item goes to the end of the queue, in the second read.
    const p = c.store.outbox.due(1_000)[390]!.patientId;
    const enrollment = c.store.enrollments.current(p)!;
    c.store.outbox.enqueue('enrollment', enrollment.id, p);
    const rows = c.store.outbox.due(1_000);
    expect(rows.findIndex((r) => r.patientId === p && r.kind === 'enrollment')).toBeGreaterThanOrEqual(400);
    expect(rows.slice(0, 400).some((r) => r.patientId === p)).toBe(true);
    // The server refuses his records: his first item is held, and the ones after it with it.
    const cf = c.store.patients.get(p).codiceFiscale;
    world.peer.faults.inject({ kind: 'status422', text: 'Codice fiscale non valido', expression: 'Patient.identifier[0]' }, { matches: (r) => transactionWith(r, `Patient/${ids.patient(cf)}`), times: 100 });
    slowTransactions(150);

    expect(await e.runOnce()).toMatchObject({ error: null, needsAttention: 1 });
    const episode = ids.episode(cf, Number(START.slice(0, 4)));
    await expect(world.peer.repo.readResource('EpisodeOfCare', episode)).rejects.toThrow();
    expect(c.store.outbox.due(1_000)).toEqual([]);
    expect(c.store.outbox.held().filter((r) => r.patientId === p)).toHaveLength(1);
    expect(world.peer.requests.entries.some((r) => r.entries?.some((entry) => entry.includes(episode)))).toBe(false);
  });

  it("keeps a patient's items in order when they need more than one bundle: his next one waits for the answer to the one before", async () => {
    const c = studio(4);
    const { engine: e, bridge } = engine(c, 8);
    // Each resource's patient, from what his items build; the MMG, the Gestore and the provider are everybody's.
    const owners = new Map<string, Set<number>>();
    const rows = c.store.outbox.due(1_000);
    bridge.build(rows).forEach((resources, k) => {
      for (const res of resources ?? []) owners.set(refOf(res), (owners.get(refOf(res)) ?? new Set()).add(rows[k]!.patientId));
    });
    const patientOf = (entry: string) => {
      const set = owners.get(entry.split(' ')[1]!);
      return set?.size === 1 ? [...set][0]! : null;
    };
    slowTransactions(60);

    expect(await e.runOnce()).toMatchObject({ error: null, pending: 0, needsAttention: 0, conflicts: 0 });
    const sent = transactions();
    for (const p of patientIds(c)) {
      const his = sent.filter((t) => t.entries!.some((entry) => patientOf(entry) === p));
      expect(his.length).toBeGreaterThanOrEqual(2);
      his.slice(1).forEach((t, k) => expect({ p, after: t.arrivedAt >= endOf(his[k]!) }).toEqual({ p, after: true }));
    }
    // Other patients' bundles still went while his were answered.
    expect(sent.some((a, k) => sent.slice(k + 1).some((b) => together(a, b)))).toBe(true);
  });
});
