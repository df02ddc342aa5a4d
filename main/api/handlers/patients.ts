import type { patientCalls } from '../../../shared/contract/patients';
import type { CardsService } from '../../cards/cardsService';
import { pathologyChoices } from '../../../shared/domain/pathology';
import type { PatientService } from '../../services/patientService';
import type { PlaceService } from '../../services/placeService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function patientHandlers(s: { patients: PatientService; cards: CardsService; places: PlaceService }): HandlersOf<typeof patientCalls> {
  return {
    'patients.search': ({ text, limit }) => s.patients.search(text, limit),
    'patients.get': ({ id }) => s.patients.get(id),
    'patients.create': (p, ctx) => s.patients.create(p, operatorCf(ctx)),
    'patients.createFromCard': (_, ctx) => s.patients.createFromCard(s.cards.requirePatientCard(), operatorCf(ctx)),
    'patients.updateContacts': ({ id, ...contacts }, ctx) => s.patients.updateContacts(id, contacts, operatorCf(ctx)),
    'audit.forPatient': ({ patientId }) => ({ entries: s.patients.auditTrail(patientId) }),
    'patients.setLevel': ({ id, level }, ctx) => s.patients.setLevel(id, level, operatorCf(ctx)),
    'patients.setPathologies': ({ id, codes }, ctx) => s.patients.setPathologies(id, codes, operatorCf(ctx)),
    'pathologies.choices': () => ({ pathologies: pathologyChoices() }),
    'places.byCode': ({ code }) => s.places.byCode(code),
  };
}
