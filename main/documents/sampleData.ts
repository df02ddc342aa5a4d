import { checkCharacter } from '../../shared/domain/codiceFiscale';
import type { ConsentData } from './consentData';

/** A valid codice fiscale from its first 15 characters. */
export function withCheckCharacter(first15: string): string {
  return first15 + checkCharacter(first15);
}

/** A made-up patient with an accented name and an apostrophe, for tests, samples and demos. */
export const SAMPLE_CONSENT_DATA: ConsentData = {
  enrollmentId: 1042,
  date: '2024-03-15',
  patient: {
    surname: "CANTÙ DELL'ACQUA",
    givenName: 'NICOLÒ',
    codiceFiscale: withCheckCharacter('CNTNCL52T10D150'),
    birthDate: '1952-12-10',
  },
  studio: {
    gestore: 'Cooperativa Medici di Medicina Generale Lombardia Sud Soc. Coop.',
    mmg: 'Dott.ssa Anna Rossi',
    address: 'Via Giuseppe Garibaldi 12, 26100 Cremona (CR)',
    phone: '0372 123456',
    email: 'studio.rossi@example.it',
  },
};
