import { SEARCH_LIMIT, type AuditEntry, type PatientDetail } from '../../shared/contract/patients';
import { describeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { birthDateProblem } from '../../shared/domain/dates';
import type { ChronicLevel } from '../../shared/domain/chronicLevel';
import type { NewPatient } from '../../shared/domain/patient';
import { isRegionalPathologyCode } from '../../shared/domain/pathology';
import { planPatientSearch } from '../../shared/domain/patientSearch';
import { AppError, InvalidInputError } from '../../shared/errors';
import type { PatientCardData } from '../../native/cards/types';
import { todayIn, type Clock } from '../clock';
import type { EventHub } from '../events';
import type { SearchResult } from '../store/patientStore';
import type { Store } from '../store/store';

export class PatientExistsError extends AppError {
  constructor(readonly codiceFiscale: string, readonly patientId: number) {
    super('patient-exists', `patient ${codiceFiscale} already stored as ${patientId}`, 'Un paziente con questo codice fiscale è già in archivio.');
  }
}

export class CodiceFiscaleMismatchError extends AppError {
  constructor(what: 'birth-date' | 'sex') {
    super(
      'cf-mismatch',
      `codice fiscale does not match the ${what}`,
      what === 'sex' ? 'Il codice fiscale non corrisponde al sesso indicato.' : 'Il codice fiscale non corrisponde alla data di nascita indicata.',
    );
  }
}

export class PatientService {
  private readonly patients;

  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly clock: Clock,
  ) {
    this.patients = store.patients;
  }

  search(text: string, limit = SEARCH_LIMIT): SearchResult {
    return this.patients.search(planPatientSearch(text), limit);
  }

  get(id: number): PatientDetail {
    return this.patients.get(id);
  }

  count(): number {
    return this.patients.count();
  }

  /** Everything done about the patient, oldest first, with the operators' names. */
  auditTrail(id: number): AuditEntry[] {
    this.patients.get(id);
    const names = this.store.operators.names();
    return this.store.audit.forEntity('patient', id).map((e) => ({ ...e, operatorName: e.operatorCf ? (names.get(e.operatorCf) ?? null) : null }));
  }

  /** A new patient typed in by hand: the codice fiscale must agree with birth date and sex. */
  create(p: NewPatient, operatorCf: string | null): PatientDetail {
    const today = todayIn(this.clock);
    const impossible = birthDateProblem(p.birthDate, today);
    if (impossible) throw new AppError('invalid-birth-date', impossible.en, impossible.it);
    const facts = describeCodiceFiscale(p.codiceFiscale, today);
    if (facts.sex !== p.sex) throw new CodiceFiscaleMismatchError('sex');
    if (facts.birthDate.slice(2) !== p.birthDate.slice(2)) throw new CodiceFiscaleMismatchError('birth-date');
    return this.insert({ ...p, birthPlaceCode: p.birthPlaceCode ?? facts.birthPlaceCode }, operatorCf, 'patient.create');
  }

  /** The stored patient with the card's codice fiscale, created from the card's data if new. */
  createFromCard(card: PatientCardData, operatorCf: string | null): PatientDetail {
    const existing = this.patients.idByCodiceFiscale(card.codiceFiscale);
    if (existing !== null) return this.patients.get(existing);
    return this.insert(
      {
        codiceFiscale: card.codiceFiscale,
        surname: card.surname,
        givenName: card.givenName,
        birthDate: card.birthDate,
        sex: card.sex,
        birthPlaceCode: card.birthPlaceCode && /^[A-Z]\d{3}$/.test(card.birthPlaceCode) ? card.birthPlaceCode : null,
        phone: null,
        mobile: null,
        email: null,
        chronicLevel: null,
      },
      operatorCf,
      'patient.create-from-card',
    );
  }

  updateContacts(id: number, contacts: { phone: string | null; mobile: string | null; email: string | null; preferredCallTime: string | null }, operatorCf: string | null): PatientDetail {
    this.store.transaction(() => {
      this.patients.updateContacts(id, contacts);
      this.store.audit.append({ operatorCf, action: 'patient.contacts', entity: 'patient', entityId: id, detail: contacts });
    });
    // The change waits in the outbox: the event is what sends the sync worker and the UI's counts after it.
    this.events.emit('patients.changed', { count: this.patients.count() });
    return this.patients.get(id);
  }

  /** The MMG's decision on the chronic level: confirmed from now on, audited with what it was. */
  setLevel(id: number, level: ChronicLevel | null, operatorCf: string | null): PatientDetail {
    const before = this.patients.get(id);
    this.store.transaction(() => {
      this.patients.confirmLevel(id, level);
      this.store.audit.append({ operatorCf, action: 'patient.level', entity: 'patient', entityId: id, detail: { from: before.chronicLevel, to: level } });
    });
    this.events.emit('enrollments.changed', { patientId: id });
    return this.patients.get(id);
  }

  /** The MMG's list of pathologies, from the regional list: kept ones confirmed, the others removed. */
  setPathologies(id: number, codes: readonly number[], operatorCf: string | null): PatientDetail {
    this.patients.get(id);
    const unknown = codes.filter((c) => !isRegionalPathologyCode(c));
    if (unknown.length) throw new InvalidInputError(`codice di patologia regionale sconosciuto: ${unknown.join(', ')}`);
    const unique = [...new Set(codes)];
    this.store.transaction(() => {
      const changed = this.patients.setPathologies(id, unique);
      this.store.audit.append({ operatorCf, action: 'patient.pathologies', entity: 'patient', entityId: id, detail: { confirmed: unique, ...changed } });
    });
    this.events.emit('patients.changed', { count: this.patients.count() });
    return this.patients.get(id);
  }

  private insert(p: NewPatient, operatorCf: string | null, action: string): PatientDetail {
    const existing = this.patients.idByCodiceFiscale(p.codiceFiscale);
    if (existing !== null) throw new PatientExistsError(p.codiceFiscale, existing);
    const id = this.store.transaction(() => {
      this.patients.insertNew([{ ...p, letters: [], pathologies: [] }]);
      const created = this.patients.idByCodiceFiscale(p.codiceFiscale)!;
      this.store.audit.append({ operatorCf, action, entity: 'patient', entityId: created, detail: { codiceFiscale: p.codiceFiscale } });
      return created;
    });
    this.events.emit('patients.changed', { count: this.patients.count() });
    return this.patients.get(id);
  }
}
