import type { ConsentKind } from '../../../shared/domain/enrollment';
import type { EnrollmentSnapshot } from '../../../shared/domain/enrollmentMachine';
import type { Booking } from '../../../shared/domain/booking/model';
import type { Pai, PathologyRole } from '../../../shared/domain/pai/model';
import type { Sex } from '../../../shared/domain/patient';

/**
 * What the mapping turns into FHIR and back: the local records as the sync reads them, named by
 * codice fiscale and business identifiers (never by this workstation's row ids, which another
 * workstation does not share).
 */

export interface GestoreRecord {
  /** The Gestore's code (the cooperative's regional code, or the one set in the Centro Servizi settings). */
  code: string;
  name: string;
}

export interface StudioRecord {
  gestore: GestoreRecord;
  /** The MMG: the studio is his; his codice fiscale is the studio's tag on every resource. */
  mmg: { codiceFiscale: string; name: string };
  address: string;
  phone: string;
}

export interface PathologyRecord {
  /** Regional code (SGDT-PatologieNonICD9CM). */
  code: number;
  confirmed: boolean;
  /**
   * Primary, secondary, further (SGDT-TipologiaProblemaSalute) as the patient's PAI ranks it: his
   * own list of pathologies does not rank them, so it is known only once a PAI names it.
   */
  role?: PathologyRole;
}

/** A provider of the network (the store's `providers`, seeded from shared/domain/providers.ts). */
export interface ProviderRecord {
  code: string;
  name: string;
  address: string | null;
  phone: string | null;
}

export interface PatientRecord {
  codiceFiscale: string;
  surname: string;
  givenName: string;
  birthDate: string;
  sex: Sex;
  /** Cadastral (Belfiore) code of the birthplace, as in the codice fiscale. */
  birthPlaceCode: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  chronicLevel: 1 | 2 | 3 | null;
  pathologies: PathologyRecord[];
}

export interface EnrollmentRecord {
  codiceFiscale: string;
  programmeYear: number;
  /** The Gestore holding the patient: ours, or the other one of a lock elsewhere. */
  gestore: GestoreRecord;
  snapshot: EnrollmentSnapshot;
}

export interface ConsentRecord {
  codiceFiscale: string;
  programmeYear: number;
  kind: ConsentKind;
  signedAt: string;
  /** SHA-256 of the PDF the patient signed. */
  documentHash: string | null;
}

export interface PaiRecord {
  codiceFiscale: string;
  /** The plan as the store keeps it; its patientId is this workstation's and is not sent. */
  pai: Pai;
}

export interface BookingRecord {
  codiceFiscale: string;
  uid: string;
  booking: Booking;
}

export interface LetterRecord {
  codiceFiscale: string;
  /** ATS letter type 1-5. */
  type: number;
  trancheDate: string | null;
  receivedAt: string | null;
  note: string | null;
}

export interface CallAttemptRecord {
  codiceFiscale: string;
  /** ISO instant of the call. */
  at: string;
  outcome: string;
  callbackAt: string | null;
  appointmentTime: string | null;
  note: string | null;
  operatorCf: string | null;
}
