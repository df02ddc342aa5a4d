import { classifyAtr } from './atr';
import { CardDataError, CardStatusError } from './errors';
import { CardFileAccess } from './fileAccess';
import { readOperatorWith } from './operatorCard';
import { pickProfile } from './profiles';
import { readPatientWith } from './tsCns';
import type { CardIdentity, Transmit } from './types';

/** Wraps a transmit function with a counter of the APDUs sent through it. */
export function countingTransmit(transmit: Transmit): { transmit: Transmit; count: () => number } {
  let n = 0;
  return {
    transmit: (apdu) => {
      n++;
      return transmit(apdu);
    },
    count: () => n,
  };
}

/**
 * What the card in the reader is, confirmed by reading it. The ATR gives a guess (atr.ts):
 *
 * - patient guess: read EF_Dati_personali (+ serial). The card refusing the file -> 'unknown';
 *   data that does not add up -> CardDataError (a damaged patient card, which the user must hear
 *   about rather than "unknown card").
 * - operator guess: read the certificate, the same way.
 * - unknown ATR: try the patient read, then the operator read; refusals and bad data both just
 *   mean "not this kind" here. Nothing reads -> 'unknown'.
 *
 * A patient guess never falls back to the operator read: a TS-CNS also carries a certificate whose
 * CN holds the holder's codice fiscale, and must never pass for an operator card.
 * Errors other than CardStatusError / CardDataError (CardRemovedError, transport) always propagate.
 */
export async function identifyCard(atr: Uint8Array, transmit: Transmit): Promise<CardIdentity> {
  const counter = countingTransmit(transmit);
  const files = new CardFileAccess(counter.transmit);
  const profile = pickProfile(atr);
  const guess = classifyAtr(atr).kind;
  const done = (identity: Omit<CardIdentity, 'apdus' | 'profileId'>): CardIdentity => ({
    ...identity,
    apdus: counter.count(),
    profileId: profile.id,
  });

  if (guess === 'patient') {
    try {
      return done({ kind: 'patient', patient: await readPatientWith(files, profile) });
    } catch (err) {
      if (err instanceof CardStatusError) return done({ kind: 'unknown' });
      throw err;
    }
  }
  if (guess === 'operator') {
    try {
      return done({ kind: 'operator', operator: await readOperatorWith(files, profile) });
    } catch (err) {
      if (err instanceof CardStatusError) return done({ kind: 'unknown' });
      throw err;
    }
  }
  const notThisKind = (err: unknown): boolean => err instanceof CardStatusError || err instanceof CardDataError;
  try {
    return done({ kind: 'patient', patient: await readPatientWith(files, profile) });
  } catch (err) {
    if (!notThisKind(err)) throw err;
  }
  try {
    return done({ kind: 'operator', operator: await readOperatorWith(files, profile) });
  } catch (err) {
    if (!notThisKind(err)) throw err;
  }
  return done({ kind: 'unknown' });
}
