import { createHash } from 'node:crypto';

/**
 * Resource ids the client derives from business identifiers (RFC 4122 version 5, SHA-1 over a
 * namespace of our own): every workstation and every retry names a record with the same id, so a
 * resend updates what is there instead of creating a second one. Letters and dashes only, never
 * purely numeric (HAPI refuses numeric client ids).
 */
const NAMESPACE = Buffer.from('6f1c2b9e4d8a4e3f9b7c5a2d1e0f3c4b', 'hex');

export function uuidV5(name: string, namespace: Buffer = NAMESPACE): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Ids made lately: a push names each patient's id in every resource of his, and the MMG's in all. */
const recent = new Map<string, string>();
const RECENT_MAX = 10_000;

/** The id of a resource from its type and the parts of its business identifier. */
export function fhirId(resourceType: string, ...parts: (string | number)[]): string {
  const name = [resourceType, ...parts].join('|');
  let id = recent.get(name);
  if (id === undefined) {
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(name, (id = uuidV5(name)));
  }
  return id;
}

export const ids = {
  patient: (cf: string) => fhirId('Patient', cf),
  practitioner: (cf: string) => fhirId('Practitioner', cf),
  gestore: (code: string) => fhirId('Organization', 'gestore', code),
  provider: (code: string) => fhirId('Organization', 'erogatore', code),
  /** One per patient and programme year, whoever the Gestore: the server's copy is the lock. */
  episode: (cf: string, year: number) => fhirId('EpisodeOfCare', 'PIC', year, cf),
  consent: (cf: string, year: number, kind: string) => fhirId('Consent', year, cf, kind),
  condition: (cf: string, code: number) => fhirId('Condition', cf, code),
  carePlan: (cf: string, year: number, version: number) => fhirId('CarePlan', cf, year, version),
  bookingRequest: (uid: string) => fhirId('ServiceRequest', 'booking', uid),
  appointment: (uid: string) => fhirId('Appointment', uid),
  letter: (cf: string, type: number, trancheDate: string | null) => fhirId('Communication', 'letter', cf, type, trancheDate ?? ''),
  callAttempt: (cf: string, at: string) => fhirId('Communication', 'call', cf, at),
};
