import { createHash, randomUUID } from 'node:crypto';
import type { Store } from '../../main/store/store';
import { periodEndFrom, type EnrollmentSnapshot } from '../../shared/domain/enrollmentMachine';
import { paiSchedule } from '../../shared/domain/pai/schedule';
import { itemsFromTemplates, mergeTemplates, templatesByIds } from '../../shared/domain/pai/templates';
import { aBooking, aPai } from './paiFixtures';

/**
 * What a studio's work leaves queued for each of `patientIds`, enrolled on `now`'s day: his
 * record, the enrollment, its two signed consents, an active PAI and two bookings (one requested,
 * one booked with the first provider), each with its outbox item as the services write them; in
 * one transaction for all, to be quick.
 */
export function queueEnrolledPatients(store: Store, patientIds: readonly number[], o: { now: string; gestore: string; mmgCf: string }): void {
  const today = o.now.slice(0, 10);
  const items = itemsFromTemplates(mergeTemplates(templatesByIds('diabete-2,ipertensione')), today).slice(0, 6);
  const provider = store.providers.list()[0]!;
  const enrolled: EnrollmentSnapshot = { state: 'enrolled', registeredOn: today, deadline: null, enrolledOn: today, periodEnd: periodEndFrom(today), reason: null, otherGestore: null };
  store.transaction(() => {
    for (const patientId of patientIds) {
      const enrollmentId = store.enrollments.insert(patientId, enrolled, Number(today.slice(0, 4)), { gestore: o.gestore });
      store.outbox.enqueue('enrollment', enrollmentId, patientId);
      store.outbox.enqueuePatient(patientId);
      for (const kind of ['patto_di_cura', 'privacy'] as const) {
        const hash = createHash('sha256').update(`${patientId}-${kind}`).digest('hex');
        store.outbox.enqueue('consent', store.enrollments.recordSignature(enrollmentId, kind, { signedAt: o.now, documentHash: hash }), patientId);
      }
      const pai = aPai(today, items, { patientId, status: 'active', activatedOn: today, authorCf: o.mmgCf });
      const paiId = store.pais.insert(pai, enrollmentId);
      const occurrences = paiSchedule(pai);
      store.pais.replaceOccurrences(paiId, null, patientId, occurrences);
      store.outbox.enqueue('pai', paiId, patientId);
      const [first, second] = occurrences as [(typeof occurrences)[0], (typeof occurrences)[0]];
      const requested = aBooking(first.code, first.date, { patientId, dates: { ...aBooking(first.code, null).dates, prescribedOn: today, requestedOn: today } });
      const booked = aBooking(second.code, second.date, {
        patientId,
        status: 'booked',
        dates: { ...aBooking(second.code, null).dates, prescribedOn: today, requestedOn: today, bookedFor: second.date },
        slot: { time: '09:30', place: provider.address ?? provider.name, providerCode: provider.code },
      });
      for (const b of [requested, booked]) store.outbox.enqueue('booking', store.bookings.insert(b, randomUUID(), first.description), patientId);
    }
  });
}
