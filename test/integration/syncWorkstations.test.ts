import { describe, expect, it } from 'vitest';
import type { Appointment } from '@medplum/fhirtypes';
import type { Core } from '../../main/core';
import { ids } from '../../main/sync/fhirIds';
import type { BookingView } from '../../shared/contract/bookings';
import type { DueItem, PaiView } from '../../shared/contract/pai';
import { PATHOLOGIES } from '../../shared/domain/pathology';
import { valueAsPage } from '../support/pageCalls';
import { asMmg, patientIds, registerWithoutCards } from '../support/syncStudio';
import { syncWorldEachTest } from '../support/syncWorld';
import { tempDir } from '../support/tempDir';

const START = '2026-03-02T08:00:00Z';
const TODAY = '2026-03-02';
const world = syncWorldEachTest(START);

function workstation(patients: number): Core {
  const c = world.studio({ patients, seed: 7, dataDir: tempDir('pic-ws-') });
  return c;
}

const value = <T>(c: Core, name: string, input: unknown) => valueAsPage<T>(c, name, input, asMmg(c));

/** What the MMG keeps of a patient's clinical picture: his chronic level and pathologies, in code order. */
const clinical = (c: Core, id: number) => {
  const r = c.store.patients.get(id);
  return { chronicLevel: r.chronicLevel, pathologies: r.pathologies.map((d) => ({ code: d.code, confirmed: d.confirmed })).sort((x, y) => x.code - y.code) };
};

/** An enrolled patient with an active PAI and one booked exam, recorded on this workstation. */
async function planned(c: Core, patientId: number): Promise<BookingView> {
  registerWithoutCards(c, patientId, TODAY, true);
  const draft = await value<PaiView>(c, 'pai.create', { patientId, templates: ['diabete-2'] });
  await value(c, 'pai.update', { id: draft.id, changes: { plan: { lifestyle: [{ area: 'attivita_fisica', goal: 'Camminare 30 minuti al giorno' }] } } });
  await value(c, 'pai.activate', { id: draft.id });
  const due = (await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 60 })).items.find((i) => i.patientId === patientId)!;
  const requested = await value<BookingView>(c, 'bookings.request', { occurrenceId: due.id });
  const provider = (await value<{ providers: { code: string }[] }>(c, 'providers.list', {})).providers[0]!.code;
  return value<BookingView>(c, 'bookings.move', { id: requested.id, move: { type: 'book', date: '2026-03-20', time: '08:30', place: 'Punto prelievi', providerCode: provider } });
}

const byCf = (c: Core, cf: string) => c.store.patients.idByCodiceFiscale(cf);

describe('two workstations of one studio, and what the Centro Servizi books', () => {
  it('converge on patients, enrollments, PAI and bookings through the Centro Servizi', async () => {
    const a = workstation(3);
    const b = workstation(0);
    const p = patientIds(a)[0]!;
    const cf = a.store.patients.get(p).codiceFiscale;
    const booked = await planned(a, p);
    expect((await a.services.sync.run()).error).toBeNull();

    const pulled = await b.services.sync.run();
    expect(pulled.error).toBeNull();
    const q = byCf(b, cf)!;
    expect(q).not.toBeNull();
    expect(b.store.patients.get(q)).toMatchObject({ surname: a.store.patients.get(p).surname, birthDate: a.store.patients.get(p).birthDate });
    expect(clinical(a, p).pathologies.length).toBeGreaterThan(0);
    expect(clinical(b, q)).toEqual(clinical(a, p));
    expect(b.store.enrollments.current(q)!.snapshot).toEqual(a.store.enrollments.current(p)!.snapshot);
    const [paiA, paiB] = [a.store.pais.ofPatient(p), b.store.pais.ofPatient(q)];
    expect(paiB.map((x) => ({ ...x.pai, patientId: 0 }))).toEqual(paiA.map((x) => ({ ...x.pai, patientId: 0 })));
    const bookingB = b.store.bookings.ofPatient(q).find((x) => x.uid === booked.uid)!;
    expect(bookingB).toMatchObject({ status: 'booked', dates: { bookedFor: '2026-03-20' }, slot: { time: '08:30' } });

    // Offline on both, each records something of his own; then both sync, twice.
    world.now = new Date('2026-03-03T09:00:00Z');
    a.services.calls.record({ patientId: p, outcome: 'no_answer' }, asMmg(a)!.codiceFiscale);
    world.now = new Date('2026-03-03T09:05:00Z');
    b.services.calls.record({ patientId: q, outcome: 'wrong_number', note: 'numero inesistente' }, asMmg(b)!.codiceFiscale);
    for (const c of [a, b, a, b]) expect((await c.services.sync.run()).error).toBeNull();
    const calls = (c: Core, id: number) => (c.store.database.sqlite.prepare('SELECT outcome FROM contact_attempts WHERE patient_id = ?').pluck().all(id) as string[]).sort();
    expect(calls(a, p)).toEqual(['no_answer', 'wrong_number']);
    expect(calls(b, q)).toEqual(calls(a, p));
    // The letter the demo's patient brought, and the two calls.
    expect(await world.peer.count('Communication')).toBe(3);
  });

  it("gives the other workstations the MMG's change of a patient's pathologies and chronic level, one taken off the list included", async () => {
    const a = workstation(3);
    const b = workstation(0);
    const p = patientIds(a)[0]!;
    registerWithoutCards(a, p, TODAY);
    for (const c of [a, b]) expect((await c.services.sync.run()).error).toBeNull();
    const q = byCf(b, a.store.patients.get(p).codiceFiscale)!;
    const added = PATHOLOGIES.find((d) => !clinical(a, p).pathologies.some((x) => x.code === d.code))!.code;
    const level = clinical(a, p).chronicLevel === 1 ? 2 : 1;

    a.services.patients.setPathologies(p, [...clinical(a, p).pathologies.map((d) => d.code), added], asMmg(a)!.codiceFiscale);
    a.services.patients.setLevel(p, level, asMmg(a)!.codiceFiscale);
    for (const c of [a, b]) expect((await c.services.sync.run()).error).toBeNull();
    expect(clinical(b, q)).toEqual(clinical(a, p));
    expect(clinical(b, q)).toMatchObject({ chronicLevel: level, pathologies: expect.arrayContaining([{ code: added, confirmed: true }]) });
    expect(b.store.outbox.counts()).toEqual([]);

    // Taken off his list: the other workstation takes it off, and a new one never sees it.
    a.services.patients.setPathologies(p, [added], asMmg(a)!.codiceFiscale);
    for (const c of [a, b]) expect((await c.services.sync.run()).error).toBeNull();
    expect(clinical(b, q)).toEqual(clinical(a, p));
    expect(clinical(b, q).pathologies.map((d) => d.code)).toEqual([added]);
    const c = workstation(0);
    expect((await c.services.sync.run()).error).toBeNull();
    expect(clinical(c, byCf(c, a.store.patients.get(p).codiceFiscale)!)).toEqual(clinical(a, p));
    // Nothing more to say: a second run sends nothing.
    const before = world.peer.requests.count({ bundle: 'transaction' });
    expect((await a.services.sync.run()).pushed).toBe(0);
    expect(world.peer.requests.count({ bundle: 'transaction' })).toBe(before);
  });

  it('shows a person the same booking changed on both, both versions kept', async () => {
    const a = workstation(3);
    const b = workstation(0);
    const p = patientIds(a)[0]!;
    const cf = a.store.patients.get(p).codiceFiscale;
    const booked = await planned(a, p);
    await a.services.sync.run();
    await b.services.sync.run();
    const q = byCf(b, cf)!;
    const onB = b.store.bookings.ofPatient(q).find((x) => x.uid === booked.uid)!;

    await value(a, 'bookings.move', { id: booked.id, move: { type: 'confirm' } });
    await value(b, 'bookings.move', { id: onB.id, move: { type: 'cancel', reason: 'Il paziente è ricoverato' } });
    expect((await a.services.sync.run()).error).toBeNull();
    const second = await b.services.sync.run();
    expect(second.conflicts).toBe(1);
    const conflict = b.services.sync.status().conflicts[0]!;
    expect(conflict).toMatchObject({ patientId: q, resourceType: expect.stringMatching(/Appointment|ServiceRequest/) });
    expect(conflict.fields.length).toBeGreaterThan(0);
    // Nothing lost: B still has its cancellation, the server A's confirmation.
    expect(b.store.bookings.get(onB.id)).toMatchObject({ status: 'cancelled' });
    const server = await world.peer.repo.readResource<Appointment>('Appointment', ids.appointment(booked.uid));
    expect(server.status).toBe('booked');

    b.services.sync.resolve(conflict.id, 'server', asMmg(b)!.codiceFiscale);
    expect(b.store.bookings.get(onB.id)!.status).not.toBe('cancelled');
    expect((await b.services.sync.run()).conflicts).toBe(0);
  });

  it('brings back the appointment the Centro Servizi booked for a request of the studio', async () => {
    const a = workstation(3);
    const p = patientIds(a)[0]!;
    registerWithoutCards(a, p, TODAY, true);
    const draft = await value<PaiView>(a, 'pai.create', { patientId: p, templates: ['diabete-2'] });
    await value(a, 'pai.update', { id: draft.id, changes: { plan: { lifestyle: [{ area: 'attivita_fisica', goal: 'Camminare' }] } } });
    await value(a, 'pai.activate', { id: draft.id });
    const due = (await value<{ items: DueItem[] }>(a, 'schedule.due', { withinDays: 60 })).items.find((i) => i.patientId === p)!;
    const requested = await value<BookingView>(a, 'bookings.request', { occurrenceId: due.id });
    await a.services.sync.run();

    // The Centro Servizi's own booking: an Appointment for the studio's ServiceRequest, without our extensions.
    const cf = a.store.patients.get(p).codiceFiscale;
    const provider = a.store.providers.list()[0]!;
    await world.peer.repo.createResource<Appointment>({
      resourceType: 'Appointment',
      meta: { tag: [{ system: 'https://pic-studio.it/fhir/studio', code: asMmg(a)!.codiceFiscale }] },
      status: 'booked',
      start: '2026-03-25T09:15:00+01:00',
      end: '2026-03-25T09:15:00+01:00',
      basedOn: [{ reference: `ServiceRequest/${ids.bookingRequest(requested.uid)}` }],
      serviceType: [{ coding: [{ system: 'http://hl7.it/fhir/televisita/CodeSystem/CodesystemCatalogoNazionalePrestazioni', code: requested.code }] }],
      participant: [
        { actor: { reference: `Patient/${ids.patient(cf)}`, identifier: { system: 'http://hl7.it/sid/codiceFiscale', value: cf } }, status: 'accepted' },
        { actor: { reference: `Location/${provider.code}`, display: provider.name, identifier: { system: 'https://pic-studio.it/fhir/erogatore', value: provider.code } }, status: 'accepted' },
      ],
    });
    const r = await a.services.sync.run();
    expect(r.pulled).toBeGreaterThanOrEqual(1);
    expect(a.store.bookings.get(requested.id)).toMatchObject({ status: 'booked', dates: { bookedFor: '2026-03-25' } });
  });
});
