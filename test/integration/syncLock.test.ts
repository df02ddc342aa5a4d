import type { EpisodeOfCare } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { createSyncBridge } from '../../main/sync/bridge';
import { SyncEngine } from '../../main/sync/engine';
import { ids } from '../../main/sync/fhirIds';
import { canonical, contentOf } from '../../main/sync/merge';
import { SyncSettings } from '../../main/sync/syncSettings';
import { writesEpisode } from '../support/requestMatchers';
import { GESTORE_A, GESTORE_B, MMG_B, patientIds, registerWithoutCards } from '../support/syncStudio';
import { syncWorldEachTest } from '../support/syncWorld';

/**
 * The regional lock on a patient, as the push claims it on the Centro Servizi: the server's
 * EpisodeOfCare of the year decides which Gestore holds him.
 */

const START = '2026-03-02T08:00:00Z';
const world = syncWorldEachTest(START);

/**
 * A studio of `gestore` with the demo's three patients, all registered today: their enrollments
 * are all it has queued (the demo's letters are left out, a patient's record written by two
 * studios being another matter).
 */
function studio(gestore = GESTORE_A, mmg?: typeof MMG_B): Core {
  const c = world.studio({ patients: 3, gestore, mmg });
  c.store.database.sqlite.prepare("DELETE FROM outbox WHERE kind = 'letter'").run();
  for (const id of patientIds(c)) registerWithoutCards(c, id, '2026-03-02');
  return c;
}

function engineOf(c: Core): SyncEngine {
  const settings = new SyncSettings(c.store.settings, { read: () => null, write: () => undefined }, 'test');
  return new SyncEngine({ store: c.store, settings, bridge: createSyncBridge(c.store, c.clock, settings), clock: c.clock, wait: async () => undefined });
}

const episodeId = (c: Core, patientId: number) => ids.episode(c.store.patients.get(patientId).codiceFiscale, 2026);
const stateOf = (c: Core, patientId: number) => c.store.database.sqlite.prepare('SELECT state FROM enrollments WHERE patient_id = ?').pluck().get(patientId);
const versions = async (id: string) => (await world.peer.repo.readHistory<EpisodeOfCare>('EpisodeOfCare', id)).entry!.map((e) => e.resource!).reverse();

describe('the claim of a patient on the Centro Servizi', () => {
  it('another Gestore holds him: locked elsewhere here, his episode left as it is, the other patients sent', async () => {
    const c = studio();
    const [held, ...others] = patientIds(c) as [number, ...number[]];
    await world.peer.holdPatient({ codiceFiscale: c.store.patients.get(held).codiceFiscale, year: 2026, gestore: GESTORE_B });
    const before = await versions(episodeId(c, held));

    const r = await engineOf(c).runOnce();
    expect(r).toMatchObject({ error: null, lockedElsewhere: 1, pending: 0, conflicts: 0, needsAttention: 0 });
    expect(stateOf(c, held)).toBe('locked_elsewhere');
    expect(await versions(episodeId(c, held))).toEqual(before);
    for (const p of others) expect((await versions(episodeId(c, p))).map((e) => e.managingOrganization?.display)).toEqual([GESTORE_A.name]);
  });

  it('an episode of the year that nobody holds any more (finished elsewhere): taken over on its version', async () => {
    const c = studio();
    const [p] = patientIds(c) as [number];
    const id = episodeId(c, p);
    const cf = c.store.patients.get(p).codiceFiscale;
    await world.peer.holdPatient({ codiceFiscale: cf, year: 2026, gestore: GESTORE_B });
    // Only the episode: the other Gestore's copy of his record would be a merge of its own.
    await world.peer.repo.deleteResource('Patient', ids.patient(cf));
    const theirs = (await versions(id))[0]!;
    await world.peer.repo.updateResource<EpisodeOfCare>({ ...theirs, status: 'finished' });

    const r = await engineOf(c).runOnce();
    expect(r).toMatchObject({ error: null, lockedElsewhere: 0, pending: 0, conflicts: 0, needsAttention: 0 });
    expect(stateOf(c, p)).toBe('registered');
    const history = await versions(id);
    expect(history.map((e) => [e.status, e.managingOrganization?.display])).toEqual([
      ['active', GESTORE_B.name],
      ['finished', GESTORE_B.name],
      ['waitlist', GESTORE_A.name],
    ]);
  });

  it("our own Gestore's episode, written by another workstation: ours, and not written again", async () => {
    const first = studio();
    expect((await engineOf(first).runOnce()).error).toBeNull();
    const [p] = patientIds(first) as [number];
    const id = episodeId(first, p);
    const second = studio();
    const r = await engineOf(second).runOnce();
    expect(r).toMatchObject({ error: null, lockedElsewhere: 0, pending: 0 });
    expect(await versions(id)).toHaveLength(1);
    expect(second.store.sync.known('EpisodeOfCare', id)?.versionId).toBe((await versions(id))[0]!.meta?.versionId);
  });

  it('two Gestori creating the same episode at the same moment: the first version wins; the other puts it back and is locked elsewhere', async () => {
    const a = studio(GESTORE_A);
    const b = studio(GESTORE_B, MMG_B);
    const ps = patientIds(a);
    // Both read "none" before either writes: their creations are held until both have asked.
    world.peer.faults.inject({ kind: 'slow', ms: 300 }, { times: 2, matches: (r) => writesEpisode(r) });
    const [ra, rb] = await Promise.all([engineOf(a).runOnce(), engineOf(b).runOnce()]);
    expect([ra.error, rb.error]).toEqual([null, null]);
    expect(ra.lockedElsewhere + rb.lockedElsewhere).toBe(ps.length);
    expect([ra.pending, rb.pending, ra.conflicts, rb.conflicts]).toEqual([0, 0, 0, 0]);

    for (const p of ps) {
      const history = await versions(episodeId(a, p));
      const winner = history[0]!.managingOrganization?.display;
      const [won, lost] = winner === GESTORE_A.name ? [a, b] : [b, a];
      expect(stateOf(won, p)).toBe('registered');
      expect(stateOf(lost, p)).toBe('locked_elsewhere');
      // Where the loser's write went in, it is undone: the current copy is the first one's content again.
      expect(canonical(contentOf(history.at(-1)!))).toBe(canonical(contentOf(history[0]!)));
    }
    // Every creation crossed: each episode has the winner's version, the loser's, and the winner's put back.
    for (const p of ps) expect(await versions(episodeId(a, p))).toHaveLength(3);
  });
});
