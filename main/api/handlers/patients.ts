import type { patientCalls } from '../../../shared/contract/patients';
import type { CardsService } from '../../cards/cardsService';
import type { PatientService } from '../../services/patientService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function patientHandlers(s: { patients: PatientService; cards: CardsService }): HandlersOf<typeof patientCalls> {
  return {
    'patients.search': ({ text, limit }) => s.patients.search(text, limit),
    'patients.get': ({ id }) => s.patients.get(id),
    'patients.create': (p, ctx) => s.patients.create(p, operatorCf(ctx)),
    'patients.createFromCard': (_, ctx) => s.patients.createFromCard(s.cards.requirePatientCard(), operatorCf(ctx)),
    'patients.updateContacts': ({ id, ...contacts }, ctx) => s.patients.updateContacts(id, contacts, operatorCf(ctx)),
    'audit.forPatient': ({ patientId }) => ({ entries: s.patients.auditTrail(patientId) }),
  };
}
