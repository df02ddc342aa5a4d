import { toHex } from './bytes';
import { CardDataError, CardStatusError } from './errors';
import { fidBytes, parseFilePath } from './paths';

/**
 * ISO 7816-4 command builders for the few commands the Italian cards need, and the splitting of a
 * response into data and status word. Short APDUs only (Lc, Le one byte each).
 */

export const SW_OK = 0x9000;
/** End of file reached before Le bytes (a warning: the data that exists is returned). */
export const SW_END_OF_FILE = 0x6282;
export const SW_WRONG_LENGTH = 0x6700;
export const SW_SECURITY_NOT_SATISFIED = 0x6982;
export const SW_PIN_BLOCKED = 0x6983;
export const SW_REFERENCE_DATA_UNUSABLE = 0x6984;
export const SW_NO_CURRENT_EF = 0x6986;
export const SW_FUNCTION_NOT_SUPPORTED = 0x6a81;
export const SW_FILE_NOT_FOUND = 0x6a82;
export const SW_INCORRECT_P1P2 = 0x6a86;
export const SW_REFERENCE_NOT_FOUND = 0x6a88;
export const SW_WRONG_OFFSET = 0x6b00;
export const SW_INS_NOT_SUPPORTED = 0x6d00;
export const SW_CLA_NOT_SUPPORTED = 0x6e00;

/** 63 Cx: verification failed, x tries left. */
export const isTriesLeftSw = (sw: number): boolean => (sw & 0xfff0) === 0x63c0;
/** 6C xx: wrong Le, the card says xx is right. */
export const isWrongLeSw = (sw: number): boolean => (sw & 0xff00) === 0x6c00;
/** 61 xx: success, xx response bytes waiting for GET RESPONSE (T=0); the protocols need none of them. */
export const isBytesAvailableSw = (sw: number): boolean => (sw & 0xff00) === 0x6100;

/** SELECT by path from the MF: `00 A4 08 00 Lc <path without 3F00>`. */
export function selectByPath(path: string): Uint8Array {
  const fids = parseFilePath(path).slice(1);
  if (fids.length === 0) throw new Error('SELECT by path needs at least one file below the MF: select 3F00 by FID');
  if (fids.length > 127) throw new Error('path too long');
  return Uint8Array.from([0x00, 0xa4, 0x08, 0x00, fids.length * 2, ...fids.flatMap(fidBytes)]);
}

/** SELECT by file identifier, relative to the current DF (3F00 selects the MF): `00 A4 00 00 02 <fid>`. */
export function selectByFid(fid: string): Uint8Array {
  if (!/^[0-9A-Fa-f]{4}$/.test(fid)) throw new Error(`not a file identifier: "${fid}"`);
  return Uint8Array.from([0x00, 0xa4, 0x00, 0x00, 0x02, ...fidBytes(fid)]);
}

/** READ BINARY of the current EF: `00 B0 offHi offLo Le`; le 1..256 (256 is sent as 00). */
export function readBinary(offset: number, le: number): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) throw new Error(`READ BINARY offset out of range: ${offset}`);
  if (!Number.isInteger(le) || le < 1 || le > 256) throw new Error(`READ BINARY Le out of range: ${le}`);
  return Uint8Array.from([0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, le & 0xff]);
}

/** VERIFY with the PIN block already encoded: `00 20 00 <ref> Lc <pin>`. */
export function verify(reference: number, pinBlock: Uint8Array): Uint8Array {
  if (pinBlock.length < 1 || pinBlock.length > 255) throw new Error('VERIFY data length out of range');
  return Uint8Array.from([0x00, 0x20, 0x00, reference & 0xff, pinBlock.length, ...pinBlock]);
}

/** VERIFY without data: asks how many tries are left (63 Cx) or whether the PIN is already verified (90 00). */
export function verifyStatus(reference: number): Uint8Array {
  return Uint8Array.from([0x00, 0x20, 0x00, reference & 0xff]);
}

export interface Response {
  data: Uint8Array;
  sw: number;
}

/** Splits a response into data and status word; a response without a status word is malformed. */
export function splitResponse(response: Uint8Array): Response {
  if (response.length < 2) throw new CardDataError(`response of ${response.length} bytes has no status word`);
  const n = response.length;
  return { data: response.slice(0, n - 2), sw: ((response[n - 2] as number) << 8) | (response[n - 1] as number) };
}

/** The response data when the status word is 90 00; otherwise CardStatusError naming the command. */
export function expectOk(response: Uint8Array, commandName: string): Uint8Array {
  const { data, sw } = splitResponse(response);
  if (sw !== SW_OK) throw new CardStatusError(sw, commandName);
  return data;
}

/** "9000", "6A82": for messages and tests. */
export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** A short human description of a command APDU, for error messages and logs (never includes PIN data). */
export function describeCommand(apdu: Uint8Array): string {
  const ins = apdu[1];
  if (ins === 0xa4) return apdu[2] === 0x08 ? `SELECT by path ${toHex(apdu.slice(5))}` : `SELECT ${toHex(apdu.slice(5))}`;
  if (ins === 0xb0) return `READ BINARY at ${(((apdu[2] ?? 0) & 0x7f) << 8) | (apdu[3] ?? 0)}`;
  if (ins === 0x20) return `VERIFY ${toHex(apdu.slice(3, 4))}`;
  return `command ${toHex(apdu.slice(0, 4))}`;
}
