import { describe, expect, it } from 'vitest';
import { formatItalianDate } from '../../shared/domain/dates';
import { newCandidate, transition } from '../../shared/domain/enrollmentMachine';
import { consentPlaceholderValues, type ConsentData } from './consentData';

const data = (date: string): ConsentData => ({
  enrollmentId: 4,
  date,
  patient: { surname: 'Rossi', givenName: 'Mario', codiceFiscale: 'RSSMRA58D12G388C', birthDate: '1958-04-12' },
  studio: { gestore: 'Coop', mmg: 'Dott.ssa Bianchi', address: 'Via Roma 1', phone: '0382 000000' },
});

describe('the dates the documents print', () => {
  it("say the Patto di Cura's end as the enrollment keeps it, from one rule", () => {
    for (const registeredOn of ['2026-12-01', '2027-12-31', '2028-02-29', '2027-03-28']) {
      const registered = transition(newCandidate(), { type: 'register' }, registeredOn);
      // Signed on the last day allowed: the period still runs from the registration.
      const enrolled = transition(registered, { type: 'sign' }, registered.deadline!);
      expect(consentPlaceholderValues(data(registeredOn)).data_scadenza, registeredOn).toBe(formatItalianDate(enrolled.periodEnd!));
    }
  });
});
