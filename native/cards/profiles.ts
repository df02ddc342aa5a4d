import { ATR, classifyAtr } from './atr';
import { toHex } from './bytes';
import type { CardKind, PinPadding } from './types';

/**
 * THE table of card layouts. Everything that differs between card families, or that the public
 * sources leave unconfirmed, lives here and nowhere else:
 *
 * - File paths. TS-CNS and CRS follow the CNS layout (OpenSC pkcs15-itacns.c). The operator card's
 *   layout is *unconfirmed*: it is assumed CNS-like (certificate at 3F00/1100/1101).
 * - PIN reference: 0x10 on CNS cards; STIncard masks add 0x80 (0x90). No ATR is known to map to an
 *   STIncard mask yet: when one is, add a profile here with `reference: 0x90`.
 * - PIN padding: *unconfirmed* which real cards need which. 'ff-to-8' (ASCII digits padded with FF
 *   to 8 bytes) is what OpenSC sends and is the default; 'none' (ASCII digits only) is what other
 *   code sends. A wrong padding makes the card count a wrong PIN: confirm on a real card before
 *   changing an entry.
 * - Whether the PIN lives in a DF that must be selected first (`pin.dfPath`): OpenSC selects
 *   nothing for the CNS0 PIN, so null everywhere for now.
 */

export interface CardFiles {
  /** EF_Dati_personali (patient cards). */
  personalData: string;
  /** EF_IDCarta, the card serial. */
  serial: string;
  /** The authentication certificate, DER X.509, readable without PIN. */
  certificate: string;
}

export interface PinSettings {
  /** P2 of VERIFY. */
  reference: number;
  padding: PinPadding;
  /** DF to select before VERIFY, or null to verify wherever the card is. */
  dfPath: string | null;
}

export interface CardProfile {
  id: string;
  label: string;
  /** What a card matching this profile is expected to be (identify.ts confirms by reading). */
  kind: CardKind;
  /** Exact ATRs (upper-case hex) that select this profile. */
  atrs: readonly string[];
  files: CardFiles;
  pin: PinSettings;
  /** What about this entry is not confirmed on a real card. */
  unconfirmed: string;
}

const CNS_FILES: CardFiles = {
  personalData: '3F00/1100/1102',
  serial: '3F00/1000/1003',
  certificate: '3F00/1100/1101',
};

const CNS_PIN: PinSettings = { reference: 0x10, padding: 'ff-to-8', dfPath: null };

/**
 * ATR of the emulator's operator card that takes an unpadded PIN (native/virtual/images/
 * operator-segretaria.json): a Carta SISS ATR with historical bytes 3-4 changed to "VC" (TCK
 * recomputed). No real card has it; it exists so that the 'none' padding runs end to end in the
 * demo through vpcd, where the profile can only come from the ATR.
 */
export const VIRTUAL_UNPADDED_OPERATOR_ATR = '3BFF1800008131FE45006B5643200001120248504310318059';

export const PROFILES: readonly CardProfile[] = [
  {
    id: 'ts-cns',
    label: 'Tessera Sanitaria - CNS',
    kind: 'patient',
    atrs: [ATR.TS_CNS, ATR.TS_CNS_SHORT],
    files: CNS_FILES,
    pin: CNS_PIN,
    unconfirmed: 'PIN padding; EF_IDCarta length (13 or 16 bytes)',
  },
  {
    id: 'crs-lombardia',
    label: 'CRS Lombardia (cittadino)',
    kind: 'patient',
    atrs: [ATR.CRS_LOMBARDIA],
    files: CNS_FILES,
    pin: CNS_PIN,
    unconfirmed: 'PIN padding',
  },
  {
    id: 'siss-operator',
    label: 'Carta SISS (operatore)',
    kind: 'operator',
    atrs: [ATR.CARTA_SISS],
    files: CNS_FILES,
    pin: CNS_PIN,
    unconfirmed: 'file layout (assumed CNS-like); PIN padding',
  },
  {
    id: 'virtual-operator-unpadded',
    label: 'Carta operatore virtuale (PIN senza riempimento)',
    kind: 'operator',
    atrs: [VIRTUAL_UNPADDED_OPERATOR_ATR],
    files: CNS_FILES,
    pin: { reference: 0x10, padding: 'none', dfPath: null },
    unconfirmed: 'test and demo only: no real card known',
  },
];

/** Cards whose ATR is in no profile: a CNS-like layout with OpenSC's PIN conventions. */
export const DEFAULT_PROFILE: CardProfile = {
  id: 'cns-default',
  label: 'Carta CNS generica',
  kind: 'unknown',
  atrs: [],
  files: CNS_FILES,
  pin: CNS_PIN,
  unconfirmed: 'everything: chosen for cards not in the table',
};

export function profileById(id: string): CardProfile | undefined {
  return id === DEFAULT_PROFILE.id ? DEFAULT_PROFILE : PROFILES.find((p) => p.id === id);
}

/**
 * The profile for a card: an exact ATR match, else the first profile of the kind the ATR's
 * historical bytes suggest ("CNS" -> ts-cns, "HPC" -> siss-operator), else DEFAULT_PROFILE.
 */
export function pickProfile(atr: Uint8Array): CardProfile {
  const hex = toHex(atr);
  const exact = PROFILES.find((p) => p.atrs.includes(hex));
  if (exact) return exact;
  const { kind } = classifyAtr(atr);
  if (kind !== 'unknown') return PROFILES.find((p) => p.kind === kind) ?? DEFAULT_PROFILE;
  return DEFAULT_PROFILE;
}
