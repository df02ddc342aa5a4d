import { SEARCH_LIMIT, type PatientDetail } from '../../shared/api';
import { planPatientSearch } from '../../shared/domain/patientSearch';
import type { PatientStore, SearchResult } from '../store/patientStore';

export class PatientService {
  constructor(private readonly patients: PatientStore) {}

  search(text: string, limit = SEARCH_LIMIT): SearchResult {
    return this.patients.search(planPatientSearch(text), limit);
  }

  get(id: number): PatientDetail {
    return this.patients.get(id);
  }

  count(): number {
    return this.patients.count();
  }
}
