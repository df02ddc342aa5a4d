import { isTriesLeftSw, splitResponse, SW_OK, SW_PIN_BLOCKED, verify, verifyStatus } from './apdu';
import { CardStatusError, InvalidPinFormatError, PinBlockedError, WrongPinError } from './errors';
import { CardFileAccess } from './fileAccess';
import { DEFAULT_PROFILE, type CardProfile } from './profiles';
import type { PinPadding, Transmit } from './types';

/**
 * PIN verification. Each wrong VERIFY burns one of the card's tries, so: the PIN's format is
 * checked before anything is sent, a PIN is sent exactly once (never retried, not even on a
 * transport error), and the reference and padding come from the card profile (profiles.ts).
 */

export const PIN_PATTERN = /^\d{4,8}$/;

/** Throws InvalidPinFormatError unless the PIN is 4 to 8 ASCII digits. */
export function checkPinFormat(pin: string): void {
  if (!PIN_PATTERN.test(pin)) throw new InvalidPinFormatError(pin.length);
}

/**
 * The VERIFY data: ASCII digits, then for 'ff-to-8' FF bytes up to 8 (as OpenSC sends for the CNS);
 * for 'none' the digits alone. Which one real cards require is *unconfirmed* (see profiles.ts).
 */
export function encodePin(pin: string, padding: PinPadding): Uint8Array {
  checkPinFormat(pin);
  const digits = Array.from(pin, (c) => c.charCodeAt(0));
  if (padding === 'none') return Uint8Array.from(digits);
  return Uint8Array.from([...digits, ...new Array<number>(8 - digits.length).fill(0xff)]);
}

async function selectPinDf(transmit: Transmit, profile: CardProfile): Promise<void> {
  if (profile.pin.dfPath !== null) await new CardFileAccess(transmit).select(profile.pin.dfPath);
}

/**
 * Verifies the PIN once. 90 00 resolves; 63 Cx is WrongPinError(x), except 63 C0 (the try that
 * used up the last one), which is PinBlockedError like 69 83: the user must learn that the card
 * is now blocked. 69 84 and anything else is CardStatusError.
 */
export async function verifyPin(transmit: Transmit, pin: string, profile: CardProfile = DEFAULT_PROFILE): Promise<void> {
  const block = encodePin(pin, profile.pin.padding);
  await selectPinDf(transmit, profile);
  const { sw } = splitResponse(await transmit(verify(profile.pin.reference, block)));
  block.fill(0);
  if (sw === SW_OK) return;
  if (sw === SW_PIN_BLOCKED) throw new PinBlockedError();
  if (isTriesLeftSw(sw)) {
    const left = sw & 0x0f;
    if (left === 0) throw new PinBlockedError();
    throw new WrongPinError(left);
  }
  throw new CardStatusError(sw, 'VERIFY PIN');
}

export type PinStatus =
  | { state: 'verified' }
  | { state: 'not-verified'; triesLeft: number }
  | { state: 'blocked' };

/**
 * Asks the card without spending a try (VERIFY with no data): 63 Cx -> x tries left, 90 00 ->
 * already verified in this session, 69 83 (or 63 C0) -> blocked. Anything else is CardStatusError.
 */
export async function pinStatus(transmit: Transmit, profile: CardProfile = DEFAULT_PROFILE): Promise<PinStatus> {
  await selectPinDf(transmit, profile);
  const { sw } = splitResponse(await transmit(verifyStatus(profile.pin.reference)));
  if (sw === SW_OK) return { state: 'verified' };
  if (sw === SW_PIN_BLOCKED) return { state: 'blocked' };
  if (isTriesLeftSw(sw)) {
    const left = sw & 0x0f;
    return left === 0 ? { state: 'blocked' } : { state: 'not-verified', triesLeft: left };
  }
  throw new CardStatusError(sw, 'VERIFY (tries left)');
}

/** Tries left, without spending one: 0 when blocked, null when the PIN is already verified (the card does not say). */
export async function pinTriesLeft(transmit: Transmit, profile: CardProfile = DEFAULT_PROFILE): Promise<number | null> {
  const status = await pinStatus(transmit, profile);
  if (status.state === 'verified') return null;
  if (status.state === 'blocked') return 0;
  return status.triesLeft;
}
