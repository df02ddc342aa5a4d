import { z } from 'zod';
import { CATALOGUE_SYSTEM } from '../../shared/domain/catalogue';

/**
 * The code systems and extension URLs the mapping writes. They are settings of the Centro Servizi
 * (`centroServizi.systems`), not constants: HL7 Italia's base guide, its terminology package and
 * Lombardy's guide do not agree on some of them (the ISTAT municipalities' URL among others), and
 * each cooperative's server follows one. The defaults are HL7 Italia's and Lombardy's.
 */
export const FhirSystems = z.object({
  codiceFiscale: z.string().url(),
  /** Also read (never written) as the codice fiscale's system: the OID form of older senders. */
  codiceFiscaleOid: z.string().min(1),
  birthPlaceExtension: z.string().url(),
  /** The Agenzia delle Entrate's cadastral (Belfiore) codes of municipalities, as the codice fiscale has them. */
  municipality: z.string().url(),
  pathology: z.string().url(),
  chronicLevel: z.string().url(),
  problemType: z.string().url(),
  catalogue: z.string().url(),
  /** This app's own identifiers and extensions (the programme's enrollments, bookings, studio tag). */
  app: z.string().url(),
});
export type FhirSystems = z.infer<typeof FhirSystems>;

const LOMBARDIA = 'https://fhir.siss.regione.lombardia.it/CodeSystem';

export const DEFAULT_SYSTEMS: FhirSystems = {
  codiceFiscale: 'http://hl7.it/sid/codiceFiscale',
  codiceFiscaleOid: 'urn:oid:2.16.840.1.113883.2.9.4.3.2',
  birthPlaceExtension: 'http://hl7.it/fhir/StructureDefinition/patient-codeableBirthPlace',
  // HL7 Italia's code system of the Agenzia delle Entrate's municipality codes ("codice Belfiore",
  // "codice catastale"): hl7-it/terminology, input/vocabulary/CS_mef-ae-comuni.xml (id mef-ae-comuni,
  // draft), written with this URL in HL7 Italia's examples (hl7-it/dgc, svc-Bundle-08:
  // mef-ae-comuni#F979). The guides' own codeableBirthPlace examples code the ISTAT number instead,
  // which the codice fiscale does not carry.
  municipality: 'http://terminology.hl7.it/CodeSystem/mef-ae-comuni',
  pathology: `${LOMBARDIA}/SGDT-PatologieNonICD9CM`,
  chronicLevel: `${LOMBARDIA}/GPC-LivelloGravita`,
  problemType: `${LOMBARDIA}/SGDT-TipologiaProblemaSalute`,
  catalogue: CATALOGUE_SYSTEM,
  app: 'https://pic-studio.it/fhir',
};

/** The settings as stored, with any system left out taken from the defaults. */
export function systemsWithDefaults(partial: Partial<FhirSystems> | null | undefined): FhirSystems {
  return { ...DEFAULT_SYSTEMS, ...(partial ?? {}) };
}
