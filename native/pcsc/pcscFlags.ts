/**
 * SCARD_STATE_* flags of PC/SC reader states. The upper 16 bits carry an event counter on
 * pcsc-lite, so states are compared flag by flag, never as whole numbers.
 */
export const SCARD_STATE = {
  CHANGED: 0x0002,
  UNKNOWN: 0x0004,
  UNAVAILABLE: 0x0008,
  EMPTY: 0x0010,
  PRESENT: 0x0020,
  EXCLUSIVE: 0x0080,
  INUSE: 0x0100,
  MUTE: 0x0200,
} as const;

export interface ReaderFlags {
  present: boolean;
  empty: boolean;
  mute: boolean;
  unavailable: boolean;
}

export function readerFlags(state: number): ReaderFlags {
  return {
    present: (state & SCARD_STATE.PRESENT) !== 0,
    empty: (state & SCARD_STATE.EMPTY) !== 0,
    mute: (state & SCARD_STATE.MUTE) !== 0,
    unavailable: (state & SCARD_STATE.UNAVAILABLE) !== 0,
  };
}

/** PC/SC error codes we tell apart, as pcsclite prints them in its error messages. */
/** Removed, reset, unresponsive, unpowered, no card, reader gone, and a transaction cut short (0x80100016). */
const REMOVED_CODES = ['0x80100016', '0x80100069', '0x80100068', '0x80100066', '0x80100067', '0x8010000c', '0x80100017', '0x80100009', '0x8010002e'];
const SERVICE_CODES = ['0x8010001d', '0x8010001e'];

export type PcscFailure = 'card-removed' | 'service-unavailable' | 'other';

/** Classifies a pcsclite error ("SCardTransmit error: Card was removed.(0x80100069)"). */
export function classifyPcscError(message: string): PcscFailure {
  const lower = message.toLowerCase();
  if (SERVICE_CODES.some((c) => lower.includes(c))) return 'service-unavailable';
  if (REMOVED_CODES.some((c) => lower.includes(c)) || lower.includes('not connected')) return 'card-removed';
  return 'other';
}
