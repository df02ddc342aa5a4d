import { isPrintableAscii, decodeLatin1, toHex } from './bytes';
import { CardDataError } from './errors';
import { CardFileAccess } from './fileAccess';
import { HEADER_LENGTH, parseDatiPersonali, payloadLength, toPatientCardData, type DatiPersonaliRecord } from './datiPersonali';
import { DEFAULT_PROFILE, type CardProfile } from './profiles';
import type { PatientCardData, Transmit } from './types';

/**
 * The patient's Tessera Sanitaria - CNS (and the CRS citizen card, same layout).
 *
 * APDUs on a card that selects by path: SELECT 1102, READ 6 (header), READ the payload (one more
 * READ when it is over 255 bytes), SELECT 1003, READ serial (one more on 6Cxx) = 5 to 7.
 * On a card that refuses by path: 1 refused SELECT + 3 step-by-step SELECTs for 1102, the same
 * reads, then 3 SELECTs for 1003 (the session remembers the refusal) = 10 to 12.
 */

/** Reads EF_Dati_personali: header first, then exactly the declared payload. */
export async function readDatiPersonali(files: CardFileAccess, profile: CardProfile = DEFAULT_PROFILE): Promise<DatiPersonaliRecord> {
  await files.select(profile.files.personalData);
  const header = await files.readExact(0, HEADER_LENGTH, 'EF_Dati_personali header');
  const n = payloadLength(header);
  const payload = await files.readExact(HEADER_LENGTH, n, 'EF_Dati_personali');
  const file = new Uint8Array(HEADER_LENGTH + n);
  file.set(header, 0);
  file.set(payload, HEADER_LENGTH);
  return parseDatiPersonali(file);
}

/**
 * EF_IDCarta as read. Its length is *unconfirmed* (OpenSC expects 16 bytes, other code reads 13),
 * so this asks for up to 256 (Le=00) and takes what the card gives: 6282 (end of file) with data is
 * fine, 6Cxx is re-issued with the length the card names, 6700 is re-issued once with Le=16.
 * Printable ASCII comes back as text, anything else as upper-case hex, never trimmed.
 */
export async function readCardSerial(files: CardFileAccess, profile: CardProfile = DEFAULT_PROFILE): Promise<string> {
  await files.select(profile.files.serial);
  const data = await files.readAvailable(0, 256, 'EF_IDCarta', 16);
  if (data.length === 0) throw new CardDataError('EF_IDCarta is empty');
  return serialText(data);
}

export function serialText(data: Uint8Array): string {
  return isPrintableAscii(data) ? decodeLatin1(data) : toHex(data);
}

/** Reads and validates the patient's card; CardDataError / CardStatusError, never a half-parsed record. */
export async function readPatientCard(transmit: Transmit, profile: CardProfile = DEFAULT_PROFILE): Promise<PatientCardData> {
  return readPatientWith(new CardFileAccess(transmit), profile);
}

/** readPatientCard over an existing session (identify.ts shares one between attempts). */
export async function readPatientWith(files: CardFileAccess, profile: CardProfile = DEFAULT_PROFILE): Promise<PatientCardData> {
  const record = await readDatiPersonali(files, profile);
  // Validate before spending APDUs on the serial.
  toPatientCardData(record, '');
  const serial = await readCardSerial(files, profile);
  return toPatientCardData(record, serial);
}
