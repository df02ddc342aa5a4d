import { SEARCH_LIMIT, type PatientDetail } from '../../shared/api';
import { planPatientSearch } from '../../shared/domain/patientSearch';
import type { PatientCardData } from '../../native/cards/types';
import type { EventHub } from '../events';
import type { PatientStore, SearchResult } from '../store/patientStore';

export class PatientService {
  constructor(
    private readonly patients: PatientStore,
    private readonly events: EventHub,
  ) {}

  search(text: string, limit = SEARCH_LIMIT): SearchResult {
    return this.patients.search(planPatientSearch(text), limit);
  }

  get(id: number): PatientDetail {
    return this.patients.get(id);
  }

  count(): number {
    return this.patients.count();
  }

  /** The stored patient with the card's codice fiscale, created from the card's data if new. */
  createFromCard(card: PatientCardData): PatientDetail {
    const existing = this.patients.idByCodiceFiscale(card.codiceFiscale);
    if (existing !== null) return this.patients.get(existing);
    this.patients.insertNew([
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
        letters: [],
        pathologies: [],
      },
    ]);
    this.events.emit('patients.changed', { count: this.patients.count() });
    return this.patients.get(this.patients.idByCodiceFiscale(card.codiceFiscale)!);
  }
}
