import { fromHex, toHex } from './bytes';
import { CardDataError } from './errors';
import type { CardKind } from './types';

/**
 * Answer To Reset (ISO 7816-3): enough parsing to find the historical bytes, where the Italian
 * cards say what they are ("CNS" on citizen cards, "HPC" on professional ones).
 *
 *   TS | T0 (Y1 = high nibble: which of TA1 TB1 TC1 TD1 follow; K = low nibble: number of
 *   historical bytes) | interface bytes, TDi chaining to the next level (high nibble Yi+1, low
 *   nibble the protocol T) | K historical bytes | TCK (present unless only T=0 is indicated).
 */

export interface InterfaceLevel {
  ta?: number;
  tb?: number;
  tc?: number;
  td?: number;
}

export interface ParsedAtr {
  ts: number;
  t0: number;
  levels: InterfaceLevel[];
  /** Protocols indicated by the TDi bytes (T=0 when none is). */
  protocols: number[];
  historical: Uint8Array;
  tck: number | null;
  /** XOR of T0..TCK is zero (null when there is no TCK). Reported, not enforced. */
  tckValid: boolean | null;
}

/** Parses an ATR; CardDataError when its structure does not add up. */
export function parseAtr(atr: Uint8Array): ParsedAtr {
  const at = (i: number): number => {
    const b = atr[i];
    if (b === undefined) throw new CardDataError(`ATR ${toHex(atr)} ends early`);
    return b;
  };
  const ts = at(0);
  if (ts !== 0x3b && ts !== 0x3f) throw new CardDataError(`ATR ${toHex(atr)}: TS must be 3B or 3F`);
  const t0 = at(1);
  const k = t0 & 0x0f;
  let y = t0 >> 4;
  let i = 2;
  const levels: InterfaceLevel[] = [];
  const protocols: number[] = [];
  for (;;) {
    const level: InterfaceLevel = {};
    if (y & 0x1) level.ta = at(i++);
    if (y & 0x2) level.tb = at(i++);
    if (y & 0x4) level.tc = at(i++);
    if (y & 0x8) level.td = at(i++);
    levels.push(level);
    if (level.td === undefined) break;
    protocols.push(level.td & 0x0f);
    y = level.td >> 4;
    if (levels.length > 32) throw new CardDataError(`ATR ${toHex(atr)}: interface bytes never end`);
  }
  const historical = atr.slice(i, i + k);
  if (historical.length !== k) throw new CardDataError(`ATR ${toHex(atr)} ends inside the historical bytes`);
  i += k;
  const hasTck = protocols.some((t) => t !== 0);
  let tck: number | null = null;
  let tckValid: boolean | null = null;
  if (hasTck) {
    tck = at(i++);
    let x = 0;
    for (let j = 1; j < i; j++) x ^= atr[j] as number;
    tckValid = x === 0;
  }
  if (i !== atr.length) throw new CardDataError(`ATR ${toHex(atr)} has ${atr.length - i} bytes after its end`);
  return { ts, t0, levels, protocols: protocols.length > 0 ? protocols : [0], historical, tck, tckValid };
}

/** ATRs seen on real Italian cards (pcsc-tools smartcard_list.txt, via CARDS.md). */
export const ATR = {
  CARTA_SISS: '3BFF1800008131FE45006B050520000112024850431031804C',
  CRS_LOMBARDIA: '3BFF1800FF8131FE55006B02090200011101434E531031808F',
  TS_CNS: '3BFF1800FF8131FE55006B02091617011101434E531131808D',
  /** Short-form TS-CNS: no "CNS" marker at all, known only from this table. */
  TS_CNS_SHORT: '3B8B80010031C16408923354009000F3',
} as const;

export interface KnownAtr {
  atr: string;
  kind: CardKind;
  label: string;
}

export const KNOWN_ATRS: readonly KnownAtr[] = [
  { atr: ATR.CARTA_SISS, kind: 'operator', label: 'Carta SISS (operatore)' },
  { atr: ATR.CRS_LOMBARDIA, kind: 'patient', label: 'CRS Lombardia (cittadino)' },
  { atr: ATR.TS_CNS, kind: 'patient', label: 'Tessera Sanitaria - CNS' },
  { atr: ATR.TS_CNS_SHORT, kind: 'patient', label: 'Tessera Sanitaria - CNS (ATR corto)' },
];

const MARKER_CNS = fromHex('434E53');
const MARKER_HPC = fromHex('485043');

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export interface AtrClassification {
  /** A guess: identify.ts confirms it by reading the card. */
  kind: CardKind;
  reason: 'known-atr' | 'historical-bytes' | 'unrecognized' | 'malformed';
  label: string | null;
}

/**
 * Guesses the card kind: the known-ATR table first, then the marker in the historical bytes
 * ("CNS" -> patient, which includes CRS citizen cards; "HPC" -> operator); anything else unknown.
 */
export function classifyAtr(atr: Uint8Array): AtrClassification {
  const hex = toHex(atr);
  const known = KNOWN_ATRS.find((k) => k.atr === hex);
  if (known) return { kind: known.kind, reason: 'known-atr', label: known.label };
  let parsed: ParsedAtr;
  try {
    parsed = parseAtr(atr);
  } catch (err) {
    if (err instanceof CardDataError) return { kind: 'unknown', reason: 'malformed', label: null };
    throw err;
  }
  const cns = contains(parsed.historical, MARKER_CNS);
  const hpc = contains(parsed.historical, MARKER_HPC);
  if (cns && !hpc) return { kind: 'patient', reason: 'historical-bytes', label: 'CNS' };
  if (hpc && !cns) return { kind: 'operator', reason: 'historical-bytes', label: 'HPC' };
  return { kind: 'unknown', reason: 'unrecognized', label: null };
}
