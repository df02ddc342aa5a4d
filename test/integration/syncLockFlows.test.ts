import type { EpisodeOfCare } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { ids } from '../../main/sync/fhirIds';
import { GESTORE_A, GESTORE_B, MMG_A, MMG_B, patientIds, registerWithoutCards, type StudioOptions } from '../support/syncStudio';
import { syncWorldEachTest } from '../support/syncWorld';
import { tempDir } from '../support/tempDir';

const START = '2026-03-02T08:00:00Z';
const TODAY = '2026-03-02';
const world = syncWorldEachTest(START);

function open(o: Partial<StudioOptions> = {}): Core {
  const c = world.studio({ patients: 4, seed: 7, ...o });
  return c;
}

const cfOf = (c: Core, id: number) => c.store.patients.get(id).codiceFiscale;
const stateOf = (c: Core, id: number) => c.store.enrollments.current(id)!.snapshot;

describe('the lock as the studio sees it: the check before the cards, two studios at once, a transfer', () => {
  it('says before the cards are used that another Gestore holds the patient, and never overwrites his lock', async () => {
    const c = open();
    const [p] = patientIds(c) as [number];
    const cf = cfOf(c, p);
    expect(await c.services.sync.checkPatient(p)).toMatchObject({ state: 'free' });
    await world.peer.holdPatient({ codiceFiscale: cf, year: 2026, gestore: GESTORE_B });
    expect(await c.services.sync.checkPatient(p)).toEqual({ state: 'elsewhere', gestore: GESTORE_B.name, message: expect.stringContaining(GESTORE_B.name) });

    // Registered anyway (offline at the desk): the first push finds the other Gestore's lock.
    registerWithoutCards(c, p, TODAY);
    const told: unknown[] = [];
    c.events.on('enrollments.changed', (e) => told.push(e));
    const before = await world.peer.repo.readResource<EpisodeOfCare>('EpisodeOfCare', ids.episode(cf, 2026));
    expect((await c.services.sync.run()).error).toBeNull();
    expect(stateOf(c, p)).toMatchObject({ state: 'locked_elsewhere', otherGestore: GESTORE_B.name });
    // An open Arruolamento page hears of it.
    expect(told.length).toBeGreaterThan(0);
    const after = await world.peer.repo.readResource<EpisodeOfCare>('EpisodeOfCare', ids.episode(cf, 2026));
    expect(after.meta?.versionId).toBe(before.meta?.versionId);
    expect(await world.peer.count('EpisodeOfCare')).toBe(1);
    expect(c.store.audit.forEntity('patient', p).map((a) => a.action)).toContain('enrollment.claim-refused');
  });

  it('answers offline when the server does not, and the registration is still allowed', async () => {
    const c = open();
    await world.peer.goOffline();
    expect(await c.services.sync.checkPatient(patientIds(c)[0]!)).toMatchObject({ state: 'offline' });
  });

  it('two studios registering the same patient at the same moment: exactly one wins, the other sees it, no duplicate', async () => {
    const a = open({ gestore: GESTORE_A, mmg: MMG_A });
    const b = open({ gestore: GESTORE_B, mmg: MMG_B, dataDir: tempDir('pic-sync-b-') });
    // The same demo seed gives both studios the same patients.
    const cfs = patientIds(a).map((id) => cfOf(a, id));
    expect(patientIds(b).map((id) => cfOf(b, id))).toEqual(cfs);
    for (const id of patientIds(a)) registerWithoutCards(a, id, TODAY);
    for (const id of patientIds(b)) registerWithoutCards(b, id, TODAY);

    await Promise.all([a.services.sync.run(), b.services.sync.run()]);

    for (const [k, cf] of cfs.entries()) {
      const ep = await world.peer.repo.readResource<EpisodeOfCare>('EpisodeOfCare', ids.episode(cf, 2026));
      const winner = ep.managingOrganization?.display;
      const [sa, sb] = [stateOf(a, patientIds(a)[k]!), stateOf(b, patientIds(b)[k]!)];
      const states = [sa.state, sb.state].sort();
      expect(states, cf).toEqual(['locked_elsewhere', 'registered']);
      const loser = sa.state === 'locked_elsewhere' ? sa : sb;
      expect(loser.otherGestore).toBe(winner);
      expect(winner).toBe(sa.state === 'registered' ? GESTORE_A.name : GESTORE_B.name);
    }
    expect(await world.peer.count('EpisodeOfCare')).toBe(cfs.length);
    expect(await world.peer.count('Patient')).toBe(new Set(cfs).size + 0);

    // Each studio's next sync keeps it so: the winner's later pushes go, the loser sends nothing over the lock.
    await Promise.all([a.services.sync.run(), b.services.sync.run()]);
    for (const cf of cfs) {
      const ep = await world.peer.repo.readResource<EpisodeOfCare>('EpisodeOfCare', ids.episode(cf, 2026));
      expect([GESTORE_A.name, GESTORE_B.name]).toContain(ep.managingOrganization?.display);
    }
  });

  it('follows the Centro Servizi when it moves an enrolled patient to another Gestore', async () => {
    const c = open();
    const [p] = patientIds(c) as [number];
    registerWithoutCards(c, p, TODAY, true);
    await c.services.sync.run();
    const id = ids.episode(cfOf(c, p), 2026);
    const ep = await world.peer.repo.readResource<EpisodeOfCare>('EpisodeOfCare', id);
    await world.peer.repo.updateResource<EpisodeOfCare>({ ...ep, managingOrganization: { reference: `Organization/${ids.gestore(GESTORE_B.code)}`, display: GESTORE_B.name } });
    world.now = new Date('2026-04-01T08:00:00Z');
    expect((await c.services.sync.run()).error).toBeNull();
    expect(stateOf(c, p)).toMatchObject({ state: 'transferred', otherGestore: GESTORE_B.name });
    // The studio's copy follows; it writes nothing back over the new Gestore's.
    const after = await world.peer.repo.readResource<EpisodeOfCare>('EpisodeOfCare', id);
    expect(after.managingOrganization?.display).toBe(GESTORE_B.name);
  });
});

