import { AppError } from '../../../shared/errors';

/** A resource from the Centro Servizi that does not read back into a record (missing, malformed or unknown values). */
export class FhirMappingError extends AppError {
  constructor(
    readonly resourceType: string,
    detail: string,
  ) {
    super('fhir-unreadable', `cannot read ${resourceType}: ${detail}`, `Un dato ricevuto dal Centro Servizi (${resourceType}) non è leggibile da PiC Studio.`);
  }
}
