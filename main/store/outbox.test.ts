import { describe, expect, it } from 'vitest';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { tempDir } from '../../test/support/tempDir';
import type { IncomingPatient } from './patientStore';
import { Store } from './store';

const NOW = new Date('2026-03-02T09:00:00Z');

function patient(surname: string, givenName: string, letterBrought: boolean): IncomingPatient {
  const p = { surname, givenName, sex: 'M' as const, birthDate: '1950-01-01', birthPlaceCode: 'F205' };
  return {
    ...p,
    codiceFiscale: computeCodiceFiscale(p),
    phone: null,
    mobile: null,
    email: null,
    chronicLevel: 2,
    letters: [{ type: 2, trancheDate: '2026-01-10', receivedAt: letterBrought ? '2026-02-20' : null, note: null }],
    pathologies: [],
  };
}

function open(): { store: Store; walkedIn: number; listed: number } {
  const store = Store.open(tempDir(), { now: () => NOW });
  store.patients.insertNew([patient('Rossi', 'Mario', true), patient('Bianchi', 'Luigi', false)]);
  const [walkedIn, listed] = [...store.patients.identities().keys()].sort((a, b) => a - b) as [number, number];
  return { store, walkedIn, listed };
}

const items = (store: Store) => store.outbox.due(100).map((r) => [r.kind, r.entityId, r.patientId]);

describe('the outbox', () => {
  it('queues a letter brought to the studio, not one only announced by the ATS list', () => {
    const { store, walkedIn } = open();
    expect(items(store)).toEqual([['letter', expect.any(Number), walkedIn]]);
    store.close();
  });

  it("queues a patient's own changes only once he is part of the programme's work", () => {
    const { store, walkedIn, listed } = open();
    store.patients.updateContacts(listed, { phone: '02 1234567' });
    store.patients.updateContacts(walkedIn, { phone: '02 7654321' });
    expect(items(store).map(([kind, , p]) => [kind, p])).toEqual([['letter', walkedIn], ['patient', walkedIn]]);
    store.close();
  });

  it('coalesces edits of one record into its last place in the queue, in order with the rest', () => {
    const { store, walkedIn } = open();
    for (let i = 0; i < 10; i++) {
      store.transaction(() => {
        store.outbox.enqueue('booking', 7, walkedIn);
        if (i === 4) store.outbox.enqueue('pai', 3, walkedIn);
      });
    }
    expect(items(store).map(([kind]) => kind)).toEqual(['letter', 'pai', 'booking']);
    store.close();
  });

  it("holds a patient's later items behind one that waits for a person; a retry lets them go", () => {
    const { store, walkedIn } = open();
    store.outbox.enqueue('enrollment', 1, walkedIn);
    store.outbox.enqueue('booking', 2, walkedIn);
    const letter = store.outbox.due(1)[0]!;
    store.outbox.hold(letter.id, 'attention', 'Patient.telecom: invalid');
    expect(items(store)).toEqual([]);
    expect(store.outbox.held()).toEqual([expect.objectContaining({ uid: letter.uid, status: 'attention', lastError: 'Patient.telecom: invalid', attempts: 1 })]);
    store.outbox.retry(letter.uid);
    expect(items(store).map(([kind]) => kind)).toEqual(['letter', 'enrollment', 'booking']);
    store.close();
  });

  it('a held item gives way, on retry, to a newer edit of its record already queued', () => {
    const { store, walkedIn } = open();
    store.outbox.enqueue('booking', 2, walkedIn);
    const booking = store.outbox.due(10).find((r) => r.kind === 'booking')!;
    store.outbox.hold(booking.id, 'conflict', 'changed on both sides');
    store.outbox.enqueue('booking', 2, walkedIn);
    store.outbox.retry(booking.uid);
    expect(store.outbox.get(booking.uid)).toBeNull();
    expect(store.outbox.counts()).toEqual(expect.arrayContaining([{ kind: 'booking', status: 'pending', n: 1 }]));
    store.close();
  });

  it('keeps an item that a newer edit replaced while it was being sent', () => {
    const { store, walkedIn } = open();
    store.outbox.enqueue('booking', 2, walkedIn);
    const sending = store.outbox.due(10).find((r) => r.kind === 'booking')!;
    store.outbox.enqueue('booking', 2, walkedIn);
    store.outbox.done(sending.id);
    expect(items(store).filter(([kind]) => kind === 'booking')).toHaveLength(1);
    store.close();
  });
});
