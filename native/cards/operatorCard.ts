import { X509Certificate } from 'node:crypto';
import { parseCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { toHex } from './bytes';
import { CardDataError } from './errors';
import { CardFileAccess, MAX_CHUNK } from './fileAccess';
import { DEFAULT_PROFILE, type CardProfile } from './profiles';
import type { OperatorCardData, Transmit } from './types';

/**
 * The operator's card (Carta SISS / CRS operatore), identified by its authentication certificate.
 * The layout is *unconfirmed* (assumed CNS-like: see profiles.ts). The certificate is DER, read in
 * chunks of at most 255 bytes up to the length its outer SEQUENCE header declares; everything
 * else about it is left to Node's X509Certificate.
 */

/** Certificates on these cards are 1-2 KB; anything claiming more than this is not a certificate. */
export const MAX_CERTIFICATE_LENGTH = 8192;

/**
 * Total length (header included) of the DER element starting at byte 0, from its tag and length
 * octets only. CardDataError unless it is a definite-length SEQUENCE within the cap.
 */
export function derTotalLength(start: Uint8Array): number {
  if (start.length < 2) throw new CardDataError('certificate file too short for a DER header');
  if (start[0] !== 0x30) throw new CardDataError(`certificate file does not start with a DER SEQUENCE (${toHex(start.subarray(0, 4))})`);
  const first = start[1] as number;
  let length: number;
  let headerLength: number;
  if (first < 0x80) {
    length = first;
    headerLength = 2;
  } else {
    const octets = first & 0x7f;
    if (octets === 0 || octets > 3) throw new CardDataError(`certificate: unsupported DER length form ${toHex(start.subarray(0, 2))}`);
    if (start.length < 2 + octets) throw new CardDataError('certificate file too short for its DER header');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (start[2 + i] as number);
    headerLength = 2 + octets;
  }
  const total = headerLength + length;
  if (total > MAX_CERTIFICATE_LENGTH) throw new CardDataError(`certificate claims ${total} bytes, over the ${MAX_CERTIFICATE_LENGTH}-byte cap`);
  return total;
}

/** Reads the DER certificate of the current profile's certificate file, exactly as long as it says. */
export async function readCertificateDer(files: CardFileAccess, profile: CardProfile = DEFAULT_PROFILE): Promise<Uint8Array> {
  await files.select(profile.files.certificate);
  const first = await files.readAvailable(0, MAX_CHUNK, 'certificate');
  const total = derTotalLength(first);
  if (first.length >= total) return first.slice(0, total);
  const rest = await files.readExact(first.length, total - first.length, 'certificate');
  const der = new Uint8Array(total);
  der.set(first, 0);
  der.set(rest, first.length);
  return der;
}

/** One attribute of a subject as Node prints it ("C=IT\nCN=..."), with RFC 2253 escapes undone. */
interface SubjectAttribute {
  type: string;
  value: string;
}

function subjectAttributes(subject: string): SubjectAttribute[] {
  const out: SubjectAttribute[] = [];
  for (const line of subject.split('\n')) {
    // A multi-valued RDN prints as "A=x + B=y".
    for (const part of line.split(/(?<!\\) \+ /)) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      out.push({ type: part.slice(0, eq).trim(), value: part.slice(eq + 1).replace(/\\(.)/g, '$1').trim() });
    }
  }
  return out;
}

const CF_SHAPE = '([A-Za-z0-9]{16})';
/** Subject forms carrying the holder's codice fiscale, in the order they are tried. */
const CF_FORMS: readonly { type: string; pattern: RegExp }[] = [
  // CNS authentication certificates: CN = "<CF>/<card id>.<hash>"
  { type: 'CN', pattern: new RegExp(`^${CF_SHAPE}/.+$`) },
  // Older CNIPA qualified certificates: serialNumber = "IT:<CF>"
  { type: 'serialNumber', pattern: new RegExp(`^IT:${CF_SHAPE}$`, 'i') },
  // ETSI EN 319 412-1 natural-person identifier: serialNumber = "TINIT-<CF>"
  { type: 'serialNumber', pattern: new RegExp(`^TINIT-${CF_SHAPE}$`, 'i') },
];

/** The holder's codice fiscale from a certificate subject as Node prints it, or null. Omocodes accepted. */
export function codiceFiscaleFromSubject(subject: string): string | null {
  const attributes = subjectAttributes(subject);
  for (const form of CF_FORMS) {
    for (const attr of attributes) {
      if (attr.type !== form.type) continue;
      const m = form.pattern.exec(attr.value);
      if (!m) continue;
      try {
        return parseCodiceFiscale(m[1] as string);
      } catch {
        // Not a valid code in this attribute: try the next form.
      }
    }
  }
  return null;
}

/** Parses a DER certificate and finds the operator in it; CardDataError when either fails. */
export function operatorFromCertificate(der: Uint8Array): OperatorCardData {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch (err) {
    throw new CardDataError(`certificate does not parse: ${(err as Error).message}`);
  }
  const codiceFiscale = codiceFiscaleFromSubject(cert.subject);
  if (codiceFiscale === null) {
    throw new CardDataError(`certificate subject carries no valid codice fiscale: ${cert.subject.replace(/\n/g, ', ')}`);
  }
  const notAfter = new Date(cert.validTo);
  if (Number.isNaN(notAfter.getTime())) throw new CardDataError(`certificate notAfter "${cert.validTo}" does not parse`);
  return { codiceFiscale, subject: cert.subject, certificateNotAfter: notAfter.toISOString() };
}

export async function readOperatorWith(files: CardFileAccess, profile: CardProfile = DEFAULT_PROFILE): Promise<OperatorCardData> {
  return operatorFromCertificate(await readCertificateDer(files, profile));
}

/** Reads the operator's certificate and returns who the operator is. */
export async function readOperatorCard(transmit: Transmit, profile: CardProfile = DEFAULT_PROFILE): Promise<OperatorCardData> {
  return readOperatorWith(new CardFileAccess(transmit), profile);
}
