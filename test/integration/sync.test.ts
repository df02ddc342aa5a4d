import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { ids } from '../../main/sync/fhirIds';
import { SyncStateSchema } from '../../main/sync/syncState';
import { patientIds, registerWithoutCards } from '../support/syncStudio';
import { syncWorldEachTest } from '../support/syncWorld';

const START = '2026-03-02T08:00:00Z';
const world = syncWorldEachTest(START);

function studio(patients = 3): Core {
  const c = world.studio({ patients });
  return c;
}

const cfOf = (c: Core, id: number) => c.store.patients.get(id).codiceFiscale;

describe('the sync with the Centro Servizi', () => {
  it('keeps what is recorded offline, and sends it once when the server is back', async () => {
    const c = studio();
    const [p1, p2] = patientIds(c) as [number, number];
    // The demo's walk-ins brought their letters: those wait too.
    const seeded = c.services.sync.status().pendingTotal;
    registerWithoutCards(c, p1, '2026-03-02');
    registerWithoutCards(c, p2, '2026-03-02');
    await world.peer.goOffline();
    const offline = await c.services.sync.run();
    expect(offline).toMatchObject({ pushed: 0, pending: seeded + 2, error: { code: 'sync-offline' } });
    expect(c.services.sync.status()).toMatchObject({ online: false, pendingTotal: seeded + 2, lastSuccessAt: null });

    await world.peer.goOnline();
    const online = await c.services.sync.run();
    expect(online).toMatchObject({ pushed: seeded + 2, pending: 0, error: null });
    expect(c.services.sync.status()).toMatchObject({ online: true, pendingTotal: 0, lastSuccessAt: expect.any(String) });
    expect(await world.peer.count('EpisodeOfCare')).toBe(2);
    expect(await world.peer.count('Patient')).toBe(new Set([p1, p2, ...c.store.database.sqlite.prepare('SELECT patient_id FROM letters WHERE received_at IS NOT NULL').pluck().all()]).size);
    const ep = await world.peer.repo.readResource('EpisodeOfCare', ids.episode(cfOf(c, p1), 2026));
    expect(ep).toMatchObject({ status: 'waitlist', managingOrganization: { display: 'Cooperativa Medici Milano Centro' } });

    const again = await c.services.sync.run();
    expect(again).toMatchObject({ pushed: 0, pending: 0, error: null });
    expect(await world.peer.count('EpisodeOfCare')).toBe(2);
  });

  it('asks for the versions it wrote, not the resources back, and sends the next edit over the version it was told', async () => {
    const c = studio();
    const [p1] = patientIds(c) as [number];
    registerWithoutCards(c, p1, '2026-03-02');
    expect(await c.services.sync.run()).toMatchObject({ pending: 0, error: null });
    const transactions = world.peer.requests.entries.filter((r) => r.bundle === 'transaction');
    expect(transactions.length).toBeGreaterThan(0);
    // Without the preference, each answer holds every resource written: as much as was sent.
    expect(transactions.reduce((n, r) => n + r.bytesOut, 0) * 2).toBeLessThan(transactions.reduce((n, r) => n + r.bytesIn, 0));

    const asked = world.peer.requests.count();
    c.services.patients.updateContacts(p1, { phone: '02 7654321', mobile: null, email: null, preferredCallTime: null }, null);
    expect(await c.services.sync.run()).toMatchObject({ pushed: 1, conflicts: 0, pending: 0, error: null });
    // Nothing read back before the edit: the version was known.
    expect(world.peer.requests.entries.slice(asked).filter((r) => r.bundle === 'batch')).toEqual([]);
    const stored = await world.peer.repo.readResource('Patient', ids.patient(cfOf(c, p1)));
    expect(stored.meta?.versionId).toBe((await world.peer.repo.readHistory('Patient', stored.id!)).entry?.[0]?.resource?.meta?.versionId);
    expect((await world.peer.repo.readHistory('Patient', stored.id!)).entry).toHaveLength(2);
  });

  it('skips a pulled resource it cannot read, and still takes the others', async () => {
    const c = studio();
    const [p] = patientIds(c) as [number];
    registerWithoutCards(c, p, '2026-03-02');
    await c.services.sync.run();
    const tag = { system: 'https://pic-studio.it/fhir/studio', code: c.store.operators.list()[0]!.codiceFiscale };
    // An appointment of the studio's tag that names no patient, no code, nothing the studio can book.
    await world.peer.repo.createResource({ resourceType: 'Appointment', meta: { tag: [tag] }, status: 'proposed', participant: [{ status: 'accepted', actor: { display: 'Sala 2' } }] });
    const r = await c.services.sync.run();
    expect(r.error).toBeNull();
    expect(c.services.sync.status().lastError).toBeNull();
    // The cursor went past it: the next run does not stumble on it again.
    expect(c.store.settings.get('sync.state', SyncStateSchema)?.cursors.Appointment).toEqual(expect.any(String));
  });

  it('sends a long queue in transactions of no more entries than the server takes, none refused', async () => {
    const c = studio(40);
    for (const id of patientIds(c)) registerWithoutCards(c, id, '2026-03-02', true);
    const sizes: number[] = [];
    // Sees every bundle posted to the base, and never fires.
    world.peer.faults.inject({ kind: 'drop' }, { matches: (r) => (r.method === 'POST' && (r.body as Bundle).type === 'transaction' && sizes.push((r.body as Bundle).entry?.length ?? 0), false) });
    const r = await c.services.sync.run();
    expect(r).toMatchObject({ error: null, pending: 0, needsAttention: 0 });
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    expect(world.peer.requests.count((q) => (q.status ?? 0) >= 400 && q.status !== 404)).toBe(0);
    expect(await world.peer.count('EpisodeOfCare')).toBe(40);
    expect(await world.peer.count('Patient')).toBe(40);
  });
});
