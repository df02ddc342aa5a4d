import { isIsoDate } from '../../shared/domain/dates';
import { parseCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { decodeLatin1, encodeLatin1 } from './bytes';
import { CardDataError } from './errors';
import type { PatientCardData } from './types';

/**
 * EF_Dati_personali of the TS-CNS (3F00/1100/1102): pure decoding and encoding, no card I/O.
 *
 * Bytes 0-5: the payload length N as ASCII hex ("00006D" = 109). Then N bytes: 16 fields, each a
 * 2-character ASCII-hex length followed by the value (Latin-1 text); "00" is an empty field.
 * OpenSC caps the whole file at 400 bytes, so N is at most 394.
 */

export const HEADER_LENGTH = 6;
export const MAX_FILE_LENGTH = 400;
export const MAX_PAYLOAD_LENGTH = MAX_FILE_LENGTH - HEADER_LENGTH;

/** The 16 fields in card order. */
export const DATI_PERSONALI_FIELDS = [
  'issuerCode',
  'issueDate',
  'expiryDate',
  'surname',
  'givenName',
  'birthDate',
  'sex',
  'height',
  'codiceFiscale',
  'citizenship',
  'birthMunicipalityCode',
  'birthCountry',
  'birthCertificateRef',
  'residenceMunicipalityCode',
  'residenceAddress',
  'notes',
] as const;

export type DatiPersonaliField = (typeof DATI_PERSONALI_FIELDS)[number];

/** Every field as the card holds it, decoded from Latin-1 ('' for an empty field). */
export type DatiPersonaliRecord = Record<DatiPersonaliField, string>;

const HEX = /^[0-9A-Fa-f]+$/;

function asciiHex(bytes: Uint8Array, what: string): number {
  const text = decodeLatin1(bytes);
  if (!HEX.test(text)) throw new CardDataError(`EF_Dati_personali: ${what} "${text}" is not ASCII hex`);
  return parseInt(text, 16);
}

/** The payload length from the first 6 bytes; CardDataError when it is not hex, zero or over the cap. */
export function payloadLength(header: Uint8Array): number {
  if (header.length < HEADER_LENGTH) throw new CardDataError(`EF_Dati_personali: header of ${header.length} bytes`);
  const n = asciiHex(header.subarray(0, HEADER_LENGTH), 'length header');
  if (n === 0) throw new CardDataError('EF_Dati_personali: declared length is zero');
  if (n > MAX_PAYLOAD_LENGTH) {
    throw new CardDataError(`EF_Dati_personali: declared length ${n} exceeds the ${MAX_PAYLOAD_LENGTH}-byte cap`);
  }
  return n;
}

/** Bytes a card may leave after the last field inside the declared payload. */
const isPadding = (b: number): boolean => b === 0x00 || b === 0xff || b === 0x20;

/**
 * Decodes the whole file (header included). Bytes after the declared payload are ignored; inside
 * it, the 16 fields must fit exactly (only padding bytes 00 / FF / space may follow the last one).
 * Anything that does not add up is CardDataError: never a half-parsed record.
 */
export function parseDatiPersonali(file: Uint8Array): DatiPersonaliRecord {
  const n = payloadLength(file);
  if (file.length < HEADER_LENGTH + n) {
    throw new CardDataError(`EF_Dati_personali: header declares ${n} bytes, the file holds ${file.length - HEADER_LENGTH}`);
  }
  const payload = file.subarray(HEADER_LENGTH, HEADER_LENGTH + n);
  const record = {} as DatiPersonaliRecord;
  let at = 0;
  for (const [index, field] of DATI_PERSONALI_FIELDS.entries()) {
    if (at + 2 > n) throw new CardDataError(`EF_Dati_personali: payload of ${n} bytes ends before field ${index + 1} (${field})`);
    const len = asciiHex(payload.subarray(at, at + 2), `length of field ${index + 1} (${field})`);
    at += 2;
    if (at + len > n) {
      throw new CardDataError(`EF_Dati_personali: field ${index + 1} (${field}) of ${len} bytes overruns the ${n}-byte payload`);
    }
    record[field] = decodeLatin1(payload.subarray(at, at + len));
    at += len;
  }
  const rest = payload.subarray(at);
  if (!rest.every(isPadding)) {
    throw new CardDataError(`EF_Dati_personali: ${rest.length} unexplained bytes after field 16 inside the declared payload`);
  }
  return record;
}

/** The inverse of parseDatiPersonali (for card images and tests). Fields are Latin-1 text. */
export function encodeDatiPersonali(record: DatiPersonaliRecord): Uint8Array {
  const parts: number[] = [];
  for (const field of DATI_PERSONALI_FIELDS) {
    const value = encodeLatin1(record[field]);
    if (value.length > 0xff) throw new Error(`field ${field} is longer than 255 bytes`);
    parts.push(...encodeLatin1(value.length.toString(16).toUpperCase().padStart(2, '0')), ...value);
  }
  if (parts.length > MAX_PAYLOAD_LENGTH) throw new Error(`payload of ${parts.length} bytes exceeds the cap`);
  return Uint8Array.from([...encodeLatin1(parts.length.toString(16).toUpperCase().padStart(HEADER_LENGTH, '0')), ...parts]);
}

/** DDMMYYYY -> YYYY-MM-DD; CardDataError when it is not a real date. */
export function cardDateToIso(value: string, what: string): string {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : '';
  if (!isIsoDate(iso)) throw new CardDataError(`EF_Dati_personali: ${what} "${value}" is not a DDMMYYYY date`);
  return iso;
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function required(record: DatiPersonaliRecord, field: DatiPersonaliField): string {
  const value = record[field].trim();
  if (value === '') throw new CardDataError(`EF_Dati_personali: ${field} is empty`);
  return value;
}

/** The record as the application uses it; the codice fiscale must pass parseCodiceFiscale (omocodes included). */
export function toPatientCardData(record: DatiPersonaliRecord, cardSerial: string): PatientCardData {
  let codiceFiscale: string;
  try {
    codiceFiscale = parseCodiceFiscale(required(record, 'codiceFiscale'));
  } catch (err) {
    if (err instanceof CardDataError) throw err;
    throw new CardDataError(`EF_Dati_personali: codice fiscale "${record.codiceFiscale}" is not valid (${(err as Error).message})`);
  }
  const sex = required(record, 'sex').toUpperCase();
  if (sex !== 'M' && sex !== 'F') throw new CardDataError(`EF_Dati_personali: sex "${record.sex}" is neither M nor F`);
  return {
    codiceFiscale,
    surname: required(record, 'surname'),
    givenName: required(record, 'givenName'),
    birthDate: cardDateToIso(required(record, 'birthDate'), 'birth date'),
    sex,
    cardExpiry: cardDateToIso(required(record, 'expiryDate'), 'expiry date'),
    issueDate: cardDateToIso(required(record, 'issueDate'), 'issue date'),
    cardSerial,
    issuer: record.issuerCode.trim(),
    birthPlaceCode: orNull(record.birthMunicipalityCode),
    residencePlaceCode: orNull(record.residenceMunicipalityCode),
  };
}
